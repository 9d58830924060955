import { safeContentType } from './content-type';

describe('safeContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Application/PDF', 'application/pdf'],
    [' image/png ', 'image/png'],
    ['text/plain; charset=UTF-8', 'text/plain; charset=utf-8'],
    ['text/plain;charset="iso-8859-1"', 'text/plain; charset=iso-8859-1'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('keeps %j as %j', (input, expected) => {
    expect(safeContentType(input)).toBe(expected);
  });

  it.each(['', 'pdf', 'application/pdf\r\nSet-Cookie: a=b', 'text/html; boundary=x', 'application/pdf; charset=', `application/${'x'.repeat(200)}`])(
    'replaces %j with application/octet-stream',
    (input) => {
      expect(safeContentType(input)).toBe('application/octet-stream');
    },
  );
});
