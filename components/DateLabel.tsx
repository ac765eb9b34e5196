/**
 * A dated line's date: a <time datetime> element, marked "≈" when the date was inferred; its title
 * says how the date was found, or that the reader set it.
 */
import type { SourceSummary } from '../core/protocol';
import { formatDate } from '../core/date-format';

const HOW_FOUND: Record<SourceSummary['dateSource'], string> = {
  'date-line': 'an explicit date line',
  'json-ld': 'the page’s structured data (JSON-LD)',
  meta: 'the page’s metadata',
  'time-element': 'a <time> element in the article header',
  url: 'a date in the page’s address',
  dateline: 'a dateline in the text',
  'month-day+context-year': 'a day in the text, with the year inferred from context',
  'latest-event': 'the latest event the text reports (no date in the text)',
  added: 'none found: this is the day the page was added',
  reader: 'you, in the reading room',
};

export interface DateLabelProps {
  source: Pick<SourceSummary, 'date' | 'dateSource' | 'dateConfidence' | 'datePrecision' | 'remembered'>;
}

export function DateLabel({ source }: DateLabelProps) {
  const inferred = source.dateConfidence < 0.6 || source.dateSource === 'latest-event';
  const added = source.dateSource === 'added';
  const text = formatDate(source.date, source.datePrecision);
  const title = `Date ${dateProvenance(source)} (confidence ${Math.round(source.dateConfidence * 100)}%)`;
  return (
    <time class="bs-date" dateTime={source.date} title={title}>
      {added ? `${source.remembered ? 'read' : 'added'} ${text}` : inferred ? `≈ ${text}` : text}
    </time>
  );
}

export function howDateWasFound(source: Pick<SourceSummary, 'dateSource'>): string {
  return HOW_FOUND[source.dateSource];
}

/** Where a date comes from, after the word "Date": "set by you", or "from the page’s metadata". */
export function dateProvenance(source: Pick<SourceSummary, 'dateSource'>): string {
  return source.dateSource === 'reader' ? 'set by you' : `from ${HOW_FOUND[source.dateSource]}`;
}
