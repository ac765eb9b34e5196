/** One dated excerpt: date, source, the text with the entity emphasised, and a link to the original. */
import type { ExcerptView, SourceSummary } from '../core/protocol';
import { safeHref } from '../core/safe-url';
import { sourceLabel } from '../core/schema';
import { formatDate } from '../core/date-format';
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

/** "Watch at 1:21" for a timestamped video link, else "Open original". */
export function linkLabel(url: string): string {
  const seconds = /[?&]t=(\d+)s?\b/u.exec(url)?.[1];
  if (seconds === undefined) return 'Open original';
  const total = Number(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return `Watch at ${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${s}`;
}

export function ExcerptItem({ view, entityId, onSelectSource, onMoreFromSource }: ExcerptItemProps) {
  const { excerpt, source, alsoIn } = view;
  const href = safeHref(excerpt.url ?? source.url);
  const more = onMoreFromSource && (source.excerptCount ?? 0) > 1 ? onMoreFromSource : undefined;
  return (
    <article class="bs-excerpt" aria-label={`${sourceLabel(source)}, ${source.date.slice(0, 10)}`}>
      <div class="bs-excerpt-meta">
        {source.kind === 'chronicle'
          ? <time class="bs-date" dateTime={excerpt.date}>{formatDate(excerpt.date, excerpt.date.length === 7 ? 'month' : 'day')}</time>
          : <DateLabel source={source} />}
        <span aria-hidden="true"> · </span>
        {onSelectSource ? (
          <button type="button" class="bs-link-button bs-source" onClick={() => onSelectSource(source)}>
            {sourceLabel(source)}
          </button>
        ) : (
          <span class="bs-source">{sourceLabel(source)}</span>
        )}
        {view.afterPage && <span class="bs-tag bs-tag-after" title="Dated after the article you are reading">after this article</span>}
        {source.kind === 'chronicle' && <span class="bs-tag bs-tag-read">key date{excerpt.cite ? `, per ${excerpt.cite}` : ''}</span>}
        {source.origin === 'reader' && (source.remembered
          ? <span class="bs-tag bs-tag-read" title="Remembered because you read it">{source.readAt ? `read on ${formatDate(source.readAt.slice(0, 10))}` : 'read by you'}</span>
          : <span class="bs-tag">your page</span>)}
      </div>
      <p class="bs-excerpt-text">
        <ExcerptText text={excerpt.text} mentions={excerpt.mentions} entityId={entityId} matches={view.matches} />
      </p>
      {(href || alsoIn.length > 0 || more) && (
        <div class="bs-excerpt-links">
          {href && (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {linkLabel(href)}
              <span aria-hidden="true"> ↗</span>
            </a>
          )}
          {more && (
            <button type="button" class="bs-link-button bs-more-from-source" onClick={() => more(source)}>
              All {source.excerptCount} from this source
              <span class="bs-visually-hidden">{` (${sourceLabel(source)}), in the reading room`}</span>
            </button>
          )}
          {alsoIn.length > 0 && (
            <span class="bs-also-in">Also in {alsoIn.map((other) => sourceLabel(other)).join(', ')}</span>
          )}
        </div>
      )}
    </article>
  );
}
