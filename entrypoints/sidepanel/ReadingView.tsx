/**
 * "Your reading": the pages Backstory remembered because the reader read them (opt-in), newest
 * read first. Find one by title, site or address; correct its date, title or site, or delete it
 * (each with undo); forget a site's pages
 * (and never remember that site again) or everything remembered; see the storage in use against
 * the budget. Remembering itself is switched on here, in the options, or on the first-run page.
 */
import { useEffect, useState } from 'preact/hooks';
import { type CorpusStats, errorText } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
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

  const { remove, undo, edit, undoEdit } = sourceActions(setNotice, onChanged);
  const forget = async (site: string | undefined) => {
    try {
      const { forgotten } = await askBackground({ type: 'forget-remembered', ...(site ? { site } : {}) });
      if (site && settings && !settings.neverRememberSites.includes(site)) {
        await updateSettings({ neverRememberSites: [...settings.neverRememberSites, site].sort() });
      }
      const pages = `${forgotten.length.toLocaleString()} page${forgotten.length === 1 ? '' : 's'}`;
      setNotice({ kind: 'info', text: site ? `Forgot ${pages} from ${site}; it will not be remembered again.` : `Forgot ${pages}.` });
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    }
  };

  return (
    <section class="bs-view" aria-label="Your reading">
      {settings && !settings.remember && (
        <div class="bs-callout">
          <p>
            Backstory can remember the articles about the war you read, so that every name in them gets its backstory without a click.
            It stays in this browser.
          </p>
          <button type="button" class="bs-button" onClick={() => void updateSettings({ remember: true, rememberPaused: false, welcomed: true })}>
            Remember the articles I read
          </button>
        </div>
      )}
      {settings?.remember && settings.rememberPaused && (
        <p class="bs-warning" role="status">
          Remembering is paused.{' '}
          <button type="button" class="bs-link-button" onClick={() => void updateSettings({ rememberPaused: false })}>Resume</button>
        </p>
      )}
      {settings && stats?.usageBytes !== undefined && (
        <p class="bs-muted" data-usage>
          Storage in use: {(stats.usageBytes / 1e6).toFixed(1)} MB of {settings.budgetMb.toLocaleString()} MB. When it is full, the pages read longest ago are forgotten first; pages you added are kept.
        </p>
      )}
      <div role="status" aria-live="polite" class="bs-status-line">
        {notice?.kind === 'deleted' && (
          <span>
            Deleted “{notice.deleted.source.title}”.{' '}
            <button type="button" class="bs-link-button" onClick={() => void undo(notice.deleted)}>Undo</button>
          </span>
        )}
        {notice?.kind === 'confirm' && (
          <span>
            {notice.site
              ? `Forget the ${notice.count.toLocaleString()} page${notice.count === 1 ? '' : 's'} read on ${notice.site}, and never remember that site again?`
              : `Forget all ${notice.count.toLocaleString()} remembered page${notice.count === 1 ? '' : 's'}? Pages you added stay.`}{' '}
            <button type="button" class="bs-button bs-danger" onClick={() => void forget(notice.site)}>Forget</button>{' '}
            <button type="button" class="bs-link-button" onClick={() => setNotice(undefined)}>Cancel</button>
          </span>
        )}
        {notice?.kind === 'edited' && (
          <span>
            Saved your changes to “{notice.edited.source.title}”.{' '}
            <button type="button" class="bs-link-button" onClick={() => void undoEdit(notice.edited)}>Undo</button>
          </span>
        )}
        {notice?.kind === 'info' && <span class="bs-ok">{notice.text}</span>}
        {notice?.kind === 'error' && <span class="bs-error" role="alert">{notice.text}</span>}
      </div>
      <h2 class="bs-section-title">Remembered as you read ({remembered.length.toLocaleString()})</h2>
      {remembered.length === 0 ? (
        <p class="bs-muted">
          {settings?.remember
            ? 'Nothing yet. An article that names people, places or organisations of the war becomes part of your corpus after you have read it for a while.'
            : 'Nothing: remembering is off.'}
        </p>
      ) : (
        <>
          <div class="bs-toolbar">
            <label class="bs-visually-hidden" for="bs-reading-filter">Find in your reading</label>
            <input
              id="bs-reading-filter"
              type="search"
              class="bs-input"
              placeholder="Find by title, site or address"
              value={filter}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
            <button type="button" class="bs-button" onClick={() => setNotice({ kind: 'confirm', count: remembered.length })}>
              Forget everything remembered
            </button>
          </div>
          {needle && <p class="bs-result-count">{found.length.toLocaleString()} of {remembered.length.toLocaleString()}</p>}
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
              Show all {found.length.toLocaleString()} pages
            </button>
          )}
        </>
      )}
    </section>
  );
}
