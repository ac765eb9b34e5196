/**
 * A source's name as the reader reads it. The pages a reader adds and the seed documents are named
 * by their sites, as written. The chronicle of key dates is Backstory's own (core/chronicle.ts:
 * site "Backstory chronicle", stored in English): it is named in the reader's language. Light
 * enough for the card's part (no gazetteer, no catalog); a chronicle source's title, which names
 * its entity, is `localSourceTitle` in lib/entity-l10n.ts (extension pages).
 */
import { type SourceRecord, sourceLabel } from '../../core/schema';
import type { I18n } from './use-i18n';

/** The source's name (its site), the chronicle's in the reader's language. */
export function localSourceLabel({ t }: Pick<I18n, 't'>, source: Pick<SourceRecord, 'site' | 'title'> & { kind?: SourceRecord['kind'] }): string {
  return source.kind === 'chronicle' ? t('card.chronicle.site') : sourceLabel(source);
}
