/**
 * Upgrade from schema version 2 to 3, on a database written by the version-2 code itself:
 * fixtures/corpus-db-v2.json is every store of such a database after a reader's session (the
 * bundled corpus, pages added, one added again with new text, one deleted, a snapshot, then two
 * changes only in the journal), dumped by fixtures/make-corpus-db-v2.ts before the store moved to
 * corpus/. The upgrade keeps every record, builds the shelves, and the old snapshot plus journal
 * still serve search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, test } from 'vitest';
import { readerSourceId } from '../../core/page-records';
import { CORPUS_DB_VERSION } from '../../corpus/db';
import { CorpusService } from '../../corpus/service';
import { KHERSON_PAGE, KYIV_PAGE, bundledCorpus, gazetteer } from './corpus-fixtures';

interface DumpedStore {
  keyPath: string | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string; multiEntry: boolean }[];
  records: { key: IDBValidKey; value: unknown }[];
}
interface Dump {
  version: number;
  stores: Record<string, DumpedStore>;
}

const DUMP = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'corpus-db-v2.json'), 'utf8')) as Dump;

/** Typed arrays were dumped as { $typed, values }. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const typed = value as { $typed?: string; values?: number[] };
    if (typed.$typed && Array.isArray(typed.values)) {
      const Constructor = (globalThis as unknown as Record<string, new (values: number[]) => unknown>)[typed.$typed] as new (values: number[]) => unknown;
      return new Constructor(typed.values);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]));
  }
  return value;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Recreate the version-2 database, store by store and record by record, with the plain API. */
async function createV2Database(factory: IDBFactory, name: string): Promise<void> {
  const open = factory.open(name, DUMP.version);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const [storeName, store] of Object.entries(DUMP.stores)) {
      const created = db.createObjectStore(storeName, store.keyPath ? { keyPath: store.keyPath, autoIncrement: store.autoIncrement } : {});
      for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry });
      for (const record of store.records) {
        const value = revive(record.value);
        if (store.keyPath) created.put(value);
        else created.put(value, record.key);
      }
    }
  };
  const db = await request(open);
  db.close();
}

const services: CorpusService[] = [];
const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const service of services.splice(0)) service.close();
});

async function openUpgraded(factory: IDBFactory, name: string): Promise<CorpusService> {
  const service = await CorpusService.open({
    indexedDB: factory, name, gazetteer, bundled: bundledCorpus(), snapshotDelayMs: Number.POSITIVE_INFINITY,
    now: () => new Date('2024-07-01T12:00:00Z'),
  });
  services.push(service);
  return service;
}

describe('upgrade from schema version 2 (a database written by the version-2 code)', () => {
  test('keeps every page and excerpt, builds the shelves, and search still reads the old snapshot and journal', async () => {
    expect(DUMP.version).toBe(2);
    const factory = new IDBFactory();
    await createV2Database(factory, 'v2');
    const service = await openUpgraded(factory, 'v2');

    const kherson = readerSourceId(KHERSON_PAGE.url);
    const kyiv = readerSourceId(KYIV_PAGE.url);
    const reader = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(reader.map((source) => source.id).sort()).toEqual([kherson, kyiv].sort());
    // The Kyiv page was added again with a third paragraph (in the journal only, after the snapshot).
    expect(reader.find((source) => source.id === kyiv)?.excerptCount).toBe(3);
    // Every stored record came through unchanged.
    const dumped = DUMP.stores.excerpts?.records.map((record) => record.value) ?? [];
    const exported = (await service.exportJsonl('all')).text.trim().split('\n').slice(1).map((line) => JSON.parse(line))
      .filter((line) => line.excerpt).map((line) => line.excerpt);
    expect(exported.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      (dumped as { id: string }[]).slice().sort((a, b) => a.id.localeCompare(b.id)),
    );

    // Cards read the new shelves (a card shows at most two excerpts of one source; all three are there).
    const card = await service.excerptsFor('kyiv');
    expect(card.total).toBe(3);
    expect(card.excerpts.map((view) => view.excerpt.id).sort()).toEqual([`${kyiv}#0`, `${kyiv}#1`]);
    expect((await service.entityTimeline('kyiv')).excerpts.map((view) => view.excerpt.id).sort()).toEqual([`${kyiv}#0`, `${kyiv}#1`, `${kyiv}#2`]);
    expect(await service.entityCounts()).toMatchObject({ kherson: 4, kyiv: 3 });
    expect(service.diagnostics().searchLoaded).toBe(false);
    // Search: the version-2 snapshot plus the journal after it (the re-added page, the deleted one).
    expect((await service.search('generators')).hits.map((hit) => hit.excerpt.id)).toContain(`${kyiv}#2`);
    expect((await service.search('підвалах волонтерів')).total).toBe(0);
    expect((await service.search('Бахмута')).hits.map((hit) => hit.source.id)).toEqual(['seed-two', 'seed-two']);
    expect(service.diagnostics()).toMatchObject({ searchLoaded: true, appliedSeq: 6 });
    expect(await service.verify()).toEqual([]);

    service.close();
    const db = await request(factory.open('v2'));
    expect(db.version).toBe(CORPUS_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['copies', 'excerpts', 'journal', 'meta', 'placements', 'shelves', 'snapshot', 'sources', 'staging']);
    db.close();
  });

  test('shelves that cannot be built (a full disk) leave the records as they were, and the next start builds them', async () => {
    const factory = new IDBFactory();
    await createV2Database(factory, 'v2b');
    const prototype = globalThis.IDBObjectStore.prototype as unknown as { put: (...args: unknown[]) => IDBRequest };
    const original = prototype.put;
    prototype.put = function patched(this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'shelves') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    };
    restores.push(() => {
      prototype.put = original;
    });
    await expect(openUpgraded(factory, 'v2b')).rejects.toThrow(/no room left/u);
    restores.pop()?.();
    const service = await openUpgraded(factory, 'v2b');
    expect((await service.stats()).readerSources).toBe(2);
    expect((await service.excerptsFor('kherson')).total).toBe(4);
    expect(await service.verify()).toEqual([]);
  });
});
