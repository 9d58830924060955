/** Choice of the trend chart's month and year labels on the time axis. */

/**
 * Minimum distance in CSS pixels between the centres of two month labels. A
 * three-letter month or a four-digit year at the chart's 11px font is about
 * 25px wide, so this leaves a gap of at least 7px.
 */
export const MIN_LABEL_SPACING = 32;

export interface MonthLabel {
  /** Position of the month in the chart's points. */
  index: number;
  /** Whether the year goes under the month: the first label, and the first label of each later year. */
  showYear: boolean;
}

/**
 * Chooses which months of the axis get a label when each month has
 * `slotWidth` pixels. Every month is labelled when there is room, and
 * otherwise every second, third and so on month, counted back from the
 * latest one so that the current month always keeps its label.
 */
export function monthLabels(months: readonly string[], slotWidth: number): MonthLabel[] {
  const step = labelStep(slotWidth);
  const labels: MonthLabel[] = [];
  let previousYear: string | undefined;
  const lastIndex = months.length - 1;

  for (let index = 0; index <= lastIndex; index += 1) {
    if ((lastIndex - index) % step !== 0) {
      continue;
    }
    const year = months[index]!.slice(0, 4);
    labels.push({ index, showYear: year !== previousYear });
    previousYear = year;
  }
  return labels;
}

function labelStep(slotWidth: number): number {
  if (!(slotWidth > 0)) {
    return 1;
  }
  return Math.max(1, Math.ceil(MIN_LABEL_SPACING / slotWidth));
}
