/**
 * Making a `BackstoryError` that the reader can read in any language: its sentences are messages
 * of the catalogs, and its `message` is the same sentences in English (logs, tests, and code that
 * predates the catalogs). For the background and its corpus; the content script writes its few
 * errors by hand (it must not carry the catalogs).
 */
import { type ErrorCode, BackstoryError, type ReaderText } from '../../core/protocol';
import type { MessageKey } from '../../core/i18n/keys';
import type { MessageParams } from '../../core/i18n/messages';
import { translatorFor } from './catalogs';
import { readerText } from './error-text';

/** One sentence of a reader's text. */
export function say(key: MessageKey, params?: MessageParams): ReaderText[number] {
  return params ? { key, params } : { key };
}

export function readerError(code: ErrorCode, ...text: ReaderText): BackstoryError {
  return new BackstoryError({ code, text, message: readerText(text, translatorFor('en').t) });
}
