/**
 * Persisting the search engine (corpus/search-engine.ts): its index, packed into typed arrays
 * (core/search-postings.ts), and its global ranking table, written to `snapshot` together with the
 * last journal seq they include; the journal entries up to that seq are deleted in the same
 * transaction. The next load reads the snapshot and replays only the journal after it.
 *
 * When: every `snapshotEvery` changes, or `snapshotDelayMs` after the last one, and right after a
 * rebuild, but only while the engine is loaded (the reading room searched). Writes made while it
 * is not loaded stay in the journal until then.
 */
import { TABLE_VERSION } from '../core/excerpt-table';
import { SEARCH_INDEX_VERSION } from '../core/search-index';
import { packIndex } from '../core/search-postings';
import { type CorpusDb, type IndexSnapshot, SNAPSHOT_KEY } from './db';
import { quiet, storageError } from './errors';
import type { SearchEngine } from './search-engine';

export const SNAPSHOT_SEQ_KEY = 'snapshotSeq';

/**
 * Write the engine's state as of its applied seq, unless another connection wrote a newer one.
 * Returns the error message when the write failed (the journal still holds every change).
 */
export async function writeSnapshot(db: CorpusDb, engine: SearchEngine, now: Date): Promise<string | undefined> {
  if (engine.appliedSeq === engine.snapshotSeq) return undefined;
  const seq = engine.appliedSeq;
  const tx = db.transaction(['snapshot', 'journal', 'meta'], 'readwrite');
  const done = tx.done;
  done.catch(() => undefined);
  try {
    const recorded = await tx.objectStore('meta').get(SNAPSHOT_SEQ_KEY);
    if (typeof recorded?.value === 'number' && recorded.value > seq) {
      // Another connection wrote a newer snapshot: ours would go back in time.
      tx.abort();
      await done.catch(() => undefined);
      return undefined;
    }
    // Packing and put run synchronously: the value is cloned before anything can change it.
    const snapshot: IndexSnapshot = {
      seq,
      indexVersion: SEARCH_INDEX_VERSION,
      tableVersion: TABLE_VERSION,
      createdAt: now.toISOString(),
      excerpts: engine.table.count,
      table: engine.table.serialize(),
      indexFormat: 'packed',
      index: packIndex(engine.index),
    };
    await Promise.all([
      quiet(tx.objectStore('snapshot').put(snapshot, SNAPSHOT_KEY)),
      quiet(tx.objectStore('journal').delete(IDBKeyRange.upperBound(seq))),
      quiet(tx.objectStore('meta').put({ key: SNAPSHOT_SEQ_KEY, value: seq })),
    ]);
    await done;
    engine.snapshotSeq = seq;
    engine.changesSinceSnapshot = 0;
    return undefined;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    await done.catch(() => undefined);
    return storageError(error, tx.error).message;
  }
}

/** Snapshot scheduling: after enough changes at once, else after a quiet delay. */
export class SnapshotSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly every: number,
    private readonly delayMs: number,
    private readonly run: () => void,
  ) {}

  /** A change was applied; `pending` is the number of changes since the last snapshot. */
  changed(pending: number): void {
    if (pending >= this.every) {
      this.cancel();
      this.run();
      return;
    }
    if (!Number.isFinite(this.delayMs)) return;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
