/**
 * One entity in depth: who or what it is, the spellings Backstory recognises, a timeline of how
 * many excerpts mention it each month, and its dated excerpts in order, a page at a time (an entity
 * of a large corpus has tens of thousands). Without an entity, a directory of the entities the
 * corpus knows about.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EntityKind } from '../../core/gazetteer';
import type { EntityTimeline } from '../../core/protocol';
import { KIND_LABELS, KindIcon } from '../../components/KindIcon';
import { ExcerptItem } from '../../components/ExcerptItem';
import { Timeline } from '../../components/Timeline';
import { useEntityText } from '../../lib/entity-l10n';
import { aliasDisplayForms } from '../../lib/gazetteer-data';
import { errorMessage } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/use-i18n';
import { useKnownEntities } from '../../lib/known-entities';
import { isTrackedId } from '../../core/tracked-names';
import { askBackground } from '../../lib/messaging';
import { EntityChips } from './SearchView';

export interface EntityViewProps {
  entityId?: string;
  entityCounts: Record<string, number>;
  corpusVersion: number;
  onOpenEntity: (entityId: string | undefined) => void;
}

type TimelineState =
  | { status: 'loading' }
  | { status: 'ready'; timeline: EntityTimeline; more?: 'loading' | string }
  | { status: 'failed'; message: string };

export function EntityView({ entityId, entityCounts, corpusVersion, onOpenEntity }: EntityViewProps) {
  const { t } = useI18n();
  const known = useKnownEntities();
  const entity = entityId ? known.byId(entityId) : undefined;
  if (!entity && entityId && isTrackedId(entityId) && !known.loaded) {
    return <div class="bs-skeleton" role="progressbar" aria-label={t('room.entity.loadingNames')}><div /><div /></div>;
  }
  if (!entity) return <EntityDirectory entityCounts={entityCounts} onOpenEntity={onOpenEntity} unknownId={entityId} />;
  return <EntityDetail key={entity.id} entityId={entity.id} corpusVersion={corpusVersion} onOpenEntity={onOpenEntity} />;
}

function EntityDetail({ entityId, corpusVersion, onOpenEntity }: { entityId: string; corpusVersion: number; onOpenEntity: EntityViewProps['onOpenEntity'] }) {
  const { t, formatDate } = useI18n();
  const text = useEntityText();
  const known = useKnownEntities().byId(entityId)!;
  // Its name and description in the reader's language (a tracked name as the reader wrote it).
  const entity = useMemo(() => ({ ...known, name: text.name(known), description: text.description(known) }), [known, text]);
  const [state, setState] = useState<TimelineState>({ status: 'loading' });
  const [month, setMonth] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    askBackground({ type: 'entity-timeline', entityId, month }).then(
      (timeline) => current && setState({ status: 'ready', timeline }),
      (error: unknown) => current && setState({ status: 'failed', message: errorMessage(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [entityId, corpusVersion, month]);
  const showMore = (timeline: EntityTimeline) => {
    setState({ status: 'ready', timeline, more: 'loading' });
    askBackground({ type: 'entity-timeline', entityId, month, offset: timeline.excerpts.length }).then(
      (next) => setState((previous) => previous.status === 'ready' && previous.timeline === timeline
        ? { status: 'ready', timeline: { ...next, excerpts: [...timeline.excerpts, ...next.excerpts], offset: 0 } }
        : previous),
      (error: unknown) => setState((previous) => previous.status === 'ready' && previous.timeline === timeline ? { ...previous, more: errorMessage(error, t) } : previous),
    );
  };
  const aliases = useMemo(() => aliasDisplayForms(known).filter((form) => form !== entity.name), [known, entity.name]);
  const shown = state.status === 'ready' ? state.timeline.excerpts : [];
  const allCount = state.status === 'ready' ? state.timeline.buckets.reduce((sum, bucket) => sum + bucket.count, 0) : 0;
  return (
    <section class="bs-view" aria-labelledby="bs-entity-title">
      <button type="button" class="bs-link-button bs-back" onClick={() => onOpenEntity(undefined)}>{t('room.entity.back')}</button>
      <header class="bs-entity-header">
        <div class="bs-card-kind"><KindIcon kind={entity.kind} /> {t(KIND_LABELS[entity.kind])}</div>
        <h2 id="bs-entity-title" class="bs-entity-title">{entity.name}</h2>
        <p class="bs-card-description">{entity.description}</p>
        {aliases.length > 0 && (
          <p class="bs-aliases">
            <span class="bs-muted">{t('room.entity.alsoWritten')}</span>
            {aliases.slice(0, 24).join(' · ')}
          </p>
        )}
      </header>
      {state.status === 'loading' && <div class="bs-skeleton" role="progressbar" aria-label={t('room.entity.loadingTimeline')}><div /><div /><div /></div>}
      {state.status === 'failed' && <p class="bs-error" role="alert">{state.message}</p>}
      {state.status === 'ready' && allCount === 0 && (
        <p class="bs-muted">{t('room.entity.none', { name: entity.name })}</p>
      )}
      {state.status === 'ready' && allCount > 0 && (
        <>
          <h3 class="bs-section-title">{t('room.entity.timeline')}</h3>
          <Timeline
            buckets={state.timeline.buckets}
            selected={month}
            onSelect={setMonth}
            label={t('room.entity.chartLabel', { name: entity.name })}
          />
          <p class="bs-result-count" aria-live="polite">
            {month
              ? (
                <>
                  {t('room.entity.fromMonth', { count: state.timeline.total, month: formatDate(`${month}-01`, 'month') })}{' · '}
                  <button type="button" class="bs-link-button" onClick={() => setMonth(undefined)}>{t('room.entity.showAll', { count: allCount })}</button>
                </>
              )
              : t('room.entity.oldestFirst', { count: allCount })}
          </p>
          <ol class="bs-excerpt-list" aria-label={t('room.entity.excerptsAbout', { name: entity.name })}>
            {shown.map((view) => (
              <li key={view.excerpt.id}>
                <ExcerptItem view={view} entityId={entity.id} />
                <EntityChips ids={view.excerpt.entityIds.filter((id) => id !== entity.id)} onOpen={onOpenEntity} />
              </li>
            ))}
          </ol>
          {shown.length < state.timeline.total && (
            <p>
              <button type="button" class="bs-button bs-more" disabled={state.more === 'loading'} onClick={() => showMore(state.timeline)}>
                {state.more === 'loading' ? t('room.entity.loadingMore') : t('room.entity.showMore', { count: state.timeline.total - shown.length })}
              </button>
            </p>
          )}
          {state.more && state.more !== 'loading' && <p class="bs-error" role="alert">{state.more}</p>}
        </>
      )}
    </section>
  );
}

const KIND_ORDER: EntityKind[] = ['person', 'place', 'organisation', 'other'];

function EntityDirectory({ entityCounts, onOpenEntity, unknownId }: { entityCounts: Record<string, number>; onOpenEntity: EntityViewProps['onOpenEntity']; unknownId?: string }) {
  const { t, formatNumber, lang } = useI18n();
  const text = useEntityText();
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const needle = filter.trim().toLowerCase();
  const known = useKnownEntities();
  const matches = known.entities.filter((entity) => {
    if (!showAll && !needle && !(entityCounts[entity.id] ?? 0)) return false;
    if (!needle) return true;
    return text.name(entity).toLowerCase().includes(needle) || aliasDisplayForms(entity).some((form) => form.toLowerCase().includes(needle));
  });
  return (
    <section class="bs-view" aria-label={t('room.tabs.entity')}>
      {unknownId && <p class="bs-error" role="alert">{t('room.entity.unknown', { id: unknownId })}</p>}
      <label class="bs-visually-hidden" for="bs-entity-filter">{t('room.entity.findLabel')}</label>
      <input
        id="bs-entity-filter"
        type="search"
        class="bs-input"
        placeholder={t('room.entity.findPlaceholder')}
        value={filter}
        onInput={(event) => setFilter(event.currentTarget.value)}
      />
      <label class="bs-inline-check">
        <input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.currentTarget.checked)} />
        {t('room.entity.includeEmpty', { count: known.entities.length })}
      </label>
      {KIND_ORDER.map((kind) => {
        const items = matches.filter((entity) => entity.kind === kind)
          .sort((a, b) => (entityCounts[b.id] ?? 0) - (entityCounts[a.id] ?? 0) || text.name(a).localeCompare(text.name(b), lang));
        if (items.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`bs-dir-${kind}`}>
            <h2 id={`bs-dir-${kind}`} class="bs-group-title"><KindIcon kind={kind} /> {t(KIND_LABELS[kind])}</h2>
            <ul class="bs-entity-rows">
              {items.map((entity) => (
                <li key={entity.id} class="bs-entity-row">
                  <button type="button" class="bs-entity-reveal" onClick={() => onOpenEntity(entity.id)}>
                    <span class="bs-entity-name">{text.name(entity)}</span>
                    <span class="bs-count" aria-label={t('room.excerpts', { count: entityCounts[entity.id] ?? 0 })}>{formatNumber(entityCounts[entity.id] ?? 0)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {matches.length === 0 && <p class="bs-muted">{t('room.entity.noMatch', { filter })}</p>}
    </section>
  );
}
