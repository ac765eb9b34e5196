/**
 * An error as the reader reads it, in the interface's language: a `BackstoryError`'s sentences
 * (`text`, see core/protocol.ts `ReaderText`) through the catalogs; without them a sentence for its
 * code (a full disk, a page Backstory cannot reach); anything else as "Something went wrong" with
 * the error's own words. Imports no catalog.
 */
import { BackstoryError, type ProtocolError, type ReaderText, isProtocolError } from '../../core/protocol';
import type { I18n } from './use-i18n';

export function readerText(text: ReaderText, t: I18n['t']): string {
  return text.map((sentence) => t(sentence.key, sentence.params)).join(' ');
}

export function errorMessage(error: unknown, t: I18n['t']): string {
  const typed: ProtocolError | undefined = error instanceof BackstoryError ? error.toProtocolError() : isProtocolError(error) ? error : undefined;
  if (typed?.text?.length) return readerText(typed.text, t);
  if (typed?.code === 'quota') return t('errors.quota');
  if (typed?.code === 'unreachable') return t('errors.unreachable');
  const detail = typed ? typed.message : error instanceof Error ? error.message : String(error);
  return t('errors.unexpected', { detail });
}
