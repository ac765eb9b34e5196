/** One dated excerpt: date, source, the text with the entity emphasised, and a link to the original. */
import type { ExcerptView, SourceSummary } from '../core/protocol';
import type { I18n } from '../core/i18n/translator';
import { safeHref } from '../core/safe-url';
import { localSourceLabel } from '../lib/i18n/source-names';
import { useI18n } from '../lib/i18n/use-i18n';
import { DateLabel } from './DateLabel';
import { ExcerptText } from './ExcerptText';

export interface ExcerptItemProps {
  view: ExcerptView;
  /** The entity to emphasise in the text. */
  entityId?: string;
  /** Heading level of the source line, for a correct outline (the card uses 3). */
  headingLevel?: 3 | 4;
  onSelectSource?: (source: SourceSummary) => void;
  /** Show the source's other excerpts (the card shows at most two of one source). */
  onMoreFromSource?: (source: SourceSummary) => void;
}

/** "Watch at 1:21" for a timestamped video link, else "Open original" (in the reader's language). */
export function linkLabel({ t }: Pick<I18n, 't'>, url: string): string {
  const seconds = /[?&]t=(\d+)s?\b/u.exec(url)?.[1];
  if (seconds === undefined) return t('card.excerpt.open');
  const total = Number(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return t('card.excerpt.watch', { time: `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${s}` });
}

export function ExcerptItem({ view, entityId, onSelectSource, onMoreFromSource }: ExcerptItemProps) {
  const i18n = useI18n();
  const { t, formatDate, formatList } = i18n;
  const { excerpt, source, alsoIn } = view;
  const href = safeHref(excerpt.url ?? source.url);
  const more = onMoreFromSource && (source.excerptCount ?? 0) > 1 ? onMoreFromSource : undefined;
  return (
    <article class="bs-excerpt" aria-label={t('card.excerpt.label', { source: localSourceLabel(i18n, source), date: formatDate(source.date, source.datePrecision) })}>
      <div class="bs-excerpt-meta">
        {source.kind === 'chronicle'
          ? <time class="bs-date" dateTime={excerpt.date}>{formatDate(excerpt.date, excerpt.date.length === 7 ? 'month' : 'day')}</time>
          : <DateLabel source={source} />}
        <span aria-hidden="true"> · </span>
        {onSelectSource ? (
          <button type="button" class="bs-link-button bs-source" onClick={() => onSelectSource(source)}>
            {localSourceLabel(i18n, source)}
          </button>
        ) : (
          <span class="bs-source">{localSourceLabel(i18n, source)}</span>
        )}
        {view.afterPage && <span class="bs-tag bs-tag-after" title={t('card.excerpt.afterTitle')}>{t('card.excerpt.after')}</span>}
        {source.kind === 'chronicle' && (
          <span class="bs-tag bs-tag-read">{excerpt.cite ? t('card.excerpt.keyDatePer', { cite: excerpt.cite }) : t('card.excerpt.keyDate')}</span>
        )}
        {source.origin === 'reader' && (source.remembered
          ? (
            <span class="bs-tag bs-tag-read" title={t('card.excerpt.rememberedTitle')}>
              {source.readAt ? t('card.excerpt.readOn', { date: formatDate(source.readAt.slice(0, 10)) }) : t('card.excerpt.readByYou')}
            </span>
          )
          : <span class="bs-tag">{t('card.excerpt.yourPage')}</span>)}
      </div>
      <p class="bs-excerpt-text">
        <ExcerptText text={excerpt.text} mentions={excerpt.mentions} entityId={entityId} matches={view.matches} />
      </p>
      {(href || alsoIn.length > 0 || more) && (
        <div class="bs-excerpt-links">
          {href && (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {linkLabel(i18n, href)}
              <span aria-hidden="true"> ↗</span>
            </a>
          )}
          {more && (
            <button type="button" class="bs-link-button bs-more-from-source" onClick={() => more(source)}>
              {t('card.excerpt.allFromSource', { count: source.excerptCount ?? 0 })}
              <span class="bs-visually-hidden">{t('card.excerpt.allFromSourceWhere', { source: localSourceLabel(i18n, source) })}</span>
            </button>
          )}
          {alsoIn.length > 0 && (
            <span class="bs-also-in">{t('card.excerpt.alsoIn', { sources: formatList(alsoIn.map((other) => localSourceLabel(i18n, other))) })}</span>
          )}
        </div>
      )}
    </article>
  );
}
