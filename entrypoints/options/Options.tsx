/**
 * Options: pause Backstory everywhere, the sites where it is off, the marks turned off on a site
 * ("Not this" in a card), how long to rest on a mention
 * before its card opens, remembering the articles the reader reads (off by default; the dwell
 * time, the storage budget, sites never remembered), the keyboard shortcuts, and what the corpus
 * holds.
 */
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGE_SETTINGS, isLanguageSetting, resolveLang } from '../../core/i18n/lang';
import type { CorpusStats } from '../../core/protocol';
import { Logo } from '../../components/Logo';
import { browserLanguage } from '../../lib/i18n/reader-lang';
import { useI18n } from '../../lib/i18n/use-i18n';
import { askBackground } from '../../lib/messaging';
import { BUDGET_RANGE, DEFAULT_SETTINGS, DWELL_RANGE, type Settings, getSettings, siteOf, turnOnMark, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';
import { type CommandShortcut, commandShortcuts, openShortcutSettings, shortcutSettingsHint } from '../../lib/shortcuts';

/** A site as typed by the reader ("https://www.example.com/x", "example.com") → its host name. */
export function normaliseSite(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return undefined;
  const host = siteOf(/^[a-z]+:\/\//u.test(trimmed) ? trimmed : `https://${trimmed}`);
  return host && /^[a-z0-9.-]+$/u.test(host) && host.includes('.') ? host : undefined;
}

export function Options() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | undefined>();
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | undefined>();
  const [stats, setStats] = useState<CorpusStats | undefined>();
  const [shortcuts, setShortcuts] = useState<CommandShortcut[]>([]);

  useEffect(() => {
    void getSettings().then(setSettings);
    void askBackground({ type: 'stats' }).then(setStats, () => undefined);
    void commandShortcuts().then(setShortcuts, () => undefined);
    return watchSettings(setSettings);
  }, []);

  if (!settings) return <main class="bs-options bs-root"><p>Loading…</p></main>;

  const addSite = (event: Event) => {
    event.preventDefault();
    const host = normaliseSite(site);
    if (!host) {
      setSiteError('Type a site such as example.com or paste an address.');
      return;
    }
    setSiteError(undefined);
    setSite('');
    if (!settings.disabledSites.includes(host)) void updateSettings({ disabledSites: [...settings.disabledSites, host].sort() });
  };

  return (
    <main class="bs-options bs-root">
      <h1 class="bs-options-title"><Logo size={24} /> Backstory settings</h1>

      <section aria-labelledby="bs-opt-language">
        <h2 id="bs-opt-language" class="bs-section-title">{t('options.language.title')}</h2>
        <label class="bs-option-row" for="bs-language">
          {t('options.language.label')}
          <select
            id="bs-language"
            class="bs-input"
            value={settings.language}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isLanguageSetting(value)) void updateSettings({ language: value });
            }}
          >
            {LANGUAGE_SETTINGS.map((choice) => (
              <option key={choice} value={choice}>
                {choice === 'auto'
                  ? t('common.language.auto', { language: t(`common.language.${resolveLang('auto', browserLanguage())}`) })
                  : t(`common.language.${choice}`)}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section aria-labelledby="bs-opt-marking">
        <h2 id="bs-opt-marking" class="bs-section-title">Marking</h2>
        <label class="bs-option-row">
          <input
            type="checkbox"
            checked={settings.paused}
            onChange={(event) => void updateSettings({ paused: event.currentTarget.checked })}
          />
          Pause Backstory on every site
        </label>
        <label class="bs-option-row" for="bs-delay">
          Open a card after resting on a mention for
          <input
            id="bs-delay"
            class="bs-input bs-number"
            type="number"
            min={0}
            max={3000}
            step={50}
            value={settings.hoverDelayMs}
            onChange={(event) => {
              const value = Math.round(Number(event.currentTarget.value));
              if (Number.isFinite(value)) void updateSettings({ hoverDelayMs: Math.max(0, Math.min(3000, value)) });
            }}
          />
          ms <span class="bs-muted">(default {DEFAULT_SETTINGS.hoverDelayMs})</span>
        </label>
      </section>

      <section aria-labelledby="bs-opt-reading">
        <h2 id="bs-opt-reading" class="bs-section-title">Your reading</h2>
        <label class="bs-option-row">
          <input
            type="checkbox"
            checked={settings.remember}
            onChange={(event) => void updateSettings({ remember: event.currentTarget.checked, rememberPaused: false, welcomed: true })}
          />
          Remember the articles I read
        </label>
        <p class="bs-muted bs-option-help">
          An article about the war that you keep open for a while becomes part of the backstory of every name in it, like a page you add.
          It stays in this browser: nothing is sent anywhere. Never in private windows, never on sites where Backstory is off.
        </p>
        {settings.remember && settings.rememberPaused && (
          <p class="bs-warning" role="status">
            Paused from the toolbar popup.{' '}
            <button type="button" class="bs-link-button" onClick={() => void updateSettings({ rememberPaused: false })}>Resume</button>
          </p>
        )}
        <label class="bs-option-row" for="bs-dwell">
          An article counts as read after
          <input
            id="bs-dwell"
            class="bs-input bs-number"
            type="number"
            min={DWELL_RANGE.min}
            max={DWELL_RANGE.max}
            value={settings.dwellSeconds}
            disabled={!settings.remember}
            onChange={(event) => {
              const value = Math.round(Number(event.currentTarget.value));
              if (Number.isFinite(value)) void updateSettings({ dwellSeconds: value });
            }}
          />
          seconds in front <span class="bs-muted">(default {DEFAULT_SETTINGS.dwellSeconds})</span>
        </label>
        <label class="bs-option-row" for="bs-budget">
          Keep Backstory’s storage under
          <input
            id="bs-budget"
            class="bs-input bs-number"
            type="number"
            min={BUDGET_RANGE.min}
            max={BUDGET_RANGE.max}
            step={50}
            value={settings.budgetMb}
            onChange={(event) => {
              const value = Math.round(Number(event.currentTarget.value));
              if (Number.isFinite(value)) void updateSettings({ budgetMb: value });
            }}
          />
          MB <span class="bs-muted">(default {DEFAULT_SETTINGS.budgetMb}; when it is full, the pages read longest ago are forgotten first; pages you added are never dropped)</span>
        </label>
        {stats?.usageBytes !== undefined && (
          <p class="bs-muted" data-usage>In use: {formatMb(stats.usageBytes)} of {settings.budgetMb.toLocaleString()} MB.</p>
        )}
        {settings.neverRememberSites.length > 0 && (
          <ul class="bs-site-list" aria-label="Sites never remembered">
            {settings.neverRememberSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={`Remember again: articles from ${host}`}
                  onClick={() => void updateSettings({ neverRememberSites: settings.neverRememberSites.filter((other) => other !== host) })}
                >
                  Remember again
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="bs-button" onClick={() => void openSidePanel({}, { view: 'reading' })}>
          See what was remembered
        </button>
      </section>

      <section aria-labelledby="bs-opt-sites">
        <h2 id="bs-opt-sites" class="bs-section-title">Sites where Backstory is off</h2>
        <form class="bs-site-form" onSubmit={addSite}>
          <label class="bs-visually-hidden" for="bs-site">Site</label>
          <input id="bs-site" class="bs-input" placeholder="example.com" value={site} onInput={(event) => setSite(event.currentTarget.value)} />
          <button type="submit" class="bs-button">Turn off there</button>
        </form>
        {siteError && <p class="bs-error" role="alert">{siteError}</p>}
        {settings.disabledSites.length === 0 ? (
          <p class="bs-muted">None. You can also turn Backstory off for a site from the toolbar popup.</p>
        ) : (
          <ul class="bs-site-list" aria-label="Sites where Backstory is off">
            {settings.disabledSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={`Turn back on for ${host}`}
                  onClick={() => void updateSettings({ disabledSites: settings.disabledSites.filter((other) => other !== host) })}
                >
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="bs-opt-unmarked">
        <h2 id="bs-opt-unmarked" class="bs-section-title">Marks you turned off</h2>
        {settings.unmarked.length === 0 ? (
          <p class="bs-muted">None. When a mark is wrong on a site (a namesake, a street, a ship), choose “Not this” in its card: Backstory stops marking that word there.</p>
        ) : (
          <ul class="bs-site-list" aria-label="Marks you turned off">
            {[...settings.unmarked].sort((a, b) => a.site.localeCompare(b.site) || a.form.localeCompare(b.form)).map((entry) => (
              <li key={`${entry.site} ${entry.form} ${entry.entityId}`}>
                <span>“{entry.form}” as {entry.name}, on {entry.site}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={`Undo: mark “${entry.form}” as ${entry.name} on ${entry.site} again`}
                  onClick={() => void turnOnMark(entry)}
                >
                  Undo
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="bs-opt-keys">
        <h2 id="bs-opt-keys" class="bs-section-title">Keyboard shortcuts</h2>
        <ul class="bs-site-list" aria-label="Keyboard shortcuts">
          {shortcuts.map((command) => (
            <li key={command.name} data-command={command.name}>
              <span>{command.description}</span>
              {command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="bs-warning">No key set</span>}
            </li>
          ))}
        </ul>
        {shortcuts.some((command) => !command.shortcut) && (
          <p class="bs-warning" role="status">
            A command without a key can only be used from the menus: its key was taken (by the browser or another extension) or cleared.
          </p>
        )}
        <p class="bs-muted">
          {shortcutSettingsHint()}{' '}
          <button type="button" class="bs-link-button" onClick={() => void openShortcutSettings().catch(() => undefined)}>Open shortcut settings</button>
        </p>
      </section>

      <section aria-labelledby="bs-opt-corpus">
        <h2 id="bs-opt-corpus" class="bs-section-title">Your corpus</h2>
        {stats ? (
          <p>
            {stats.excerpts.toLocaleString()} excerpts from {stats.sources.toLocaleString()} sources ({stats.readerSources.toLocaleString()} of yours, added or read), about {stats.entitiesTagged} entities.
          </p>
        ) : <p class="bs-muted">Counting…</p>}
        <button type="button" class="bs-button" onClick={() => void openSidePanel({}, { view: 'sources' })}>
          Open the reading room to search, export or import
        </button>
      </section>
    </main>
  );
}

function formatMb(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString()} MB`;
}
