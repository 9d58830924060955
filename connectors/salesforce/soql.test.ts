import { dateTimeLiteral, likeContains, quote, quotedList, toIsoInstant } from './soql';

describe('SOQL literals', () => {
  test('quote escapes quotes, backslashes and control characters', () => {
    expect(quote("O'Brien")).toBe("'O\\'Brien'");
    expect(quote('a\\b')).toBe("'a\\\\b'");
    expect(quote('line\nbreak\ttab "q"')).toBe("'line\\nbreak\\ttab \\\"q\\\"'");
  });

  test('likeContains escapes wildcards', () => {
    expect(likeContains('50%_off')).toBe("'%50\\%\\_off%'");
    expect(likeContains("it's")).toBe("'%it\\'s%'");
  });

  test('quotedList', () => {
    expect(quotedList(['a', "b'c"])).toBe("('a', 'b\\'c')");
  });

  test('dateTimeLiteral accepts only ISO UTC instants', () => {
    expect(dateTimeLiteral('2026-03-01T09:30:00.000Z')).toBe('2026-03-01T09:30:00Z');
    expect(dateTimeLiteral('2026-03-01T09:30:00.250Z')).toBe('2026-03-01T09:30:00.250Z');
    expect(dateTimeLiteral('2026-03-01T09:30:00Z')).toBe('2026-03-01T09:30:00Z');
    expect(dateTimeLiteral("2026-03-01T09:30:00Z OR Id != null")).toBeNull();
    expect(dateTimeLiteral('2026-13-01T09:30:00Z')).toBeNull();
    expect(dateTimeLiteral('2026-03-01')).toBeNull();
  });

  test('toIsoInstant reads the REST API format', () => {
    expect(toIsoInstant('2026-03-01T09:30:00.000+0000')).toBe('2026-03-01T09:30:00.000Z');
    expect(toIsoInstant('2026-03-01T10:30:00.000+0100')).toBe('2026-03-01T09:30:00.000Z');
    expect(() => toIsoInstant('yesterday')).toThrow(/invalid dateTime "yesterday"/);
  });
});
