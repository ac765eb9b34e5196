/**
 * One value kept in `storage.local` under its own key, read and followed the same way everywhere:
 * every context (pages included, without waking the background) reads it directly, checks it with
 * its `parse`, and hears of changes through `storage.onChanged`.
 */
import { browser } from 'wxt/browser';

/** The stored value, checked by `parse`; `fallback` when storage cannot be read. */
export async function readStored<T>(key: string, parse: (raw: unknown) => T, fallback: T): Promise<T> {
  try {
    return parse((await browser.storage.local.get(key))[key]);
  } catch {
    return fallback;
  }
}

/** Call `callback` with the checked new value whenever the key changes; returns the unsubscribe. */
export function watchStored<T>(key: string, parse: (raw: unknown) => T, callback: (value: T) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) callback(parse(changes[key]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
