/**
 * Keeps the corpus in step with the names the reader tracks (lib/tracked-names.ts): when the
 * corpus opens and whenever the list changes (in storage, or told by the reading room), the service
 * gets the list — pages added from then on are tagged with it — and the stored corpus is re-tagged
 * in the background (corpus/retag.ts), with its progress published for the reading room. When the
 * tags changed, open pages and cards hear that the corpus changed.
 *
 * One pass at a time; a change while a pass runs stops it between two batches and starts the next
 * one towards the new list. A worker stopped mid-pass resumes on its next start.
 */
import { browser } from 'wxt/browser';
import type { CorpusService } from '../../corpus/service';
import { TRACKED_KEY, getTrackedNames, publishRetagProgress } from '../../lib/tracked-names';
import { announceCorpusChange } from './events';

/** Progress is published at most this often (each write also keeps the worker awake). */
const PROGRESS_EVERY_MS = 250;

let generation = 0;
let running: Promise<void> | undefined;
let again = false;

/** Give a freshly opened service the tracked names, then bring the stored corpus in line (in the background). */
export async function followTrackedNames(service: CorpusService): Promise<void> {
  service.setTrackedNames(await getTrackedNames());
  void retag(service);
}

/** The list changed: the service takes it now, and re-tagging starts (or restarts). Resolves when re-tagging is done. */
export async function trackedNamesChanged(service: CorpusService): Promise<void> {
  service.setTrackedNames(await getTrackedNames());
  generation++;
  await retag(service);
}

/** Follow changes of the list in storage (made by the reading room, an import, another window). */
export function listenForTrackedNames(open: () => Promise<CorpusService>): void {
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && TRACKED_KEY in changes) void open().then(trackedNamesChanged).catch(() => undefined);
  });
}

/** Whether a pass is running now. */
export function retagging(): boolean {
  return running !== undefined;
}

function retag(service: CorpusService): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = run(service).finally(() => {
    running = undefined;
  });
  return running;
}

async function run(service: CorpusService): Promise<void> {
  // Excerpts changed by passes of this run that a newer list stopped: the next pass resumes where
  // they stopped, and the reader is told what the whole run changed.
  let carried = 0;
  do {
    again = false;
    const mine = generation;
    let last = 0;
    let published = false;
    try {
      const result = await service.retagTracked({
        superseded: () => generation !== mine || !service.isOpen,
        onProgress: ({ done, total, changed }) => {
          if (total === 0) return;
          const now = Date.now();
          if (published && now - last < PROGRESS_EVERY_MS && done < total) return;
          last = now;
          published = true;
          void publishRetagProgress({ state: 'running', done, total, changed: carried + changed, at: new Date(now).toISOString() }).catch(() => undefined);
        },
      });
      if (result.superseded) {
        carried += result.changed;
        again = service.isOpen;
        continue;
      }
      const changed = carried + result.changed;
      if (result.total > 0 || published || carried > 0) {
        await publishRetagProgress({ state: 'done', done: result.done, total: result.total, changed, at: new Date().toISOString() })
          .catch(() => undefined);
      }
      if (changed > 0) announceCorpusChange('retagged');
    } catch (error) {
      await publishRetagProgress({
        state: 'failed', done: 0, total: 0, changed: 0, at: new Date().toISOString(),
        message: `Re-tagging your corpus stopped: ${error instanceof Error ? error.message : String(error)} It resumes the next time Backstory starts.`,
        detail: error instanceof Error ? error.message : String(error),
      }).catch(() => undefined);
      return;
    }
  } while (again);
}
