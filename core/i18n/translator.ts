/**
 * One language's translator: `t(key, params)` and the Intl formatters, bound to a language and
 * its messages. The same object is what `useI18n()` returns in the interface and what the
 * background uses for its menus and notices.
 *
 * `pseudo` writes every message and every formatted value between ⟦ ⟧, and closes the brackets
 * around a string parameter (⟦Turn off on ⟧example.com⟦⟧), so the parameter is judged on its own.
 * It is how the unit tests find text that does not come from a message, and a quick way to spot
 * one by eye.
 */
import type { DatePrecision } from '../schema';
import { formatDate, formatList, formatMegabytes, formatNumber } from './format';
import type { MessageKey } from './keys';
import type { Lang } from './lang';
import { type Catalog, type MessageParams, formatMessage } from './messages';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatDate: (iso: string, precision?: DatePrecision) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatMegabytes: (bytes: number) => string;
  formatList: (items: readonly string[]) => string;
}

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export interface TranslatorOptions {
  /** Messages to use for a key the language's catalog lacks (the English ones). */
  fallback?: Catalog;
  pseudo?: boolean;
}

export function makeI18n(lang: Lang, messages: Catalog, options: TranslatorOptions = {}): I18n {
  const { fallback, pseudo = false } = options;
  const mark = pseudo ? (text: string) => `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : (text: string) => text;
  return {
    lang,
    t: (key, params) => {
      const message = Object.hasOwn(messages, key) ? messages[key] : fallback && Object.hasOwn(fallback, key) ? fallback[key] : undefined;
      // A key with no message at all shows as itself: visible, and caught by the catalog tests.
      if (message === undefined) return mark(key);
      return mark(formatMessage(lang, message, params, pseudo ? (value) => `${PSEUDO_CLOSE}${value}${PSEUDO_OPEN}` : undefined));
    },
    formatDate: (iso, precision) => mark(formatDate(lang, iso, precision)),
    formatNumber: (value, numberOptions) => mark(formatNumber(lang, value, numberOptions)),
    formatMegabytes: (bytes) => mark(formatMegabytes(lang, bytes)),
    formatList: (items) => mark(formatList(lang, items)),
  };
}
