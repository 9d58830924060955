import { MIN_LABEL_SPACING, monthLabels } from './month-labels';

const MONTHS = [
  '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08',
  '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
];

function labelledMonths(slotWidth: number): string[] {
  return monthLabels(MONTHS, slotWidth).map((label) => MONTHS[label.index]!);
}

function yearLabels(slotWidth: number): string[] {
  return monthLabels(MONTHS, slotWidth)
    .filter((label) => label.showYear)
    .map((label) => MONTHS[label.index]!);
}

describe('monthLabels', () => {
  test('labels every month on a wide chart', () => {
    expect(labelledMonths(55)).toEqual(MONTHS);
    expect(yearLabels(55)).toEqual(['2025-03', '2026-01']);
  });

  test('labels every second month at 20px', () => {
    expect(labelledMonths(20)).toEqual(['2025-04', '2025-06', '2025-08', '2025-10', '2025-12', '2026-02']);
    expect(yearLabels(20)).toEqual(['2025-04', '2026-02']);
  });

  test('labels every third month at 11px', () => {
    expect(labelledMonths(11)).toEqual(['2025-05', '2025-08', '2025-11', '2026-02']);
  });

  test('keeps labels at least the minimum apart', () => {
    for (let slotWidth = 5; slotWidth <= 70; slotWidth += 0.5) {
      const indexes = monthLabels(MONTHS, slotWidth).map((label) => label.index);
      for (let position = 1; position < indexes.length; position += 1) {
        const distance = (indexes[position]! - indexes[position - 1]!) * slotWidth;
        expect(distance).toBeGreaterThanOrEqual(MIN_LABEL_SPACING);
      }
    }
  });

  test('always labels the latest month', () => {
    for (const slotWidth of [3, 11, 20, 33, 60]) {
      expect(labelledMonths(slotWidth).at(-1)).toBe('2026-02');
    }
  });

  test('labels every month for an unmeasured width', () => {
    expect(labelledMonths(0)).toEqual(MONTHS);
    expect(labelledMonths(Number.NaN)).toEqual(MONTHS);
  });

  test('returns nothing for no months', () => {
    expect(monthLabels([], 20)).toEqual([]);
  });
});
