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
import { localEntity } from '../../lib/entity-l10n';
import { errorMessage, readerText } from '../../lib/i18n/error-text';
import { type I18n, currentI18n, useI18n } from '../../lib/i18n/use-i18n';
import { askBackground, askTab } from '../../lib/messaging';
import { type Settings, getSettings, siteOf, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';

type PageState =
  | { status: 'loading' }
  /** Why the page cannot be read, in the language of the moment it is shown. */
  | { status: 'unavailable'; reason: (t: I18n['t']) => string }
  | { status: 'ready'; report: PageReport };

type ExcerptsState = { status: 'loading' } | { status: 'ready'; excerpts: ExcerptView[] } | { status: 'failed'; error: unknown };

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

export function Popup() {
  const { t, lang } = useI18n();
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
      setPage({
        status: 'unavailable',
        reason: (say) => (error instanceof BackstoryError && error.code !== 'unreachable' ? errorMessage(error, say) : say('errors.unreachable')),
      });
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
      setExcerpts({ status: 'failed', error });
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
          (question) => question && setAddState((state) => (state.status === 'idle' ? { status: 'failed', message: question.text ? readerText(question.text, currentI18n().t) : question.message, canForce: true } : state)),
          () => undefined,
        );
      } else {
        setPage({ status: 'unavailable', reason: (say) => say('popup.noTab') });
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
        setAddState({ status: 'failed', message: errorMessage(error, currentI18n().t), canForce });
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
        <button type="button" class="bs-button" onClick={() => timeline()}>{t('popup.readingRoom')}</button>
      </header>
      <div class="bs-popup-body">
        {page.status === 'loading' && <div class="bs-skeleton" role="progressbar" aria-label={t('popup.looking')}><div /><div /></div>}
        {page.status === 'unavailable' && <p class="bs-notice" role="status">{page.reason(t)}</p>}
        {report && inactive && (
          <p class="bs-notice" role="status">
            {report.paused ? t('popup.pausedEverywhere') : site ? t('popup.offOnSite', { site }) : t('popup.offOnThisSite')}
          </p>
        )}
        {report && !inactive && (
          <section aria-labelledby="bs-on-page">
            <h2 id="bs-on-page" class="bs-section-title">{t('popup.onPage')}</h2>
            {report.entities.length === 0 ? (
              <p class="bs-notice">{t('popup.nothingOnPage')}</p>
            ) : (
              <PageEntityList entities={report.entities.map((entity) => localEntity(lang, entity))} onReveal={reveal} onTimeline={timeline} />
            )}
          </section>
        )}
        {report && !inactive && report.entities.length > 0 && (
          <section aria-labelledby="bs-best">
            <h2 id="bs-best" class="bs-section-title">{t('popup.best')}</h2>
            {excerpts.status === 'loading' && <div class="bs-skeleton" role="progressbar" aria-label={t('popup.loadingExcerpts')}><div /><div /></div>}
            {excerpts.status === 'failed' && <p class="bs-error" role="alert">{errorMessage(excerpts.error, t)}</p>}
            {excerpts.status === 'ready' && excerpts.excerpts.length === 0 && (
              <p class="bs-notice">{t('popup.nothingYet')}</p>
            )}
            {excerpts.status === 'ready' && excerpts.excerpts.length > 0 && (
              <ol class="bs-excerpt-list" aria-label={t('popup.best')}>
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
              {t('popup.pauseEverywhere')}
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
                {t('popup.turnOffOn', { site })}
              </label>
            )}
            {settings.remember && (
              <label>
                <input type="checkbox" checked={settings.rememberPaused} onChange={(event) => void toggle({ rememberPaused: event.currentTarget.checked })} />
                {t('popup.pauseRemembering')}
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
                {t('popup.neverRemember', { site })}
              </label>
            )}
          </div>
        )}
        {report?.scan && !inactive && (
          <p class="bs-scan-note">
            {t('popup.scan', { count: report.scan.marks, ms: Math.max(1, Math.round(report.scan.busyMs)) })}
            {report.scan.mentions > report.scan.marks ? ` ${t('popup.scanCapped', { count: report.scan.mentions })}` : ''}
          </p>
        )}
      </footer>
    </main>
  );
}
