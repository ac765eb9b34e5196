/**
 * A small bar chart of excerpt counts per month (an SVG). Months without excerpts are shown as
 * gaps so the reader sees when things were said. Each bar is a button: choosing one filters the
 * list to that month, choosing it again clears the filter.
 */
import type { TimelineBucket } from '../core/protocol';
import { useI18n } from '../lib/i18n/use-i18n';

export interface TimelineProps {
  buckets: readonly TimelineBucket[];
  selected?: string;
  onSelect: (month: string | undefined) => void;
  /** Accessible name of the chart. */
  label: string;
}

/** Every month from the first to the last bucket, with zero counts filled in. */
export function fillMonths(buckets: readonly TimelineBucket[]): TimelineBucket[] {
  if (buckets.length === 0) return [];
  const sorted = [...buckets].sort((a, b) => a.month.localeCompare(b.month));
  const counts = new Map(sorted.map((bucket) => [bucket.month, bucket.count]));
  const [firstYear, firstMonth] = (sorted[0] as TimelineBucket).month.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = (sorted[sorted.length - 1] as TimelineBucket).month.split('-').map(Number) as [number, number];
  const filled: TimelineBucket[] = [];
  for (let year = firstYear, month = firstMonth; year < lastYear || (year === lastYear && month <= lastMonth);) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    filled.push({ month: key, count: counts.get(key) ?? 0 });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    if (filled.length > 600) break; // 50 years: enough for any corpus
  }
  return filled;
}

const HEIGHT = 64;
const LABEL_HEIGHT = 14;
/** Room a year label needs ("2024" at 10px, and a gap). */
const LABEL_WIDTH = 28;

export function Timeline({ buckets, selected, onSelect, label }: TimelineProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const months = fillMonths(buckets);
  if (months.length === 0) return null;
  const max = Math.max(...months.map((bucket) => bucket.count), 1);
  const barWidth = Math.max(4, Math.min(28, Math.floor(320 / months.length) - 2));
  const width = months.length * (barWidth + 2);
  // The first month shows its year too, unless the next January is too close: the labels would overlap.
  const firstJanuary = months.findIndex((bucket, index) => index > 0 && bucket.month.endsWith('-01'));
  const years = months.filter((bucket, index) => bucket.month.endsWith('-01') ||
    (index === 0 && (firstJanuary < 0 || firstJanuary * (barWidth + 2) >= LABEL_WIDTH)));
  return (
    <figure class="bs-timeline">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + LABEL_HEIGHT}`}
        width={width}
        height={HEIGHT + LABEL_HEIGHT}
        role="group"
        aria-label={label}
      >
        {months.map((bucket, index) => {
          const height = bucket.count === 0 ? 1 : Math.max(3, Math.round((bucket.count / max) * (HEIGHT - 4)));
          const name = t('room.timeline.bar', { month: formatDate(`${bucket.month}-01`, 'month'), count: bucket.count });
          const isSelected = bucket.month === selected;
          const activate = () => bucket.count > 0 && onSelect(isSelected ? undefined : bucket.month);
          return (
            <g
              key={bucket.month}
              class={`bs-bar${isSelected ? ' bs-bar-selected' : ''}${bucket.count === 0 ? ' bs-bar-empty' : ''}`}
              role={bucket.count > 0 ? 'button' : undefined}
              // Lower case: in SVG, Preact sets attributes by the name given, and "tabIndex" is not one.
              tabindex={bucket.count > 0 ? 0 : undefined}
              aria-label={bucket.count > 0 ? name : undefined}
              aria-pressed={bucket.count > 0 ? isSelected : undefined}
              onClick={activate}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  activate();
                }
              }}
            >
              <title>{name}</title>
              <rect x={index * (barWidth + 2)} y={0} width={barWidth} height={HEIGHT} fill="transparent" />
              <rect x={index * (barWidth + 2)} y={HEIGHT - height} width={barWidth} height={height} rx={1.5} class="bs-bar-fill" />
            </g>
          );
        })}
        {years.map((bucket) => {
          const index = months.indexOf(bucket);
          return (
            <text key={`y-${bucket.month}`} x={index * (barWidth + 2)} y={HEIGHT + LABEL_HEIGHT - 2} class="bs-axis-label">
              {formatNumber(Number(bucket.month.slice(0, 4)), { useGrouping: false })}
            </text>
          );
        })}
      </svg>
    </figure>
  );
}
