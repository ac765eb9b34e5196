/**
 * Search over the whole corpus: results as you type (prefix and fuzzy matching, matches marked),
 * with filters by entity, date range and source.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchFilters, SearchResult, SourceSummary } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { ExcerptItem } from '../../components/ExcerptItem';
import { errorMessage } from '../../lib/i18n/error-text';
import { localSourceTitle, useEntityText } from '../../lib/entity-l10n';
import { localSourceLabel } from '../../lib/i18n/source-names';
import { useI18n } from '../../lib/i18n/use-i18n';
import { useKnownEntities } from '../../lib/known-entities';
import { askBackground } from '../../lib/messaging';

export interface SearchViewProps {
  sources: readonly SourceRecord[];
  entityCounts: Record<string, number>;
  corpusVersion: number;
  onOpenEntity: (entityId: string) => void;
  /** Put the cursor in the search box when the view appears (not when the reader moves between tabs). */
  focusOnMount?: boolean;
  /** What to search for when the view appears (a card's "More from this source", an empty card's "Search"). */
  initial?: { query?: string; sourceId?: string };
}

type ResultState = { status: 'idle' } | { status: 'searching' } | { status: 'ready'; result: SearchResult } | { status: 'failed'; message: string };

/** The full-text index, loaded by the background when the reading room opens (not for cards). */
type IndexState = { status: 'loading' } | { status: 'ready'; excerpts: number } | { status: 'failed'; message: string };

const DEBOUNCE_MS = 90;
/** Results asked for at first, and added by each "Show more". */
const PAGE_SIZE = 20;
const MAX_RESULTS = 500;

export function SearchView({ sources, entityCounts, corpusVersion, onOpenEntity, focusOnMount = true, initial }: SearchViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState(initial?.query ?? '');
  const [entityId, setEntityId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sourceId, setSourceId] = useState(initial?.sourceId ?? '');
  const [state, setState] = useState<ResultState>({ status: 'idle' });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [index, setIndex] = useState<IndexState>({ status: 'loading' });
  const [limit, setLimit] = useState(PAGE_SIZE);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const known = useKnownEntities();
  const text = useEntityText();
  // The names the reader tracks are entities too. Each in the reader's language, in its alphabetical order.
  const entities = useMemo(
    () => known.entities.filter((entity) => (entityCounts[entity.id] ?? 0) > 0)
      .map((entity) => ({ id: entity.id, name: text.name(entity) }))
      .sort((a, b) => a.name.localeCompare(b.name, text.lang)),
    [entityCounts, known, text],
  );

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, []);

  // Ask the background to load the index now, so that typing never waits on a silent box.
  useEffect(() => {
    let live = true;
    askBackground({ type: 'prepare-search' }).then(
      ({ excerpts }) => live && setIndex({ status: 'ready', excerpts }),
      (error: unknown) => live && setIndex({ status: 'failed', message: errorMessage(error, t) }),
    );
    return () => {
      live = false;
    };
  }, [corpusVersion]);

  useEffect(() => {
    const filters: SearchFilters = {
      ...(entityId ? { entityIds: [entityId] } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(sourceId ? { sourceIds: [sourceId] } : {}),
    };
    const hasFilter = Object.keys(filters).length > 0;
    if (!query.trim() && !hasFilter) {
      setState({ status: 'idle' });
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'searching' }));
      askBackground({ type: 'search', query: query.trim(), filters, limit }).then(
        (result) => ticket === latest.current && setState({ status: 'ready', result }),
        (error: unknown) => ticket === latest.current && setState({ status: 'failed', message: errorMessage(error, t) }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, entityId, from, to, sourceId, corpusVersion, limit]);

  // A new question starts again from the first page of results.
  useEffect(() => setLimit(PAGE_SIZE), [query, entityId, from, to, sourceId]);

  const selectSource = (source: SourceSummary) => setSourceId(source.id);
  const clearFilters = () => {
    setEntityId('');
    setFrom('');
    setTo('');
    setSourceId('');
  };
  const filtered = Boolean(entityId || from || to || sourceId);

  return (
    <section class="bs-view" aria-label={t('room.tabs.search')}>
      <form class="bs-search-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="bs-visually-hidden" for="bs-query">{t('room.search.inputLabel')}</label>
        <input
          id="bs-query"
          ref={input}
          type="search"
          class="bs-input bs-query"
          placeholder={t('room.search.placeholder')}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
          autocomplete="off"
        />
        <details class="bs-filters" open={filtersOpen || filtered} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
          <summary>{t(filtered ? 'room.search.filtersOn' : 'room.search.filters')}</summary>
          <div class="bs-filter-grid">
            <label>
              {t('room.search.entity')}
              <select class="bs-input" value={entityId} onChange={(event) => setEntityId(event.currentTarget.value)}>
                <option value="">{t('room.search.any')}</option>
                {entities.map((entity) => (
                  <option key={entity.id} value={entity.id}>{t('room.search.entityOption', { name: entity.name, count: entityCounts[entity.id] ?? 0 })}</option>
                ))}
              </select>
            </label>
            <label>
              {t('room.search.source')}
              <select class="bs-input" value={sourceId} onChange={(event) => setSourceId(event.currentTarget.value)}>
                <option value="">{t('room.search.any')}</option>
                {sources.map((source) => (
                  <option key={source.id} value={source.id}>{t('room.search.sourceOption', { source: localSourceLabel(i18n, source), title: localSourceTitle(i18n, source).slice(0, 60) })}</option>
                ))}
              </select>
            </label>
            <label>
              {t('room.search.from')}
              <input class="bs-input" type="date" value={from} max={to || undefined} onInput={(event) => setFrom(event.currentTarget.value)} />
            </label>
            <label>
              {t('room.search.to')}
              <input class="bs-input" type="date" value={to} min={from || undefined} onInput={(event) => setTo(event.currentTarget.value)} />
            </label>
          </div>
          {filtered && <button type="button" class="bs-link-button" onClick={clearFilters}>{t('room.search.clearFilters')}</button>}
        </details>
      </form>
      <div class="bs-results" aria-live="polite" aria-busy={state.status === 'searching' || index.status === 'loading'}>
        {index.status === 'loading' && (
          <p class="bs-muted bs-loading-index" role="status">
            {t('room.search.loadingIndex')}
          </p>
        )}
        {index.status === 'failed' && <p class="bs-error" role="alert">{t('room.search.unavailable', { message: index.message })}</p>}
        {state.status === 'idle' && index.status !== 'loading' && (
          <p class="bs-muted">
            {t('room.search.intro', {
              excerpts: t('room.search.introExcerpts', { count: sources.reduce((sum, source) => sum + source.excerptCount, 0) }),
              sources: t('room.search.introSources', { count: sources.length }),
            })}{' '}
            {t('room.search.introHow')}
          </p>
        )}
        {state.status === 'searching' && index.status !== 'loading' && <div class="bs-skeleton" role="progressbar" aria-label={t('room.search.searching')}><div /><div /><div /></div>}
        {state.status === 'failed' && <p class="bs-error" role="alert">{state.message}</p>}
        {state.status === 'ready' && (
          <>
            <p class="bs-result-count">
              {state.result.total === 0
                ? t('room.search.none')
                : state.result.total > state.result.hits.length
                  ? t('room.search.showing', { total: t('room.excerpts', { count: state.result.total }), shown: state.result.hits.length })
                  : t('room.excerpts', { count: state.result.total })}
            </p>
            <ol class="bs-excerpt-list" aria-label={t('room.search.results')}>
              {state.result.hits.map((view) => (
                <li key={view.excerpt.id}>
                  <ExcerptItem view={view} entityId={entityId || undefined} onSelectSource={selectSource} />
                  <EntityChips ids={view.excerpt.entityIds} onOpen={onOpenEntity} />
                </li>
              ))}
            </ol>
            {state.result.hits.length < state.result.total && state.result.hits.length >= limit && limit < MAX_RESULTS && (
              <button type="button" class="bs-button bs-more" onClick={() => setLimit((current) => Math.min(MAX_RESULTS, current + PAGE_SIZE))}>
                {t('room.search.showMore')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** The entities an excerpt mentions, as links to their timelines. */
export function EntityChips({ ids, onOpen }: { ids: readonly string[]; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const text = useEntityText();
  const known = useKnownEntities();
  const entities = ids.map((id) => known.byId(id)).filter((entity) => entity !== undefined);
  if (entities.length === 0) return null;
  return (
    <ul class="bs-chips" aria-label={t('room.chips.label')}>
      {entities.slice(0, 8).map((entity) => (
        <li key={entity.id}>
          <button type="button" class="bs-chip" onClick={() => onOpen(entity.id)}>{text.name(entity)}</button>
        </li>
      ))}
    </ul>
  );
}
