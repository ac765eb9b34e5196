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
import { entityName } from '../../lib/entity-l10n';
import { browserLanguage } from '../../lib/i18n/reader-lang';
import { useI18n } from '../../lib/i18n/use-i18n';
import { askBackground } from '../../lib/messaging';
import { BUDGET_RANGE, DEFAULT_SETTINGS, DWELL_RANGE, type Settings, getSettings, siteOf, turnOnMark, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';
import { type CommandShortcut, commandShortcuts, isFirefox, openShortcutSettings } from '../../lib/shortcuts';
import type { MessageKey } from '../../core/i18n/keys';

/** Our own words for the commands the browser lists (its descriptions follow the browser's language, not the setting). */
const COMMAND_MESSAGES: Record<string, MessageKey> = {
  'show-card': 'options.keys.show-card',
  'open-side-panel': 'options.keys.open-side-panel',
  'add-page': 'options.keys.add-page',
};

/** A site as typed by the reader ("https://www.example.com/x", "example.com") → its host name. */
export function normaliseSite(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return undefined;
  const host = siteOf(/^[a-z]+:\/\//u.test(trimmed) ? trimmed : `https://${trimmed}`);
  return host && /^[a-z0-9.-]+$/u.test(host) && host.includes('.') ? host : undefined;
}

export function Options() {
  const { t, lang, formatMegabytes } = useI18n();
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

  if (!settings) return <main class="bs-options bs-root"><p>{t('common.loading')}</p></main>;

  const addSite = (event: Event) => {
    event.preventDefault();
    const host = normaliseSite(site);
    if (!host) {
      setSiteError(t('options.sites.invalid'));
      return;
    }
    setSiteError(undefined);
    setSite('');
    if (!settings.disabledSites.includes(host)) void updateSettings({ disabledSites: [...settings.disabledSites, host].sort() });
  };

  return (
    <main class="bs-options bs-root">
      <h1 class="bs-options-title"><Logo size={24} /> {t('options.pageTitle')}</h1>

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
        <h2 id="bs-opt-marking" class="bs-section-title">{t('options.marking.title')}</h2>
        <label class="bs-option-row">
          <input
            type="checkbox"
            checked={settings.paused}
            onChange={(event) => void updateSettings({ paused: event.currentTarget.checked })}
          />
          {t('options.marking.pause')}
        </label>
        <label class="bs-option-row" for="bs-delay">
          {t('options.marking.delayBefore')}
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
          {t('options.marking.delayAfter')} <span class="bs-muted">{t('options.default', { value: DEFAULT_SETTINGS.hoverDelayMs })}</span>
        </label>
      </section>

      <section aria-labelledby="bs-opt-reading">
        <h2 id="bs-opt-reading" class="bs-section-title">{t('options.reading.title')}</h2>
        <label class="bs-option-row">
          <input
            type="checkbox"
            checked={settings.remember}
            onChange={(event) => void updateSettings({ remember: event.currentTarget.checked, rememberPaused: false, welcomed: true })}
          />
          {t('options.reading.remember')}
        </label>
        <p class="bs-muted bs-option-help">
          {t('options.reading.help')}
        </p>
        {settings.remember && settings.rememberPaused && (
          <p class="bs-warning" role="status">
            {t('options.reading.paused')}{' '}
            <button type="button" class="bs-link-button" onClick={() => void updateSettings({ rememberPaused: false })}>{t('options.reading.resume')}</button>
          </p>
        )}
        <label class="bs-option-row" for="bs-dwell">
          {t('options.reading.dwellBefore')}
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
          {t('options.reading.dwellAfter')} <span class="bs-muted">{t('options.default', { value: DEFAULT_SETTINGS.dwellSeconds })}</span>
        </label>
        <label class="bs-option-row" for="bs-budget">
          {t('options.reading.budgetBefore')}
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
          {t('options.reading.budgetAfter')} <span class="bs-muted">{t('options.reading.budgetHelp', { value: DEFAULT_SETTINGS.budgetMb })}</span>
        </label>
        {stats?.usageBytes !== undefined && (
          <p class="bs-muted" data-usage>{t('options.reading.usage', { used: formatMegabytes(stats.usageBytes), budget: formatMegabytes(settings.budgetMb * 1e6) })}</p>
        )}
        {settings.neverRememberSites.length > 0 && (
          <ul class="bs-site-list" aria-label={t('options.reading.neverList')}>
            {settings.neverRememberSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={t('options.reading.rememberAgainLabel', { site: host })}
                  onClick={() => void updateSettings({ neverRememberSites: settings.neverRememberSites.filter((other) => other !== host) })}
                >
                  {t('options.reading.rememberAgain')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="bs-button" onClick={() => void openSidePanel({}, { view: 'reading' })}>
          {t('options.reading.seeRemembered')}
        </button>
      </section>

      <section aria-labelledby="bs-opt-sites">
        <h2 id="bs-opt-sites" class="bs-section-title">{t('options.sites.title')}</h2>
        <form class="bs-site-form" onSubmit={addSite}>
          <label class="bs-visually-hidden" for="bs-site">{t('options.sites.label')}</label>
          <input id="bs-site" class="bs-input" placeholder={t('options.sites.placeholder')} value={site} onInput={(event) => setSite(event.currentTarget.value)} />
          <button type="submit" class="bs-button">{t('options.sites.turnOff')}</button>
        </form>
        {siteError && <p class="bs-error" role="alert">{siteError}</p>}
        {settings.disabledSites.length === 0 ? (
          <p class="bs-muted">{t('options.sites.none')}</p>
        ) : (
          <ul class="bs-site-list" aria-label={t('options.sites.title')}>
            {settings.disabledSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={t('options.sites.turnOnLabel', { site: host })}
                  onClick={() => void updateSettings({ disabledSites: settings.disabledSites.filter((other) => other !== host) })}
                >
                  {t('options.sites.turnOn')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="bs-opt-unmarked">
        <h2 id="bs-opt-unmarked" class="bs-section-title">{t('options.unmarked.title')}</h2>
        {settings.unmarked.length === 0 ? (
          <p class="bs-muted">{t('options.unmarked.none')}</p>
        ) : (
          <ul class="bs-site-list" aria-label={t('options.unmarked.title')}>
            {[...settings.unmarked].sort((a, b) => a.site.localeCompare(b.site) || a.form.localeCompare(b.form)).map((entry) => (
              <li key={`${entry.site} ${entry.form} ${entry.entityId}`}>
                <span>{t('options.unmarked.entry', { form: entry.form, name: entityName(lang, { id: entry.entityId, name: entry.name }), site: entry.site })}</span>
                <button
                  type="button"
                  class="bs-link-button"
                  aria-label={t('options.unmarked.undoLabel', { form: entry.form, name: entityName(lang, { id: entry.entityId, name: entry.name }), site: entry.site })}
                  onClick={() => void turnOnMark(entry)}
                >
                  {t('common.undo')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="bs-opt-keys">
        <h2 id="bs-opt-keys" class="bs-section-title">{t('options.keys.title')}</h2>
        <ul class="bs-site-list" aria-label={t('options.keys.title')}>
          {shortcuts.map((command) => (
            <li key={command.name} data-command={command.name}>
              <span>{command.name in COMMAND_MESSAGES ? t(COMMAND_MESSAGES[command.name]!) : command.description}</span>
              {command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="bs-warning">{t('options.keys.none')}</span>}
            </li>
          ))}
        </ul>
        {shortcuts.some((command) => !command.shortcut) && (
          <p class="bs-warning" role="status">
            {t('options.keys.missing')}
          </p>
        )}
        <p class="bs-muted">
          {t(isFirefox() ? 'options.keys.hintFirefox' : 'options.keys.hintChrome')}{' '}
          <button type="button" class="bs-link-button" onClick={() => void openShortcutSettings().catch(() => undefined)}>{t('options.keys.open')}</button>
        </p>
      </section>

      <section aria-labelledby="bs-opt-corpus">
        <h2 id="bs-opt-corpus" class="bs-section-title">{t('options.corpus.title')}</h2>
        {stats ? (
          <p>
            {t('options.corpus.summary', {
              count: stats.excerpts,
              sources: t('options.corpus.sources', { count: stats.sources }),
              yours: t('options.corpus.yours', { count: stats.readerSources }),
              entities: t('options.corpus.entities', { count: stats.entitiesTagged }),
            })}
          </p>
        ) : <p class="bs-muted">{t('options.corpus.counting')}</p>}
        <button type="button" class="bs-button" onClick={() => void openSidePanel({}, { view: 'sources' })}>
          {t('options.corpus.open')}
        </button>
      </section>
    </main>
  );
}

