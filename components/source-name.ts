/**
 * A source's name as the reader reads it: the Backstory chronicle's in the reader's language, any
 * other source's its site or title (the publisher's own words, never translated).
 */
import type { I18n } from '../core/i18n/translator';
import { type SourceRecord, sourceLabel } from '../core/schema';

export function sourceName({ t }: Pick<I18n, 't'>, source: Pick<SourceRecord, 'site' | 'title' | 'kind'>): string {
  return source.kind === 'chronicle' ? t('card.excerpt.chronicle') : sourceLabel(source);
}
