import type { FastifyRequest } from 'fastify';

import { serializeRequest } from '../logging';
import { requestOrigin } from './session-cookie';

function fakeRequest(host: string | undefined, protocol = 'http', localAddress = '127.0.0.1'): FastifyRequest {
  return { host, protocol, socket: { localAddress, localPort: 4000 } } as unknown as FastifyRequest;
}

describe('request origin', () => {
  it.each([
    ['portal.example.com', 'https', 'https://portal.example.com'],
    ['portal.example.com:8443', 'https', 'https://portal.example.com:8443'],
    ['127.0.0.1:4000', 'http', 'http://127.0.0.1:4000'],
    ['[::1]:4000', 'http', 'http://[::1]:4000'],
    ['rover_portal:4000', 'http', 'http://rover_portal:4000'],
  ])('uses the valid Host %j', (host, protocol, origin) => {
    expect(requestOrigin(fakeRequest(host, protocol))).toBe(origin);
  });

  it.each([
    ['user information', 'portal.example:80@attacker.example'],
    ['a path', 'attacker.example/x'],
    ['a backslash', 'attacker.example\\x'],
    ['a port above 65535', 'portal.example:70000'],
    ['a space', 'portal.example attacker.example'],
    ['an overlong name', `${'a'.repeat(300)}.example`],
    ['no Host at all', undefined],
  ])('falls back to the local address for %s', (_label, host) => {
    expect(requestOrigin(fakeRequest(host))).toBe('http://127.0.0.1:4000');
  });

  it('brackets a local IPv6 address', () => {
    expect(requestOrigin(fakeRequest('a@b', 'http', '::1'))).toBe('http://[::1]:4000');
  });

  it('accepts only http and https as the protocol', () => {
    expect(requestOrigin(fakeRequest('portal.example.com', 'javascript'))).toBe('http://portal.example.com');
  });
});

describe('request log serializer', () => {
  it('logs the path without the query string', () => {
    const request = { method: 'GET', url: '/graphql?query=x&variables=%7B%22p%22%3A%22secret%22%7D', host: 'portal.example.com', ip: '10.0.0.1', socket: { remotePort: 5555 } };
    expect(serializeRequest(request)).toEqual({
      method: 'GET',
      url: '/graphql?[redacted]',
      host: 'portal.example.com',
      remoteAddress: '10.0.0.1',
      remotePort: 5555,
    });
  });

  it('logs a URL without a query string unchanged', () => {
    expect(serializeRequest({ method: 'GET', url: '/documents/invoices/INV-1.pdf' })['url']).toBe('/documents/invoices/INV-1.pdf');
  });
});
