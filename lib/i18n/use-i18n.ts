/**
 * The interface's current language and messages, for Preact components and any code of a page:
 * `useI18n()` returns { t, lang, formatDate, formatNumber, formatMegabytes, formatList } and
 * re-renders its component when the language changes; `t()` outside a component reads the same
 * state. The catalog is installed from outside (`installCatalog`): by `startI18n()` on the
 * extension's pages, by the card's part with the catalog the background sends, by tests with a
 * pseudo-locale. This module imports no catalog, so code that runs in web pages can use it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../core/i18n/keys';
import { DEFAULT_LANG, type Lang } from '../../core/i18n/lang';
import type { Catalog, MessageParams } from '../../core/i18n/messages';
import { type I18n, type TranslatorOptions, makeI18n } from '../../core/i18n/translator';

export type { I18n, MessageKey, MessageParams };

let current: I18n = makeI18n(DEFAULT_LANG, {});
const listeners = new Set<(i18n: I18n) => void>();

/** Make `messages` (of language `lang`) the interface's messages, and re-render whoever uses them. */
export function installCatalog(lang: Lang, messages: Catalog, options?: TranslatorOptions): I18n {
  current = makeI18n(lang, messages, options);
  for (const listener of [...listeners]) listener(current);
  return current;
}

export function currentI18n(): I18n {
  return current;
}

/** The current language's text for `key` (outside components; inside, use `useI18n().t`). */
export function t(key: MessageKey, params?: MessageParams): string {
  return current.t(key, params);
}

/** Be told when the language (or its messages) change; returns the function that stops it. */
export function onI18nChange(listener: (i18n: I18n) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current translator; the component re-renders when the language changes. */
export function useI18n(): I18n {
  const [i18n, setI18n] = useState(current);
  useEffect(() => {
    // The language may have changed between the first render and this effect.
    if (i18n !== current) setI18n(current);
    return onI18nChange(setI18n);
  }, []);
  return i18n;
}
