/**
 * Atomic writes. Every write (add a page, delete or restore a source, import a file, install the
 * bundled corpus) is ONE readwrite transaction over the records (`sources`, `excerpts`), the
 * shelves of every entity it touches, the entity counts, and a `journal` entry saying which excerpt
 * ids it removed and added. Either all of it commits or none of it does: a service worker stopped
 * mid-way aborts the transaction and leaves the previous state. Errors come back as
 * `BackstoryError` (`quota` when the browser is out of room).
 *
 * Writes are queued one at a time (`exclusive`). After a commit, listeners hear the change with its
 * journal seq: the full-text index (corpus/search-engine.ts), when it is loaded, applies it; card
 * caches drop what they held.
 */
import type { IDBPTransaction } from 'idb';
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import type { CorpusDb, CorpusSchema, JournalEntry, JournalOp } from './db';
import { quiet, storageError } from './errors';
import { NearCopies } from './near-copies';
import { ShelfBatch, type ShelvedExcerpt, putEntityCounts, readEntityCounts, urlKey } from './shelves';

export type WriteTransaction = IDBPTransaction<
  CorpusSchema,
  ('sources' | 'excerpts' | 'journal' | 'meta' | 'shelves' | 'placements' | 'copies' | 'staging')[],
  'readwrite'
>;

export const WRITE_STORES = ['sources', 'excerpts', 'journal', 'meta', 'shelves', 'placements', 'copies', 'staging'] as const;

/**
 * What one write does to the records: the writer updates shelves, counts and the journal from it.
 * The body only reads; `write` issues its record writes, called once the writer has done its own
 * reads (IndexedDB answers a transaction's reads much faster before it holds pending writes).
 */
export interface WriteOutcome<T> {
  result: T;
  /** Issue the record writes (puts and deletes); absent for a bulk write, which wrote as it streamed. */
  write?: () => Promise<unknown>[];
  /** Excerpts the write removed or replaced, with the entities they were tagged with. */
  removed: ShelvedExcerpt[];
  added: ExcerptRecord[];
  sourcesPut: SourceRecord[];
  sourcesDeleted: string[];
  /** Nothing changed: no journal entry. */
  noop?: boolean;
  /**
   * A bulk write (an import): it clustered its excerpts and recorded its shelf changes as it
   * streamed (`copies`, `shelves`), keeping no records in memory, only the ids it stored; `added`
   * is then empty.
   */
  bulk?: { shelves: ShelfBatch; copies: NearCopies; addedIds: string[] };
}

/** A committed change, as listeners hear it. */
export interface CommittedChange {
  seq: number;
  op: JournalOp;
  removed: string[];
  added: ExcerptRecord[];
  sourcesPut: SourceRecord[];
  sourcesDeleted: string[];
  /** Ids stored by a bulk write, whose records are not passed on (read them back if needed). */
  bulkAddedIds?: string[];
}

export class CorpusWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: CommittedChange) => void | Promise<void>>();

  constructor(
    private readonly db: CorpusDb,
    private readonly now: () => Date,
    private readonly assertOpen: () => void,
  ) {}

  /** Run a task after every task queued before it (writes, snapshots), one at a time. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Hear every committed change (called in commit order, inside the queue). */
  onCommit(listener: (change: CommittedChange) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A write transaction over every store a write may touch. Relaxed durability: a commit is atomic
   * and visible at once, but the browser may flush it to disk a moment later (losing at most the
   * last write on a power cut, never half of one): what Firefox always does, and ~10× faster in
   * Chromium, which otherwise syncs the disk on every page remembered.
   */
  private transaction(): WriteTransaction {
    return this.db.transaction([...WRITE_STORES], 'readwrite', { durability: 'relaxed' });
  }

  /**
   * Run `body` in one write transaction and wait for its commit. On any error the transaction is
   * aborted (nothing of it lands) and the error mapped to a BackstoryError. Not queued: callers
   * run it inside `exclusive`.
   */
  async atomically<T>(body: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const tx = this.transaction();
    const done = tx.done;
    done.catch(() => undefined);
    try {
      const result = await body(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted or finished.
      }
      await done.catch(() => undefined);
      throw storageError(error, tx.error);
    }
  }

  /**
   * Run `body` in one readwrite transaction; then, in the same transaction, update the shelves and
   * counts and add the journal entry. On any error the transaction is aborted and the error mapped
   * to a BackstoryError. `onShelves` is called before the shelves are written (progress).
   */
  write<T>(op: JournalOp, body: (tx: WriteTransaction) => Promise<WriteOutcome<T>>, onShelves?: () => void): Promise<T> {
    return this.exclusive(async () => {
      this.assertOpen();
      const { outcome, seq } = await this.atomically(async (tx) => {
        const outcome = await body(tx);
        if (outcome.noop) return { outcome, seq: 0 };
        onShelves?.();
        if (outcome.bulk) {
          for (const excerpt of outcome.removed) outcome.bulk.shelves.remove(excerpt);
          const [counts] = await Promise.all([readEntityCounts(tx), outcome.bulk.shelves.read(tx)]);
          const delta = outcome.bulk.shelves.edit();
          await Promise.all([...outcome.bulk.copies.put(), ...outcome.bulk.shelves.put(tx), ...putEntityCounts(tx, counts, delta)]);
        } else {
          await this.updateShelves(tx, outcome);
        }
        const entry: JournalEntry = {
          op,
          at: this.now().toISOString(),
          removed: outcome.removed.map((excerpt) => excerpt.id),
          added: outcome.bulk?.addedIds ?? outcome.added.map((excerpt) => excerpt.id),
        };
        return { outcome, seq: await quiet(tx.objectStore('journal').add(entry)) };
      });
      if (!outcome.noop) {
        const change: CommittedChange = {
          seq,
          op,
          removed: outcome.removed.map((excerpt) => excerpt.id),
          added: outcome.added,
          sourcesPut: outcome.sourcesPut,
          sourcesDeleted: outcome.sourcesDeleted,
          ...(outcome.bulk ? { bulkAddedIds: outcome.bulk.addedIds } : {}),
        };
        for (const listener of this.listeners) await listener(change);
      }
      return outcome.result;
    });
  }

  /** Reads first (clusters, segments, counts), then every write of this write at once. */
  private async updateShelves(tx: WriteTransaction, outcome: WriteOutcome<unknown>): Promise<void> {
    const urls = new Map<string, string>();
    for (const source of outcome.sourcesPut) if (source.url) urls.set(source.id, urlKey(source.url));
    const batch = new ShelfBatch((sourceId) => urls.get(sourceId));
    const copies = await NearCopies.open(tx, outcome.added.length);
    copies.forget(outcome.removed.map((excerpt) => excerpt.id));
    for (const excerpt of outcome.removed) batch.remove(excerpt);
    const clusters = await copies.assignAll(outcome.added);
    outcome.added.forEach((excerpt, index) => batch.add(excerpt, (clusters[index] as { cluster: number }).cluster));
    const [counts] = await Promise.all([readEntityCounts(tx), batch.read(tx)]);
    const delta = batch.edit();
    await Promise.all([...(outcome.write?.() ?? []), ...copies.put(), ...batch.put(tx), ...putEntityCounts(tx, counts, delta)]);
  }
}
