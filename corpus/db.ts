/**
 * The corpus database in IndexedDB: its object stores, its version history and the migrations
 * between versions. Only the background (through lib/corpus-service.ts) opens it: IndexedDB opened
 * from a content script would belong to the page's origin.
 *
 * ## Version 2 (current)
 * | store | key | holds | indexes |
 * | --- | --- | --- | --- |
 * | `sources` | `id` | `SourceRecord` | `by-origin` |
 * | `excerpts` | `id` | `ExcerptRecord` | `by-entity` (multiEntry on `entityIds`), `by-date`, `by-source` |
 * | `meta` | `key` | `{ key, value }`: bundled corpus checksum, snapshot seq, creation and migration dates | — |
 * | `journal` | `seq` (auto) | `JournalEntry`: which excerpts a committed write removed and added | — |
 * | `snapshot` | `'index'` | `IndexSnapshot`: the search index and ranking table as of a journal seq | — |
 *
 * ## Version 1 (Backstory 0.0.x)
 * `sources` (index `origin`), `excerpts` (indexes `entity` multiEntry on **`entities`**, `date`,
 * `source`), `settings` (`{ key, value }`). Sources had no `dateConfidence`, `datePrecision` or
 * `dateEvidence`. There was no persisted index: it was rebuilt from every excerpt at each start.
 *
 * ## Migration 1 → 2
 * In the upgrade transaction (all or nothing: if any step fails the transaction aborts and the
 * database stays at version 1, untouched): every excerpt's `entities` becomes `entityIds` (sorted,
 * unique); every source gets the date fields it lacked (confidence from how the date was found,
 * precision from the date's length); indexes are recreated under their new names; `settings`
 * entries move to `meta`; `journal` and `snapshot` are created. The search index is built on first
 * open, since there is no snapshot yet.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import type { AsPlainObject } from 'minisearch';
import type { SerializedTable } from '../core/excerpt-table';
import type { PackedIndex } from '../core/search-postings';
import type { DatePrecision, ExcerptRecord, SourceOrigin, SourceRecord } from '../core/schema';

export const CORPUS_DB_NAME = 'backstory-corpus';
export const CORPUS_DB_VERSION = 2;
export const SNAPSHOT_KEY = 'index';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type JournalOp = 'add-page' | 'delete-source' | 'restore-source' | 'import' | 'bundled';

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
 * The search index and ranking table as they were after applying every journal entry ≤ `seq`.
 * The index is packed into typed arrays (core/search-postings.ts), or, if this MiniSearch's
 * internals are not the expected ones, `MiniSearch#toJSON()` as a plain object.
 */
export type IndexSnapshot = {
  seq: number;
  indexVersion: number;
  tableVersion: number;
  createdAt: string;
  excerpts: number;
  table: SerializedTable;
} & ({ indexFormat: 'packed'; index: PackedIndex } | { indexFormat: 'minisearch-json'; index: AsPlainObject });

export interface CorpusSchema extends DBSchema {
  sources: { key: string; value: SourceRecord; indexes: { 'by-origin': SourceOrigin } };
  excerpts: { key: string; value: ExcerptRecord; indexes: { 'by-entity': string; 'by-date': string; 'by-source': string } };
  meta: { key: string; value: MetaRecord };
  journal: { key: number; value: JournalEntry };
  snapshot: { key: string; value: IndexSnapshot };
}

export type CorpusDb = IDBPDatabase<CorpusSchema>;
type UpgradeTransaction = IDBPTransaction<CorpusSchema, StoreNames<CorpusSchema>[], 'versionchange'>;

/** Confidence given to a date migrated from version 1, which did not record one. */
function migratedConfidence(dateSource: unknown): number {
  switch (dateSource) {
    case 'date-line': case 'json-ld': case 'meta': return 0.9;
    case 'time-element': case 'url': case 'dateline': return 0.8;
    case 'month-day+context-year': return 0.7;
    case 'latest-event': return 0.4;
    default: return 0.2;
  }
}

function migratedPrecision(date: unknown): DatePrecision {
  if (typeof date !== 'string') return 'day';
  if (date.length > 10) return 'instant';
  return date.length === 7 ? 'month' : 'day';
}

function createV2(db: CorpusDb): void {
  const sources = db.createObjectStore('sources', { keyPath: 'id' });
  sources.createIndex('by-origin', 'origin');
  const excerpts = db.createObjectStore('excerpts', { keyPath: 'id' });
  excerpts.createIndex('by-entity', 'entityIds', { multiEntry: true });
  excerpts.createIndex('by-date', 'date');
  excerpts.createIndex('by-source', 'sourceId');
  db.createObjectStore('meta', { keyPath: 'key' });
  db.createObjectStore('journal', { keyPath: 'seq', autoIncrement: true });
  db.createObjectStore('snapshot');
}

/** Version 1 → 2, inside the upgrade transaction. Only IndexedDB requests are awaited. */
async function migrateV1toV2(db: CorpusDb, tx: UpgradeTransaction, now: string): Promise<void> {
  // Untyped access: version 1 stores and indexes are not in the current schema type.
  const raw = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  const rawDb = db as unknown as IDBPDatabase<unknown>;

  const sources = raw.objectStore('sources');
  if (sources.indexNames.contains('origin')) sources.deleteIndex('origin');
  sources.createIndex('by-origin', 'origin');
  for (let cursor = await sources.openCursor(); cursor; cursor = await cursor.continue()) {
    const record = cursor.value as Record<string, unknown>;
    if (record.dateConfidence !== undefined && record.datePrecision !== undefined && record.dateEvidence !== undefined) continue;
    await cursor.update({
      ...record,
      dateConfidence: typeof record.dateConfidence === 'number' ? record.dateConfidence : migratedConfidence(record.dateSource),
      datePrecision: record.datePrecision ?? migratedPrecision(record.date),
      dateEvidence: typeof record.dateEvidence === 'string' ? record.dateEvidence : 'recorded before Backstory kept how dates were found',
    });
  }

  const excerpts = raw.objectStore('excerpts');
  for (const name of ['entity', 'date', 'source']) if (excerpts.indexNames.contains(name)) excerpts.deleteIndex(name);
  for (let cursor = await excerpts.openCursor(); cursor; cursor = await cursor.continue()) {
    const { entities, ...rest } = cursor.value as Record<string, unknown> & { entities?: unknown };
    const list = Array.isArray(entities) ? entities : Array.isArray(rest.entityIds) ? rest.entityIds : [];
    const entityIds = [...new Set(list.filter((id): id is string => typeof id === 'string'))].sort();
    await cursor.update({ ...rest, entityIds, mentions: Array.isArray(rest.mentions) ? rest.mentions : [] });
  }
  excerpts.createIndex('by-entity', 'entityIds', { multiEntry: true });
  excerpts.createIndex('by-date', 'date');
  excerpts.createIndex('by-source', 'sourceId');

  const meta = rawDb.createObjectStore('meta', { keyPath: 'key' });
  if (rawDb.objectStoreNames.contains('settings')) {
    const settings = raw.objectStore('settings');
    for (let cursor = await settings.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value as Partial<MetaRecord>;
      if (typeof record.key === 'string') await meta.put({ key: record.key, value: record.value });
    }
    rawDb.deleteObjectStore('settings');
  }
  await meta.put({ key: 'migratedFrom1', value: now });
  rawDb.createObjectStore('journal', { keyPath: 'seq', autoIncrement: true });
  rawDb.createObjectStore('snapshot');
}

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
    if (event.oldVersion === 0) {
      createV2(db);
      void tx.objectStore('meta').put({ key: 'createdAt', value: now });
      return;
    }
    if (event.oldVersion === 1) {
      migrateV1toV2(db, tx, now).catch((error: unknown) => {
        migrationError = error;
        try {
          tx.abort();
        } catch {
          // Already finished or aborted.
        }
      });
    }
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
