import { linearScale } from './scale';

describe('linearScale', () => {
  test('rounds the range out to multiples of a 1, 2 or 5 step', () => {
    expect(linearScale(0, 93_450)).toEqual({ min: 0, max: 100_000, ticks: [0, 50_000, 100_000] });
    expect(linearScale(0, 1_234)).toEqual({ min: 0, max: 1_500, ticks: [0, 500, 1_000, 1_500] });
  });

  test('covers negative values with zero as a tick', () => {
    const scale = linearScale(-1_200, 4_800);
    expect(scale.min).toBe(-2_000);
    expect(scale.max).toBe(6_000);
    expect(scale.ticks).toContain(0);
  });

  test('returns a unit range when every value is equal', () => {
    expect(linearScale(0, 0)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });

  test('produces ticks without float drift', () => {
    expect(linearScale(0, 0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
