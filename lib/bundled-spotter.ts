/**
 * The bundled spotter, compiled, kept in `storage.local` under "bundledSpotter" for the content
 * script. It used to be a literal in the content script itself; there every page parsed and
 * evaluated ~80 KB of data before its load event (~25 ms over a one-line content script, measured
 * with `npm run bench -- page-cost`). Read from storage after the load event, it costs the page
 * nothing before it, and reading storage never wakes the background.
 *
 * The background writes it when Backstory is installed or updated (entrypoints/background/bundled-spotter.ts),
 * stamped with the build's id (`virtual:spotter-build`, the hash of what the build's snapshot is);
 * a content script that finds none, or one of another build, asks the background, which writes it
 * again and answers with it.
 */
import { browser } from 'wxt/browser';
import { readStored } from './stored-value';
import { type SpotterSnapshot, isSpotterSnapshot } from '../core/spotter-automaton';

export const BUNDLED_SPOTTER_KEY = 'bundledSpotter';

export interface StoredSpotter {
  /** The build that wrote it (scripts/spotter-build-plugin.ts). */
  build: string;
  snapshot: SpotterSnapshot;
}

/** The stored snapshot when it is this build's, else undefined. */
export function parseStoredSpotter(raw: unknown, build: string): SpotterSnapshot | undefined {
  const value = raw as Partial<StoredSpotter> | null | undefined;
  if (typeof value !== 'object' || value === null || value.build !== build || !isSpotterSnapshot(value.snapshot)) return undefined;
  return value.snapshot;
}

export function getStoredSpotter(build: string): Promise<SpotterSnapshot | undefined> {
  return readStored(BUNDLED_SPOTTER_KEY, (raw) => parseStoredSpotter(raw, build), undefined);
}

export async function storeSpotter(stored: StoredSpotter): Promise<void> {
  await browser.storage.local.set({ [BUNDLED_SPOTTER_KEY]: stored });
}
