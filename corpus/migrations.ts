/**
 * The corpus database's version history and the migrations between versions. Every migration runs
 * inside the upgrade transaction: if any step fails, the transaction aborts and the database stays
 * at its old version, untouched.
 *
 * ## Version 3 (current; see corpus/db.ts)
 * Adds `shelves` (one ranking table per entity, in segments: what a card reads), `placements`
 * (which segments hold a source's excerpts), `copies` (near-duplicate sketches and clusters) and
 * `staging` (imports arriving in chunks). Migration 2 → 3 only creates the stores; they are filled
 * right after the database opens, in one write transaction (corpus/shelves.ts `rebuildShelves`),
 * by the same code that keeps them up to date, and shelves written by an older version of that
 * code (meta `shelfVersion`) are rebuilt the same way. Reader pages, the journal and the
 * search-index snapshot are kept as they are.
 *
 * ## Version 2
 * `sources` (index `by-origin`), `excerpts` (indexes `by-entity` multiEntry on `entityIds`,
 * `by-date`, `by-source`), `meta`, `journal`, `snapshot`. The full-text index was loaded at every
 * start, for cards too.
 *
 * ## Version 1 (Backstory 0.0.x)
 * `sources` (index `origin`), `excerpts` (indexes `entity` multiEntry on **`entities`**, `date`,
 * `source`), `settings` (`{ key, value }`). Sources had no `dateConfidence`, `datePrecision` or
 * `dateEvidence`. There was no persisted index: it was rebuilt from every excerpt at each start.
 *
 * ## Migration 1 → 2
 * Every excerpt's `entities` becomes `entityIds` (sorted, unique); every source gets the date
 * fields it lacked (confidence from how the date was found, precision from the date's length);
 * indexes are recreated under their new names; `settings` entries move to `meta`; `journal` and
 * `snapshot` are created.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { DatePrecision } from '../core/schema';
import type { CorpusDb, MetaRecord, UpgradeTransaction } from './db';

/** Bring a database from `oldVersion` to the current version, inside its upgrade transaction. */
export async function migrate(db: CorpusDb, tx: UpgradeTransaction, oldVersion: number, now: string): Promise<void> {
  if (oldVersion === 0) {
    createV2(db);
    createV3(db);
    await tx.objectStore('meta').put({ key: 'createdAt', value: now });
    return;
  }
  // Stores first (synchronous), then the record migrations (awaiting only the upgrade's requests).
  if (oldVersion < 3) createV3(db);
  if (oldVersion < 2) await migrateV1toV2(db, tx, now);
  if (oldVersion === 2) await tx.objectStore('meta').put({ key: 'migratedFrom2', value: now });
}

function createV3(db: CorpusDb): void {
  db.createObjectStore('shelves', { keyPath: ['entityId', 'segment'] });
  db.createObjectStore('placements', { keyPath: 'sourceId' });
  const copies = db.createObjectStore('copies', { keyPath: 'id' });
  copies.createIndex('by-band', 'bands', { multiEntry: true });
  const staging = db.createObjectStore('staging', { keyPath: 'key', autoIncrement: true });
  staging.createIndex('by-import', 'importId');
}

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

