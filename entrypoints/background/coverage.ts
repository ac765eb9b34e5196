/**
 * Keeps `storage.local`'s list of the names with excerpts (lib/coverage.ts) in step with the
 * corpus: published when the corpus opens and shortly after each write (a burst of writes, such
 * as remembering a page or an import, publishes once).
 */
import { publishCoverage } from '../../lib/coverage';
import type { CorpusService } from '../../corpus/service';

const SETTLE_MS = 300;

let timer: ReturnType<typeof setTimeout> | undefined;

export async function publishNow(service: CorpusService): Promise<void> {
  try {
    await publishCoverage({ withExcerpts: await service.entitiesWithExcerpts() });
  } catch {
    // The service closed or storage refused: the next write publishes again.
  }
}

/** Publish now, and after every write to `service`. */
export function followCoverage(service: CorpusService): void {
  void publishNow(service);
  service.onChange(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void publishNow(service);
    }, SETTLE_MS);
  });
}
