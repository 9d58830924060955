import { useId, useLayoutEffect, useRef, useState } from 'react';
import { formatMoney, formatMonthLong, formatMonthShort } from '../format';
import type { MoneyValue } from '../ui/values';
import { monthLabels } from './month-labels';
import { linearScale } from './scale';

export interface TrendPoint {
  /** "YYYY-MM" */
  month: string;
  invoiced: MoneyValue;
  paid: MoneyValue;
}

// The chart is drawn in CSS pixels at the measured width of its container,
// so its labels keep their font size from a phone to a desktop screen.
const DEFAULT_WIDTH = 400;
const MIN_WIDTH = 280;
const MAX_WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 40, left: 52 };
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/**
 * Bar chart of the amounts invoiced and paid per month, drawn as inline SVG,
 * with the exact figures in a table below it for screen readers and for
 * anyone who wants the numbers.
 */
export function TrendChart({ points, currency }: { points: readonly TrendPoint[]; currency: string }) {
  const titleId = useId();
  const descriptionId = useId();
  const first = points[0];
  const last = points[points.length - 1];
  const range = first && last ? `${formatMonthLong(first.month)} to ${formatMonthLong(last.month)}` : '';
  const [containerRef, width] = useContainerWidth();

  return (
    <figure className="trend-figure" ref={containerRef}>
      <ChartLegend />
      <svg
        className="trend-chart"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
      >
        <title id={titleId}>Amounts invoiced and paid per month</title>
        <desc id={descriptionId}>
          {`Bar chart from ${range}. The table "Invoiced and paid by month" below lists the same figures.`}
        </desc>
        <ChartBody points={points} currency={currency} width={width} />
      </svg>
      <details className="trend-table">
        <summary>Show the figures as a table</summary>
        <table>
          <caption>Invoiced and paid by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="numeric">
                Invoiced
              </th>
              <th scope="col" className="numeric">
                Paid
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.month}>
                <th scope="row">{formatMonthLong(point.month)}</th>
                <td className="numeric">{formatMoney(point.invoiced.amount, point.invoiced.currency)}</td>
                <td className="numeric">{formatMoney(point.paid.amount, point.paid.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function ChartLegend() {
  return (
    <ul className="chart-legend">
      <li>
        <span className="swatch swatch-invoiced" aria-hidden="true" />
        Invoiced
      </li>
      <li>
        <span className="swatch swatch-paid" aria-hidden="true" />
        Paid
      </li>
    </ul>
  );
}

/** Measures the element's content width, clamped to the chart's limits, and follows later resizes. */
function useContainerWidth() {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) {
      return undefined;
    }
    const update = () => setWidth(Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, element.clientWidth))));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return [ref, width] as const;
}

interface ChartBodyProps {
  points: readonly TrendPoint[];
  currency: string;
  width: number;
}

function ChartBody({ points, currency, width }: ChartBodyProps) {
  // Bar heights only need pixel precision, so converting the decimal strings to
  // floats is harmless here. Every printed amount uses formatMoney instead.
  const values = points.flatMap((point) => [Number(point.invoiced.amount), Number(point.paid.amount)]);
  const scale = linearScale(Math.min(0, ...values), Math.max(0, ...values));
  const y = (value: number) => MARGIN.top + PLOT_HEIGHT - ((value - scale.min) / (scale.max - scale.min)) * PLOT_HEIGHT;
  const tickFormatter = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });

  const plotWidth = width - MARGIN.left - MARGIN.right;
  const groupWidth = plotWidth / Math.max(points.length, 1);
  const barWidth = groupWidth * 0.34;
  const zeroY = y(0);
  // On a narrow chart only every second or third month gets a label, so that
  // labels do not overlap. The table below the chart lists every month.
  const labels = new Map(monthLabels(points.map((point) => point.month), groupWidth).map((label) => [label.index, label]));

  return (
    <>
      <g className="chart-grid" aria-hidden="true">
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {tickFormatter.format(tick)}
            </text>
          </g>
        ))}
      </g>

      <g aria-hidden="true">
        {points.map((point, index) => {
          const groupX = MARGIN.left + index * groupWidth;
          const invoiced = Number(point.invoiced.amount);
          const paid = Number(point.paid.amount);
          const label = labels.get(index);

          return (
            <g key={point.month}>
              <rect
                className="bar-invoiced"
                x={groupX + groupWidth / 2 - barWidth - 1}
                y={Math.min(y(invoiced), zeroY)}
                width={barWidth}
                height={Math.abs(y(invoiced) - zeroY)}
              />
              <rect
                className="bar-paid"
                x={groupX + groupWidth / 2 + 1}
                y={Math.min(y(paid), zeroY)}
                width={barWidth}
                height={Math.abs(y(paid) - zeroY)}
              />
              {label ? (
                <text className="axis-label" x={groupX + groupWidth / 2} y={HEIGHT - MARGIN.bottom + 14} textAnchor="middle">
                  {formatMonthShort(point.month)}
                </text>
              ) : null}
              {label?.showYear ? (
                <text className="axis-label" x={groupX + groupWidth / 2} y={HEIGHT - MARGIN.bottom + 28} textAnchor="middle">
                  {point.month.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="chart-axis" x1={MARGIN.left} x2={width - MARGIN.right} y1={zeroY} y2={zeroY} />
      </g>
    </>
  );
}
