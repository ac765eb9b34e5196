/**
 * What went wrong, as a card or a view shows it: the error itself worded in the reader's language
 * (lib/i18n/error-text.ts) when the state carries it, else the message it came with (already
 * worded by whoever caught it, as the popup does).
 */
import { errorMessage } from '../lib/i18n/error-text';
import type { I18n } from '../lib/i18n/use-i18n';

export interface Failure {
  message: string;
  /** The error as caught: a `BackstoryError` brings its sentences as messages of the catalogs. */
  error?: unknown;
}

export function failureText(t: I18n['t'], failure: Failure): string {
  return failure.error === undefined ? failure.message : errorMessage(failure.error, t);
}
