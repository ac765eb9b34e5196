/**
 * The reading room (Chrome's side panel, Firefox's sidebar, or a tab): search over the whole
 * corpus, one entity's timeline, the pages remembered as the reader read, the sources, and the
 * names the reader tracks. It opens on the entity asked for by a card, the
 * popup or a shortcut (through session storage, or `#entity=<id>` in its address), and on "Track a
 * name" filled in from a page's context menu (`#track=<name>`).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../core/i18n/keys';
import type { SourceRecord } from '../../core/schema';
import { Logo } from '../../components/Logo';
import { errorMessage } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/use-i18n';
import { askBackground } from '../../lib/messaging';
import { type PanelFocus, panelFocusItem } from '../../lib/side-panel';
import { useCorpusVersion } from '../../lib/use-corpus-changes';
import { EntityView } from './EntityView';
import { NamesView } from './NamesView';
import { ReadingView } from './ReadingView';
import { SearchView } from './SearchView';
import { SourcesView } from './SourcesView';

type View = 'search' | 'entity' | 'reading' | 'sources' | 'names';
const VIEWS: { id: View; label: MessageKey }[] = [
  { id: 'search', label: 'room.tabs.search' },
  { id: 'entity', label: 'room.tabs.entity' },
  { id: 'reading', label: 'room.tabs.reading' },
  { id: 'sources', label: 'room.tabs.sources' },
  { id: 'names', label: 'room.tabs.names' },
];

function focusFromHash(hash: string): Omit<PanelFocus, 'at'> | undefined {
  const track = /^#track=(.*)$/u.exec(hash)?.[1];
  if (track !== undefined) {
    try {
      return { view: 'names', track: { name: decodeURIComponent(track) } };
    } catch {
      return { view: 'names' };
    }
  }
  const entity = /^#entity=([\w-]+)$/u.exec(hash)?.[1];
  if (entity) return { entityId: entity, view: 'entity' };
  const view = hash.slice(1) as View;
  return VIEWS.some((candidate) => candidate.id === view) ? { view } : undefined;
}

export function SidePanel() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('search');
  const [entityId, setEntityId] = useState<string | undefined>();
  /** A search asked for from a card, with a key that starts the search view afresh for each request. */
  const [searchFocus, setSearchFocus] = useState<{ key: number; query?: string; sourceId?: string } | undefined>();
  /** A name to track, asked for from a page's context menu. */
  const [trackFocus, setTrackFocus] = useState<{ key: number; name: string } | undefined>();
  const [sources, setSources] = useState<SourceRecord[] | undefined>();
  const [entityCounts, setEntityCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | undefined>();
  const [reloads, setReloads] = useState(0);
  /** The reader has moved between tabs: focus stays on the tabs from then on. */
  const [tabbed, setTabbed] = useState(false);
  const corpusVersion = useCorpusVersion() + reloads;

  const applyFocus = useCallback((focus: Omit<PanelFocus, 'at'> | null | undefined) => {
    if (!focus) return;
    if (focus.track) {
      setTrackFocus({ key: Date.now(), name: focus.track.name });
      setView('names');
    } else if (focus.search) {
      setSearchFocus({ key: Date.now(), ...focus.search });
      setView('search');
    } else if (focus.entityId) {
      setEntityId(focus.entityId);
      setView('entity');
    } else if (focus.view) {
      setView(focus.view);
    }
  }, []);

  useEffect(() => {
    applyFocus(focusFromHash(location.hash));
    let handled = 0;
    const take = (focus: PanelFocus | null) => {
      if (!focus || focus.at <= handled) return;
      handled = focus.at;
      // Requests older than a minute were for an earlier opening.
      if (Date.now() - focus.at < 60_000) applyFocus(focus);
    };
    void panelFocusItem.getValue().then(take);
    const unwatch = panelFocusItem.watch(take);
    const onHash = () => applyFocus(focusFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => {
      unwatch();
      removeEventListener('hashchange', onHash);
    };
  }, [applyFocus]);

  useEffect(() => {
    Promise.all([askBackground({ type: 'list-sources' }), askBackground({ type: 'entity-counts' })]).then(
      ([list, counts]) => {
        setSources(list);
        setEntityCounts(counts);
        setError(undefined);
      },
      (reason: unknown) => setError(errorMessage(reason, t)),
    );
  }, [corpusVersion]);

  const openEntity = (id: string | undefined) => {
    setEntityId(id);
    setView('entity');
    history.replaceState(null, '', id ? `#entity=${id}` : '#entity');
  };

  return (
    <main class="bs-panel bs-root">
      <header class="bs-panel-header">
        <h1><Logo /> {t('common.appName')}</h1>
        <nav
          class="bs-tabs"
          role="tablist"
          aria-label={t('room.tabs.label')}
          onKeyDown={(event) => {
            // Arrow keys move between tabs (the ARIA tabs pattern); Tab moves on to the content.
            if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
            const index = VIEWS.findIndex((candidate) => candidate.id === view);
            const next = event.key === 'Home' ? 0 : event.key === 'End' ? VIEWS.length - 1
              : (index + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length;
            const target = VIEWS[next]!;
            event.preventDefault();
            setTabbed(true);
            setView(target.id);
            document.getElementById(`bs-tab-${target.id}`)?.focus();
          }}
        >
          {VIEWS.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="tab"
              id={`bs-tab-${candidate.id}`}
              aria-selected={view === candidate.id}
              tabIndex={view === candidate.id ? 0 : -1}
              aria-controls="bs-panel-view"
              class="bs-tab"
              onClick={() => {
                setTabbed(true);
                setView(candidate.id);
                if (candidate.id === 'entity' && view === 'entity') openEntity(undefined);
              }}
            >
              {t(candidate.label)}
            </button>
          ))}
        </nav>
      </header>
      <div id="bs-panel-view" class="bs-panel-body" role="tabpanel" aria-labelledby={`bs-tab-${view}`}>
        {error && <p class="bs-error" role="alert">{error}</p>}
        {!sources && !error && <div class="bs-skeleton" role="progressbar" aria-label={t('room.loadingCorpus')}><div /><div /><div /></div>}
        {sources && view === 'search' && (
          <SearchView
            key={searchFocus?.key ?? 0}
            sources={sources}
            entityCounts={entityCounts}
            corpusVersion={corpusVersion}
            onOpenEntity={openEntity}
            focusOnMount={!tabbed}
            {...(searchFocus ? { initial: searchFocus } : {})}
          />
        )}
        {sources && view === 'entity' && (
          <EntityView entityId={entityId} entityCounts={entityCounts} corpusVersion={corpusVersion} onOpenEntity={openEntity} />
        )}
        {sources && view === 'reading' && <ReadingView sources={sources} onChanged={() => setReloads((value) => value + 1)} />}
        {sources && view === 'sources' && <SourcesView sources={sources} onChanged={() => setReloads((value) => value + 1)} />}
        {view === 'names' && <NamesView onOpenEntity={openEntity} {...(trackFocus ? { initial: trackFocus } : {})} />}
      </div>
    </main>
  );
}
