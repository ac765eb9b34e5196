/**
 * Storage failures as the reader reads them: typed protocol errors (core/protocol.ts) with one
 * message per kind. A full disk is `quota` and says that nothing was written; anything else says
 * what failed and that nothing was changed (every write is one transaction).
 */
import { readerError, say } from '../lib/i18n/reader-error';
import { BackstoryError, QUOTA_MESSAGE, isQuotaError } from '../core/protocol';

/** A reason as a sentence: capitalised, ending in a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital}.`;
}

/** A stored-data error as a typed protocol error. */
export function storageError(error: unknown, transactionError?: DOMException | null): BackstoryError {
  if (error instanceof BackstoryError) return error;
  if (isQuotaError(error) || isQuotaError(transactionError)) return new BackstoryError({ code: 'quota', message: QUOTA_MESSAGE, text: [say('errors.quota')] });
  const name = error instanceof Error || error instanceof DOMException ? error.name : transactionError?.name ?? 'error';
  const text = error instanceof Error ? error.message : String(error);
  return readerError('internal', say('errors.storage', { detail: `${name}: ${text.slice(0, 200)}` }));
}

/**
 * Mark a request's promise as handled: when a transaction aborts, every pending request rejects,
 * and the first failure is what we report (through Promise.all or tx.done), not each of them.
 */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
