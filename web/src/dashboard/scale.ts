/** Value axis of the trend chart. */

export interface LinearScale {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * Widens [min, max] to multiples of a round step (1, 2 or 5 times a power of
 * ten) so the axis gets about `targetTickCount` evenly spaced labels.
 */
export function linearScale(min: number, max: number, targetTickCount = 4): LinearScale {
  if (max - min <= 0) {
    return { min: 0, max: 1, ticks: [0, 1] };
  }

  const roughStep = (max - min) / targetTickCount;
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const residual = roughStep / magnitude;
  let multiplier = 10;
  if (residual <= 1) {
    multiplier = 1;
  } else if (residual <= 2) {
    multiplier = 2;
  } else if (residual <= 5) {
    multiplier = 5;
  }
  const step = multiplier * magnitude;

  const niceMin = Math.floor(min / step) * step;
  const niceMax = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = niceMin; tick <= niceMax + step / 2; tick += step) {
    // Rounding to 12 significant digits removes float drift such as 0.30000000000000004.
    ticks.push(Number(tick.toPrecision(12)));
  }
  return { min: niceMin, max: niceMax, ticks };
}
