/**
 * Starting the interface language on one of the extension's own pages (popup, options, first-run
 * page, reading room): install the reader's language before the first render, set <html lang>
 * (screen readers and hyphenation follow it), and follow the language setting while the page is
 * open. Imports every catalog: never from code that runs in web pages.
 */
import { type ComponentChild, render } from 'preact';
import type { MessageKey } from '../../core/i18n/keys';
import { DEFAULT_LANG, type Lang } from '../../core/i18n/lang';
import { getSettings, watchSettings } from '../settings';
import { fullCatalog } from './catalogs';
import { readerLang } from './reader-lang';
import { type I18n, currentI18n, installCatalog } from './use-i18n';

let started: Promise<I18n> | undefined;
let installed: Lang | undefined;

function install(lang: Lang, title: MessageKey | undefined): void {
  if (lang !== installed) {
    installed = lang;
    installCatalog(lang, fullCatalog(lang), lang === DEFAULT_LANG ? {} : { fallback: fullCatalog(DEFAULT_LANG) });
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    if (title) document.title = currentI18n().t(title);
  }
}

/**
 * Install the reader's language and follow its setting; `title` is the message of the page's
 * <title>. The same promise for every caller of a page.
 */
export function startI18n(options: { title?: MessageKey } = {}): Promise<I18n> {
  started ??= getSettings().then((settings) => {
    install(readerLang(settings), options.title);
    watchSettings((next) => install(readerLang(next), options.title));
    return currentI18n();
  });
  return started;
}

/** Start the language, then render the page's root component into #app. */
export async function renderPage(root: () => ComponentChild, options: { title?: MessageKey } = {}): Promise<void> {
  await startI18n(options);
  render(root(), document.getElementById('app') as HTMLElement);
}
