/**
 * Which names have excerpts behind them, shared through `storage.local` so that a page can draw
 * its marks without waking the background: the background writes the list after every change to
 * the corpus (entrypoints/background/coverage.ts); the content script reads it when it starts
 * and follows its changes. Entities that are not listed have only their description and key dates,
 * and their marks are drawn lighter (README "Marks").
 */
import { browser } from 'wxt/browser';
import { readStored, watchStored } from './stored-value';

export const COVERAGE_KEY = 'coverage';

export interface Coverage {
  /** Ids of the entities with at least one excerpt besides the chronicle's key dates. */
  withExcerpts: string[];
}

/** The stored value, or undefined when none was published yet (then every mark is drawn in full). */
export function parseCoverage(raw: unknown): Coverage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const ids = (raw as { withExcerpts?: unknown }).withExcerpts;
  if (!Array.isArray(ids)) return undefined;
  return { withExcerpts: ids.filter((id): id is string => typeof id === 'string') };
}

export function getCoverage(): Promise<Coverage | undefined> {
  return readStored(COVERAGE_KEY, parseCoverage, undefined);
}

export function watchCoverage(callback: (coverage: Coverage | undefined) => void): () => void {
  return watchStored(COVERAGE_KEY, parseCoverage, callback);
}

/** Store the list, unless it is already what is stored (no change event for nothing). */
export async function publishCoverage(coverage: Coverage): Promise<boolean> {
  const current = await getCoverage();
  const ids = [...coverage.withExcerpts].sort();
  if (current && current.withExcerpts.length === ids.length && current.withExcerpts.every((id, index) => id === ids[index])) return false;
  await browser.storage.local.set({ [COVERAGE_KEY]: { withExcerpts: ids } });
  return true;
}
