/**
 * The one CorpusService of the background, opened on first use (the service worker may be woken
 * by any message) and kept while the worker lives. If opening fails, the next request tries again.
 */
import type { CorpusFile } from '../../core/schema';
import bundledCorpus from '../../data/corpus.json';
import { CorpusService } from '../../lib/corpus-service';
import { gazetteer } from '../../lib/gazetteer-data';

let opening: Promise<CorpusService> | undefined;

async function estimateUsage(): Promise<number | undefined> {
  try {
    return (await navigator.storage?.estimate?.())?.usage;
  } catch {
    return undefined;
  }
}

export function corpus(): Promise<CorpusService> {
  if (!opening) {
    opening = CorpusService.open({
      indexedDB,
      gazetteer,
      bundled: bundledCorpus as CorpusFile,
      estimateUsage,
    });
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
}
