/**
 * The languages Backstory's interface speaks, and which one a reader gets: the one chosen in the
 * options, or else the browser's own (browser.i18n.getUILanguage()), or else English.
 */

export const LANGS = ['en', 'uk', 'ru', 'de'] as const;
export type Lang = (typeof LANGS)[number];

/** The options' choice: follow the browser, or one language whatever the browser says. */
export type LanguageSetting = 'auto' | Lang;
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['auto', ...LANGS];

/** The language the interface falls back to, and the one the manifest names as default_locale. */
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isLanguageSetting(value: unknown): value is LanguageSetting {
  return value === 'auto' || isLang(value);
}

/**
 * The interface language for a setting and the browser's UI language ("uk", "de-AT", "ru_RU",
 * "en-GB"): the setting when it names one, else the browser's language when Backstory speaks it,
 * else English.
 */
export function resolveLang(setting: LanguageSetting, browserLang: string | undefined): Lang {
  if (setting !== 'auto') return setting;
  const primary = (browserLang ?? '').trim().toLowerCase().split(/[-_]/u)[0];
  return isLang(primary) ? primary : DEFAULT_LANG;
}
