import { parseStorageKey } from './storage-key';

describe('parseStorageKey', () => {
  it('reads a relative key as path segments', () => {
    expect(parseStorageKey('orders/2026/SO-100001.pdf')).toEqual({ kind: 'path', segments: ['orders', '2026', 'SO-100001.pdf'] });
  });

  it('keeps names with dots that are not dot segments', () => {
    expect(parseStorageKey('a..b/.hidden/x.pdf')).toEqual({ kind: 'path', segments: ['a..b', '.hidden', 'x.pdf'] });
  });

  it('reads https and http keys as URLs', () => {
    const https = parseStorageKey('https://files.example.com/orders/1.pdf?sig=abc');
    const http = parseStorageKey('http://127.0.0.1:4300/1.pdf');

    expect(https.kind).toBe('url');
    expect(https.kind === 'url' ? https.url.host : null).toBe('files.example.com');
    expect(http.kind).toBe('url');
    expect(http.kind === 'url' ? http.url.host : null).toBe('127.0.0.1:4300');
  });

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(1_001)],
    ['absolute', '/etc/passwd'],
    ['parent segment', '../secret'],
    ['inner parent segment', 'orders/../../secret'],
    ['dot segment', './orders/1.pdf'],
    ['trailing slash', 'orders/'],
    ['doubled slash', 'orders//1.pdf'],
    ['backslash', 'orders\\..\\secret'],
    ['NUL', 'orders/1.pdf\u0000.txt'],
    ['newline', 'orders/1\n.pdf'],
    ['colon', 'orders/1.pdf:stream'],
    ['file URL', 'file:///etc/passwd'],
    ['data URL', 'data:text/plain,hello'],
    ['drive letter', 'C:/secret'],
    ['URL with credentials', 'https://user:pass@files.example.com/1.pdf'],
    ['malformed URL', 'https://'],
  ])('rejects %s', (_label, key) => {
    expect(parseStorageKey(key).kind).toBe('invalid');
  });
});
