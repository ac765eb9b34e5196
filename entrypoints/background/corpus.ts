/**
 * The one CorpusService of the background, opened on first use (the service worker may be woken
 * by any message) and kept while the worker lives. If opening fails, or the service was closed
 * (an extension update upgraded the database under it), the next request opens it again.
 */
import type { CorpusFile } from '../../core/schema';
import bundledCorpus from '../../data/corpus.json';
import { CorpusService } from '../../corpus/service';
import { gazetteer } from '../../lib/gazetteer-data';
import { followCoverage } from './coverage';
import { followTrackedNames } from './tracked';

let opening: Promise<CorpusService> | undefined;

export async function estimateUsage(): Promise<number | undefined> {
  try {
    return (await navigator.storage?.estimate?.())?.usage;
  } catch {
    return undefined;
  }
}

let current: CorpusService | undefined;

export async function corpus(): Promise<CorpusService> {
  if (current && !current.isOpen) {
    current = undefined;
    opening = undefined;
  }
  if (!opening) {
    opening = CorpusService.open({
      indexedDB,
      gazetteer,
      bundled: bundledCorpus as CorpusFile,
      estimateUsage,
    }).then(async (service) => {
      // The names the reader tracks, before the first page is tagged (and re-tagging, in the background).
      await followTrackedNames(service).catch(() => undefined);
      return service;
    });
    opening.then(
      (service) => {
        current = service;
        followCoverage(service);
      },
      () => {
        opening = undefined;
      },
    );
  }
  return opening;
}
