/**
 * A dated line's date: a <time datetime> element, marked "≈" when the date was inferred; its title
 * says how the date was found, or that the reader set it. Dates, percentages and words are in the
 * reader's language.
 */
import type { SourceSummary } from '../core/protocol';
import type { MessageKey } from '../core/i18n/keys';
import type { I18n } from '../core/i18n/translator';
import { useI18n } from '../lib/i18n/use-i18n';

/** Where a date comes from, as the words that follow "Date" ("from the page’s metadata", "set by you"). */
const PROVENANCE: Record<SourceSummary['dateSource'], MessageKey> = {
  'date-line': 'card.date.from.date-line',
  'json-ld': 'card.date.from.json-ld',
  meta: 'card.date.from.meta',
  'time-element': 'card.date.from.time-element',
  url: 'card.date.from.url',
  dateline: 'card.date.from.dateline',
  'month-day+context-year': 'card.date.from.month-day+context-year',
  'latest-event': 'card.date.from.latest-event',
  added: 'card.date.from.added',
  reader: 'card.date.from.reader',
};

export interface DateLabelProps {
  source: Pick<SourceSummary, 'date' | 'dateSource' | 'dateConfidence' | 'datePrecision' | 'remembered'>;
}

export function DateLabel({ source }: DateLabelProps) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  const inferred = source.dateConfidence < 0.6 || source.dateSource === 'latest-event';
  const added = source.dateSource === 'added';
  const date = formatDate(source.date, source.datePrecision);
  const title = t('card.date.title', {
    provenance: dateProvenance(i18n, source),
    confidence: formatNumber(Math.round(source.dateConfidence * 100) / 100, { style: 'percent' }),
  });
  return (
    <time class="bs-date" dateTime={source.date} title={title}>
      {added ? t(source.remembered ? 'card.date.read' : 'card.date.added', { date }) : inferred ? t('card.date.inferred', { date }) : date}
    </time>
  );
}

/** Where a date comes from, after the word "Date": "set by you", or "from the page’s metadata". */
export function dateProvenance({ t }: Pick<I18n, 't'>, source: Pick<SourceSummary, 'dateSource'>): string {
  return t(PROVENANCE[source.dateSource]);
}
