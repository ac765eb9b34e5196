/**
 * "Your reading": the pages Backstory remembered because the reader read them (opt-in), newest
 * read first. Find one by title, site or address; correct its date, title or site, or delete it
 * (each with undo); forget a site's pages
 * (and never remember that site again) or everything remembered; see the storage in use against
 * the budget. Remembering itself is switched on here, in the options, or on the first-run page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CorpusStats } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { errorMessage } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/use-i18n';
import { askBackground } from '../../lib/messaging';
import { type SourceNotice, sourceActions } from './source-actions';
import { type Settings, getSettings, siteOf, updateSettings, watchSettings } from '../../lib/settings';
import { SourceList } from './SourcesView';

export interface ReadingViewProps {
  sources: readonly SourceRecord[];
  onChanged: () => void;
}

type Notice = SourceNotice | { kind: 'confirm'; site?: string; count: number };

const LIST_FIRST = 100;

export function ReadingView({ sources, onChanged }: ReadingViewProps) {
  const i18n = useI18n();
  const { t, formatMegabytes } = i18n;
  const [settings, setSettings] = useState<Settings | undefined>();
  const [stats, setStats] = useState<CorpusStats | undefined>();
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<Notice | undefined>();
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  useEffect(() => {
    void askBackground({ type: 'stats' }).then(setStats, () => undefined);
  }, [sources]);

  const remembered = sources
    .filter((source) => source.remembered)
    .sort((a, b) => (b.readAt ?? '').localeCompare(a.readAt ?? ''));
  const needle = filter.trim().toLowerCase();
  const found = needle
    ? remembered.filter((source) => [source.title, source.site, source.url].some((text) => text?.toLowerCase().includes(needle)))
    : remembered;
  const listed = showAll ? found : found.slice(0, LIST_FIRST);

  const { remove, undo, edit, undoEdit } = sourceActions(setNotice, onChanged, i18n);
  const forget = async (site: string | undefined) => {
    try {
      const { forgotten } = await askBackground({ type: 'forget-remembered', ...(site ? { site } : {}) });
      if (site && settings && !settings.neverRememberSites.includes(site)) {
        await updateSettings({ neverRememberSites: [...settings.neverRememberSites, site].sort() });
      }
      const pages = t('room.pages', { count: forgotten.length });
      setNotice({ kind: 'info', text: site ? t('room.reading.forgotSite', { pages, site }) : t('room.reading.forgotAll', { pages }) });
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error, t) });
    }
  };

  return (
    <section class="bs-view" aria-label={t('room.tabs.reading')}>
      {settings && !settings.remember && (
        <div class="bs-callout">
          <p>{t('room.reading.offer')}</p>
          <button type="button" class="bs-button" onClick={() => void updateSettings({ remember: true, rememberPaused: false, welcomed: true })}>
            {t('room.reading.turnOn')}
          </button>
        </div>
      )}
      {settings?.remember && settings.rememberPaused && (
        <p class="bs-warning" role="status">
          {t('room.reading.paused')}{' '}
          <button type="button" class="bs-link-button" onClick={() => void updateSettings({ rememberPaused: false })}>{t('room.reading.resume')}</button>
        </p>
      )}
      {settings && stats?.usageBytes !== undefined && (
        <p class="bs-muted" data-usage>
          {t('room.reading.storage', { used: formatMegabytes(stats.usageBytes), budget: formatMegabytes(settings.budgetMb * 1e6) })}
        </p>
      )}
      <div role="status" aria-live="polite" class="bs-status-line">
        {notice?.kind === 'deleted' && (
          <span>
            {t('room.notice.deleted', { title: notice.deleted.source.title })}{' '}
            <button type="button" class="bs-link-button" onClick={() => void undo(notice.deleted)}>{t('room.undo')}</button>
          </span>
        )}
        {notice?.kind === 'confirm' && (
          <span>
            {notice.site
              ? t('room.reading.confirmSite', { count: notice.count, site: notice.site })
              : t('room.reading.confirmAll', { count: notice.count })}{' '}
            <button type="button" class="bs-button bs-danger" onClick={() => void forget(notice.site)}>{t('room.reading.forget')}</button>{' '}
            <button type="button" class="bs-link-button" onClick={() => setNotice(undefined)}>{t('room.cancel')}</button>
          </span>
        )}
        {notice?.kind === 'edited' && (
          <span>
            {t('room.notice.edited', { title: notice.edited.source.title })}{' '}
            <button type="button" class="bs-link-button" onClick={() => void undoEdit(notice.edited)}>{t('room.undo')}</button>
          </span>
        )}
        {notice?.kind === 'info' && <span class="bs-ok">{notice.text}</span>}
        {notice?.kind === 'error' && <span class="bs-error" role="alert">{notice.text}</span>}
      </div>
      <h2 class="bs-section-title">{t('room.reading.title', { count: remembered.length })}</h2>
      {remembered.length === 0 ? (
        <p class="bs-muted">
          {t(settings?.remember ? 'room.reading.nothingYet' : 'room.reading.off')}
        </p>
      ) : (
        <>
          <div class="bs-toolbar">
            <label class="bs-visually-hidden" for="bs-reading-filter">{t('room.reading.findLabel')}</label>
            <input
              id="bs-reading-filter"
              type="search"
              class="bs-input"
              placeholder={t('room.reading.findPlaceholder')}
              value={filter}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
            <button type="button" class="bs-button" onClick={() => setNotice({ kind: 'confirm', count: remembered.length })}>
              {t('room.reading.forgetAll')}
            </button>
          </div>
          {needle && <p class="bs-result-count">{t('room.reading.found', { found: found.length, total: remembered.length })}</p>}
          <SourceList
            sources={listed}
            order="read"
            onDelete={remove}
            onEdit={edit}
            onForgetSite={(source) => {
              const site = siteOf(source.url);
              if (site) setNotice({ kind: 'confirm', site, count: remembered.filter((other) => siteOf(other.url) === site).length });
            }}
          />
          {listed.length < found.length && (
            <button type="button" class="bs-link-button" onClick={() => setShowAll(true)}>
              {t('room.showAllPages', { count: found.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
