import { createStripeClient, parseStripeApiUrl, STRIPE_API_VERSION } from './client';

describe('parseStripeApiUrl', () => {
  it('splits a loopback address into protocol, host and port', () => {
    expect(parseStripeApiUrl('http://127.0.0.1:4200')).toEqual({ protocol: 'http', host: '127.0.0.1', port: 4200 });
  });

  it('uses the default port of the protocol', () => {
    expect(parseStripeApiUrl('https://api.example.com')).toEqual({ protocol: 'https', host: 'api.example.com', port: 443 });
  });

  it('removes the brackets of an IPv6 address', () => {
    expect(parseStripeApiUrl('http://[::1]:4200/')).toEqual({ protocol: 'http', host: '::1', port: 4200 });
  });

  it.each(['127.0.0.1:4200', 'ftp://127.0.0.1', 'http://127.0.0.1:4200/v1', 'http://user:pw@127.0.0.1:4200'])('rejects %s', (value) => {
    expect(() => parseStripeApiUrl(value)).toThrow('Invalid Stripe API address');
  });
});

describe('createStripeClient', () => {
  it('pins the API version', () => {
    const stripe = createStripeClient({ secretKey: 'sk_test_x', apiUrl: 'http://127.0.0.1:4200' });
    expect(stripe.getApiField('version')).toBe(STRIPE_API_VERSION);
    expect(stripe.getApiField('host')).toBe('127.0.0.1');
    expect(stripe.getApiField('port')).toBe(4200);
    expect(stripe.getApiField('protocol')).toBe('http');
  });

  it('rejects an empty key', () => {
    expect(() => createStripeClient({ secretKey: ' ' })).toThrow('The Stripe secret key is empty');
  });
});
