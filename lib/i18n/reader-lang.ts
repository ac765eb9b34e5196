/**
 * Which language the reader gets: the options' choice, else the browser's interface language
 * (browser.i18n.getUILanguage()), else English. Used by the extension's pages and the background.
 */
import { browser } from 'wxt/browser';
import { type Lang, resolveLang } from '../../core/i18n/lang';
import { type Settings, getSettings } from '../settings';

/** The browser's interface language ("uk", "de-AT"); the page's `navigator.language` where the API is missing. */
export function browserLanguage(): string {
  try {
    const lang = browser.i18n.getUILanguage();
    if (lang) return lang;
  } catch {
    // No i18n API here (a test's fake browser): the navigator's language says the same.
  }
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

export function readerLang(settings: Pick<Settings, 'language'>): Lang {
  return resolveLang(settings.language, browserLanguage());
}

export async function currentReaderLang(): Promise<Lang> {
  return readerLang(await getSettings());
}
