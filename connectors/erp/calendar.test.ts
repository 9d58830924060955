import { addDays, dateFromDayNumber, dayNumber, firstOfMonth, monthsEndingWith } from './calendar';

describe('calendar', () => {
  test('day numbers agree with UTC dates for every day of 1999 to 2101', () => {
    const start = Date.UTC(1999, 0, 1);
    for (let day = 0; day < 103 * 366; day += 1) {
      const expected = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      const number = dayNumber(expected);
      if (number !== start / 86_400_000 + day || dateFromDayNumber(number) !== expected) {
        throw new Error(`Calendar mismatch at ${expected}: day number ${number}, back to ${dateFromDayNumber(number)}`);
      }
    }
  });

  test('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-11-30', -29)).toBe('2026-11-01');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  test('monthsEndingWith lists months oldest first', () => {
    expect(monthsEndingWith('2026-11-30', 12)).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05',
      '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(monthsEndingWith('2026-01-15', 2)).toEqual(['2025-12', '2026-01']);
    expect(monthsEndingWith('2026-01-15', 1)).toEqual(['2026-01']);
  });

  test('firstOfMonth moves by whole months', () => {
    expect(firstOfMonth('2026-11-30')).toBe('2026-11-01');
    expect(firstOfMonth('2026-11-30', -11)).toBe('2025-12-01');
    expect(firstOfMonth('2026-11-30', 2)).toBe('2027-01-01');
  });

  test('invalid dates are rejected', () => {
    expect(() => addDays('30.11.2026', 1)).toThrow('Invalid date "30.11.2026": expected YYYY-MM-DD.');
  });
});
