import { canonicalJson, decodeForm, FormDecodeError } from './form';

describe('decodeForm', () => {
  it('builds nested objects and arrays from bracket keys', () => {
    const body = 'mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[1][quantity]=2&metadata[a]=x&expand[]=one&expand[]=two';
    expect(decodeForm(body)).toEqual({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'usd' } }, { quantity: '2' }],
      metadata: { a: 'x' },
      expand: ['one', 'two'],
    });
  });

  it('rejects a key given twice and array gaps', () => {
    expect(() => decodeForm('a=1&a=2')).toThrow(FormDecodeError);
    expect(() => decodeForm('a[0]=1&a[2]=2')).toThrow(FormDecodeError);
    expect(() => decodeForm('a=1&a[b]=2')).toThrow(FormDecodeError);
  });
});

describe('canonicalJson', () => {
  it('ignores the order of object keys', () => {
    expect(canonicalJson(decodeForm('a=1&b[x]=2&b[y]=3'))).toBe(canonicalJson(decodeForm('b[y]=3&b[x]=2&a=1')));
  });

  it('keeps the order of array items', () => {
    expect(canonicalJson(decodeForm('a[0]=1&a[1]=2'))).not.toBe(canonicalJson(decodeForm('a[0]=2&a[1]=1')));
  });
});
