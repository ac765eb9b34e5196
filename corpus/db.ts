/**
 * The corpus database in IndexedDB: its object stores and how it is opened. Only the background
 * (through corpus/service.ts) opens it: IndexedDB opened from a content script would belong to the
 * page's origin. The version history and the migrations are in corpus/migrations.ts.
 *
 * ## Version 3 (current)
 * | store | key | holds | read by |
 * | --- | --- | --- | --- |
 * | `sources` | `id` | `SourceRecord`; index `by-origin` | cards (the few shown), lists |
 * | `excerpts` | `id` | `ExcerptRecord`; indexes `by-entity` (multiEntry), `by-date`, `by-source` | cards (the few shown), timelines |
 * | `shelves` | [entity id, segment] | `ShelfRecord`: the ranking table of that entity's excerpts, in segments | **cards**: one read per hover |
 * | `placements` | `sourceId` | `PlacementRecord`: which shelf segments hold a source's excerpts | writes |
 * | `copies` | excerpt id | `CopyRecord`: near-duplicate sketch, band keys (index `by-band`) and cluster | writes |
 * | `meta` | `key` | `{ key, value }`: bundled checksum, entity counts, shelf version, snapshot seq | everyone |
 * | `journal` | `seq` (auto) | `JournalEntry`: which excerpts a committed write removed and added | the search index |
 * | `snapshot` | `'index'` | `IndexSnapshot`: the full-text index and global table as of a journal seq | the search index |
 * | `staging` | `key` (auto) | `StagedBatch`: checked lines of an import still arriving | imports |
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import type { AsPlainObject } from 'minisearch';
import type { SerializedTable } from '../core/excerpt-table';
import type { PackedIndex } from '../core/search-postings';
import type { ExcerptRecord, SourceOrigin, SourceRecord } from '../core/schema';
import type { ShelfData } from '../core/shelf-table';
import { migrate } from './migrations';

export const CORPUS_DB_NAME = 'backstory-corpus';
export const CORPUS_DB_VERSION = 3;
export const SNAPSHOT_KEY = 'index';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type JournalOp = 'add-page' | 'delete-source' | 'restore-source' | 'edit-source' | 'import' | 'bundled' | 'remember' | 'forget' | 'retag';

/** One committed write, as far as the search index is concerned. */
export interface JournalEntry {
  /** Assigned by the store (auto-increment): the order of commits. */
  seq?: number;
  op: JournalOp;
  at: string;
  /** Excerpt ids the write removed (or replaced). */
  removed: string[];
  /** Excerpt ids the write stored (read back from `excerpts` when the entry is replayed). */
  added: string[];
}

/**
 * The search index and global ranking table as they were after applying every journal entry ≤
 * `seq`. The index is packed into typed arrays (core/search-postings.ts); version-2 databases may
 * hold a `minisearch-json` snapshot, which is not read any more (the index is rebuilt instead).
 */
export type IndexSnapshot = {
  seq: number;
  indexVersion: number;
  tableVersion: number;
  createdAt: string;
  excerpts: number;
  table: SerializedTable;
} & ({ indexFormat: 'packed'; index: PackedIndex } | { indexFormat: 'minisearch-json'; index: AsPlainObject });

/**
 * Everything a card needs to rank one entity's excerpts without reading them: the columns of
 * core/shelf-table.ts (days, sources and their URL keys, co-mentioned entities, near-duplicate
 * clusters) of the excerpts tagged with the entity, in segments of at most SEGMENT_ROWS rows.
 */
export interface ShelfRecord {
  entityId: string;
  segment: number;
  /** SHELF_VERSION of the code that wrote it. */
  version: number;
  shelf: ShelfData;
}

/** Which segments of which entities' shelves hold a source's excerpts (to remove them). */
export interface PlacementRecord {
  sourceId: string;
  segments: Record<string, number[]>;
}

/** An excerpt's near-duplicate sketch, its band keys and its cluster (corpus/near-copies.ts). */
export interface CopyRecord {
  id: string;
  cluster: number;
  sketch: Uint16Array;
  bands: number[];
}

/** A batch of checked lines of an import in progress. */
export interface StagedBatch {
  key?: number;
  importId: string;
  sources: SourceRecord[];
  excerpts: ExcerptRecord[];
}

export interface CorpusSchema extends DBSchema {
  sources: { key: string; value: SourceRecord; indexes: { 'by-origin': SourceOrigin } };
  excerpts: { key: string; value: ExcerptRecord; indexes: { 'by-entity': string; 'by-date': string; 'by-source': string } };
  shelves: { key: [string, number]; value: ShelfRecord };
  placements: { key: string; value: PlacementRecord };
  copies: { key: string; value: CopyRecord; indexes: { 'by-band': number } };
  meta: { key: string; value: MetaRecord };
  journal: { key: number; value: JournalEntry };
  snapshot: { key: string; value: IndexSnapshot };
  staging: { key: number; value: StagedBatch; indexes: { 'by-import': string } };
}

export type CorpusDb = IDBPDatabase<CorpusSchema>;
export type CorpusStoreName = StoreNames<CorpusSchema>;
export type UpgradeTransaction = IDBPTransaction<CorpusSchema, CorpusStoreName[], 'versionchange'>;

export interface OpenCorpusDbOptions {
  name?: string;
  /** Called when another connection wants a newer version; the connection is closed right after. */
  onVersionChange?: () => void;
  now?: () => Date;
}

/**
 * Open (creating or migrating) the corpus database with the given IndexedDB factory: the browser's
 * `indexedDB` in the background, fake-indexeddb in tests and benchmarks.
 */
export function openCorpusDb(factory: IDBFactory, options: OpenCorpusDbOptions = {}): Promise<CorpusDb> {
  const name = options.name ?? CORPUS_DB_NAME;
  const now = (options.now ?? (() => new Date()))().toISOString();
  const request = factory.open(name, CORPUS_DB_VERSION);
  const opened = wrap(request) as Promise<CorpusDb>;
  let migrationError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as CorpusDb;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    // An aborted upgrade is reported through the open request below, not through `done`.
    tx.done.catch(() => undefined);
    migrate(db, tx, event.oldVersion, now).catch((error: unknown) => {
      migrationError = error;
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
    });
  });
  return opened.then(
    (db) => {
      db.addEventListener('versionchange', () => {
        options.onVersionChange?.();
        db.close();
      });
      return db;
    },
    (error: unknown) => {
      const cause = migrationError ?? error;
      const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      if (cause instanceof Error && cause.name === 'VersionError') {
        throw new Error(`The corpus was written by a newer version of Backstory; update the extension to read it (${detail}).`);
      }
      throw new Error(`The corpus database could not be opened or upgraded; it was left as it was (${detail}).`);
    },
  );
}
