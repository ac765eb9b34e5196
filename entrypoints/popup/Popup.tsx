/**
 * The toolbar popup: the entities found on the current tab, the best excerpts for the page as a
 * whole, "Add this page", and the switches to pause Backstory everywhere or on this site.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ExcerptView, PageEntity, PageReport } from '../../core/protocol';
import { BackstoryError, canAddAnyway } from '../../core/protocol';
import { AddPageStatus, type AddState } from '../../components/AddPageStatus';
import { ExcerptItem } from '../../components/ExcerptItem';
import { Logo } from '../../components/Logo';
import { PageEntityList } from '../../components/PageEntityList';
import { pendingQuestion } from '../../lib/add-question';
import { askBackground, askTab } from '../../lib/messaging';
import { type Settings, getSettings, siteOf, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';

type PageState =
  | { status: 'loading' }
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; report: PageReport };

type ExcerptsState = { status: 'loading' } | { status: 'ready'; excerpts: ExcerptView[] } | { status: 'failed'; message: string };

interface ActiveTab {
  id: number;
  windowId?: number;
  url?: string;
}

/** The tab the popup is about: the active tab of its window, or `?tab=<id>` when opened as a page (tests). */
async function activeTab(): Promise<ActiveTab | undefined> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) {
    const tab = await browser.tabs.get(requested);
    return { id: requested, windowId: tab.windowId, url: tab.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? undefined : { id: tab.id, windowId: tab.windowId, url: tab.url };
}

const UNREACHABLE = 'Backstory cannot read this page. Browser pages, extension stores, local files and PDFs are off limits to extensions.';

export function Popup() {
  const [tab, setTab] = useState<ActiveTab | undefined>();
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [excerpts, setExcerpts] = useState<ExcerptsState>({ status: 'loading' });
  const [settings, setSettings] = useState<Settings | undefined>();
  const [addState, setAddState] = useState<AddState>({ status: 'idle' });

  const loadPage = useCallback(async (target: ActiveTab) => {
    let report: PageReport;
    try {
      report = await askTab(target.id, { type: 'page-entities' });
    } catch (error) {
      setPage({ status: 'unavailable', reason: error instanceof BackstoryError && error.code !== 'unreachable' ? error.message : UNREACHABLE });
      setExcerpts({ status: 'ready', excerpts: [] });
      return;
    }
    setPage({ status: 'ready', report });
    try {
      const best = await askBackground({
        type: 'page-excerpts',
        page: { url: report.url, title: report.title, entityIds: report.entities.map((entity) => entity.id), ...(report.date ? { date: report.date } : {}) },
        limit: 5,
      });
      setExcerpts({ status: 'ready', excerpts: best });
    } catch (error) {
      setExcerpts({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void getSettings().then(setSettings);
    const unwatch = watchSettings(setSettings);
    void activeTab().then((target) => {
      setTab(target);
      if (target) {
        void loadPage(target);
        // "Add this page" from the keyboard or the menu asked a question about this page: ask it here, with a button.
        void pendingQuestion(target.id, target.url).then(
          (question) => question && setAddState((state) => (state.status === 'idle' ? { status: 'failed', message: question.message, canForce: true } : state)),
          () => undefined,
        );
      } else {
        setPage({ status: 'unavailable', reason: 'No tab is active.' });
      }
    });
    return unwatch;
  }, [loadPage]);

  const site = tab?.url ? siteOf(tab.url) : page.status === 'ready' ? siteOf(page.report.url) : undefined;

  const toggle = async (change: Partial<Settings>) => {
    await updateSettings(change);
    // Let the page's content script react, then show what it sees now.
    if (tab) setTimeout(() => void loadPage(tab), 150);
  };

  const add = (force: boolean) => {
    if (!tab) return;
    setAddState({ status: 'adding' });
    askBackground({ type: 'add-tab', tabId: tab.id, force }).then(
      (result) => {
        setAddState({ status: 'added', result });
        void loadPage(tab);
      },
      (error: unknown) => {
        const canForce = canAddAnyway(error);
        setAddState({ status: 'failed', message: error instanceof Error ? error.message : String(error), canForce });
      },
    );
  };

  const reveal = (entity: PageEntity) => {
    if (!tab) return;
    askTab(tab.id, { type: 'reveal-entity', entityId: entity.id }).then(
      (answer) => {
        if (answer.found) window.close();
      },
      () => undefined,
    );
  };

  const timeline = (entity?: PageEntity) => {
    // Synchronously, inside the click: browsers open panels only in response to a user action.
    void openSidePanel(tab ? { tabId: tab.id } : {}, entity ? { entityId: entity.id, view: 'entity' } : { view: 'search' })
      .then(() => window.close());
  };

  const report = page.status === 'ready' ? page.report : undefined;
  const inactive = report ? report.paused || report.siteDisabled : false;

  return (
    <main class="bs-popup bs-root" aria-busy={page.status === 'loading'}>
      <header class="bs-popup-header">
        <h1><Logo /> Backstory</h1>
        <button type="button" class="bs-button" onClick={() => timeline()}>Reading room</button>
      </header>
      <div class="bs-popup-body">
        {page.status === 'loading' && <div class="bs-skeleton" role="progressbar" aria-label="Looking at this page"><div /><div /></div>}
        {page.status === 'unavailable' && <p class="bs-notice" role="status">{page.reason}</p>}
        {report && inactive && (
          <p class="bs-notice" role="status">
            {report.paused ? 'Backstory is paused everywhere.' : `Backstory is off on ${site ?? 'this site'}.`} Turn it back on below to mark this page.
          </p>
        )}
        {report && !inactive && (
          <section aria-labelledby="bs-on-page">
            <h2 id="bs-on-page" class="bs-section-title">On this page</h2>
            {report.entities.length === 0 ? (
              <p class="bs-notice">No people, places or organisations of the war on this page.</p>
            ) : (
              <PageEntityList entities={report.entities} onReveal={reveal} onTimeline={timeline} />
            )}
          </section>
        )}
        {report && !inactive && report.entities.length > 0 && (
          <section aria-labelledby="bs-best">
            <h2 id="bs-best" class="bs-section-title">Best excerpts for this page</h2>
            {excerpts.status === 'loading' && <div class="bs-skeleton" role="progressbar" aria-label="Loading excerpts"><div /><div /></div>}
            {excerpts.status === 'failed' && <p class="bs-error" role="alert">{excerpts.message}</p>}
            {excerpts.status === 'ready' && excerpts.excerpts.length === 0 && (
              <p class="bs-notice">Nothing in your corpus about these yet.</p>
            )}
            {excerpts.status === 'ready' && excerpts.excerpts.length > 0 && (
              <ol class="bs-excerpt-list" aria-label="Best excerpts for this page">
                {excerpts.excerpts.map((view) => (
                  <li key={view.excerpt.id}>
                    <ExcerptItem view={view} entityId={view.excerpt.entityIds.find((id) => report.entities.some((entity) => entity.id === id))} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
      </div>
      <footer class="bs-popup-footer">
        {report && <AddPageStatus state={addState} onAdd={add} />}
        {settings && (
          <div class="bs-toggles">
            <label>
              <input type="checkbox" checked={settings.paused} onChange={(event) => void toggle({ paused: event.currentTarget.checked })} />
              Pause Backstory everywhere
            </label>
            {site && (
              <label>
                <input
                  type="checkbox"
                  checked={settings.disabledSites.includes(site)}
                  onChange={(event) => {
                    const off = event.currentTarget.checked;
                    const others = settings.disabledSites.filter((other) => other !== site);
                    void toggle({ disabledSites: off ? [...others, site] : others });
                  }}
                />
                Turn off on {site}
              </label>
            )}
            {settings.remember && (
              <label>
                <input type="checkbox" checked={settings.rememberPaused} onChange={(event) => void toggle({ rememberPaused: event.currentTarget.checked })} />
                Pause remembering the articles I read
              </label>
            )}
            {settings.remember && site && (
              <label>
                <input
                  type="checkbox"
                  checked={settings.neverRememberSites.includes(site)}
                  onChange={(event) => {
                    const never = event.currentTarget.checked;
                    const others = settings.neverRememberSites.filter((other) => other !== site);
                    void toggle({ neverRememberSites: never ? [...others, site].sort() : others });
                  }}
                />
                Never remember {site}
              </label>
            )}
          </div>
        )}
        {report?.scan && !inactive && (
          <p class="bs-scan-note">
            {report.scan.marks} mention{report.scan.marks === 1 ? '' : 's'} marked in {Math.max(1, Math.round(report.scan.busyMs))} ms
            {report.scan.mentions > report.scan.marks ? ` (${report.scan.mentions} found; marks are capped to keep the page fast)` : ''}
          </p>
        )}
      </footer>
    </main>
  );
}
