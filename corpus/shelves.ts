/**
 * Shelves: for every entity, the ranking table of the excerpts tagged with it (core/shelf-table.ts),
 * stored in segments of at most SEGMENT_ROWS rows under [entity id, segment]. A card is one
 * entity's excerpts ranked for the page being read, so a card reads one key range (all segments
 * of one entity, a single request), ranks the rows in memory, then reads the few excerpt records
 * it shows. Nothing else is loaded after the service worker wakes: no full-text index, no table of
 * the whole corpus.
 *
 * Writes stay small however large a shelf grows: new rows go into the entity's last segment (a
 * new one when it is full), and `placements` records which segments hold each source's rows, so
 * that replacing or deleting a source edits only those segments. Every change happens inside the
 * write transaction that changes the excerpts (corpus/writes.ts), so a shelf never disagrees with
 * the store. The number of excerpts per entity (the popup's counts) lives in `meta` under
 * `entityCounts`, and how many of them are key dates of the chronicle under `keyDateCounts`, both
 * updated in the same transaction: the difference says which names have excerpts behind them
 * (marks of the others are drawn lighter).
 */
import { CHRONICLE_PREFIX, isChronicleSource } from '../core/chronicle';
import { hashText, normaliseUrl } from '../core/page-records';
import type { ExcerptRecord } from '../core/schema';
import { SEGMENT_ROWS, SHELF_FORMAT, type ShelfData, type ShelfRow, ShelfTable, editShelf, emptyShelf, joinSegments, rowCount } from '../core/shelf-table';
import type { CorpusDb, PlacementRecord, ShelfRecord } from './db';
import { quiet } from './errors';
import { NearCopies } from './near-copies';
import type { WriteTransaction } from './writes';

/** Bump when what a shelf holds changes: shelves of another version are rebuilt on open. */
export const SHELF_VERSION = SHELF_FORMAT;

export const ENTITY_COUNTS_KEY = 'entityCounts';
export const KEY_DATE_COUNTS_KEY = 'keyDateCounts';
export const SHELF_VERSION_KEY = 'shelfVersion';
const LAST_SEGMENT = Number.MAX_SAFE_INTEGER;

/** Excerpts per entity: all of them, and the chronicle's key dates among them. */
export interface EntityCounts {
  all: Record<string, number>;
  keyDates: Record<string, number>;
}

/** How a write changes the counts, per entity. */
export interface CountDelta {
  all: Map<string, number>;
  keyDates: Map<string, number>;
}

/** The part of an excerpt a shelf needs to forget it. */
export interface ShelvedExcerpt {
  id: string;
  sourceId: string;
  entityIds: readonly string[];
}

/** The key a source's URL is compared by (the page being read is left out of its own cards). */
export function urlKey(url: string): string {
  return hashText(normaliseUrl(url));
}

function entityRange(entityId: string): IDBKeyRange {
  return IDBKeyRange.bound([entityId, 0], [entityId, LAST_SEGMENT]);
}

/** A shelf read back, ready to rank. */
export interface Shelf {
  entityId: string;
  table: ShelfTable;
}

/** One entity's shelf: all its segments in one read. */
export async function readShelf(db: CorpusDb, entityId: string): Promise<Shelf | undefined> {
  const segments = (await db.getAll('shelves', entityRange(entityId))).filter((record) => record.version === SHELF_VERSION);
  if (segments.length === 0) return undefined;
  return { entityId, table: new ShelfTable(joinSegments(segments.map((record) => record.shelf))) };
}

/**
 * The shelf changes of one write (or a rebuild). Removals and additions are recorded as they come
 * (an import streams a hundred thousand excerpts through here: only their ids, dates, tags and
 * clusters are kept, never their text); `write` then reads the segments concerned, edits them and
 * puts them back, inside the write transaction.
 */
export class ShelfBatch {
  /** Source id → ids of its excerpts being removed, by entity. */
  private readonly removed = new Map<string, Map<string, Set<string>>>();
  private readonly added = new Map<string, ShelfRow[]>();

  constructor(private readonly urlKeyOf: (sourceId: string) => string | undefined) {}

  remove(excerpt: ShelvedExcerpt): void {
    let bySource = this.removed.get(excerpt.sourceId);
    if (!bySource) this.removed.set(excerpt.sourceId, (bySource = new Map()));
    for (const entityId of excerpt.entityIds) {
      const ids = bySource.get(entityId);
      if (ids) ids.add(excerpt.id);
      else bySource.set(entityId, new Set([excerpt.id]));
    }
  }

  add(excerpt: Pick<ExcerptRecord, 'id' | 'sourceId' | 'date' | 'entityIds'>, cluster: number): void {
    if (excerpt.entityIds.length === 0) return;
    const url = this.urlKeyOf(excerpt.sourceId);
    const row: ShelfRow = { id: excerpt.id, sourceId: excerpt.sourceId, date: excerpt.date, entityIds: excerpt.entityIds, cluster, ...(url ? { sourceUrl: url } : {}) };
    for (const entityId of new Set(excerpt.entityIds)) {
      const list = this.added.get(entityId);
      if (list) list.push(row);
      else this.added.set(entityId, [row]);
    }
  }

  /** Segments being edited, by "entity\u0000segment". */
  private readonly touched = new Map<string, { entityId: string; segment: number; shelf: ShelfData }>();
  private readonly lastOf = new Map<string, number>();
  private readonly placementOf = new Map<string, PlacementRecord | undefined>();
  private readonly placed = new Map<string, Map<string, Set<number>>>();

  private static key(entityId: string, segment: number): string {
    return `${entityId}\u0000${segment}`;
  }

  /**
   * Read what the changes recorded so far will edit: the placements of the sources concerned,
   * the segments they name, and the last segment of every entity that gets new rows. Reads only
   * (a write's reads all come before its writes: IndexedDB answers them faster so).
   */
  async read(tx: WriteTransaction): Promise<void> {
    const shelves = tx.objectStore('shelves');
    const placements = tx.objectStore('placements');
    const addedSources = new Set<string>();
    for (const rows of this.added.values()) for (const row of rows) addedSources.add(row.sourceId);
    const placementIds = [...new Set([...this.removed.keys(), ...addedSources])];
    const addedEntities = [...this.added.keys()];
    const [known, lasts] = await Promise.all([
      Promise.all(placementIds.map((id) => quiet(placements.get(id)))),
      Promise.all(addedEntities.map((entityId) => quiet(shelves.openCursor(entityRange(entityId), 'prev')).then((cursor) => cursor?.value))),
    ]);
    placementIds.forEach((id, index) => this.placementOf.set(id, known[index]));
    const wanted = new Map<string, [string, number]>();
    const unplaced = new Set<string>();
    for (const [sourceId, byEntity] of this.removed) {
      const placement = this.placementOf.get(sourceId);
      for (const entityId of byEntity.keys()) {
        const segments = placement?.segments[entityId];
        if (!segments) unplaced.add(entityId);
        else for (const segment of segments) wanted.set(ShelfBatch.key(entityId, segment), [entityId, segment]);
      }
    }
    const take = (record: ShelfRecord | undefined) => {
      if (record && record.version === SHELF_VERSION) this.touched.set(ShelfBatch.key(record.entityId, record.segment), { entityId: record.entityId, segment: record.segment, shelf: record.shelf });
    };
    addedEntities.forEach((entityId, index) => {
      const last = lasts[index];
      if (!last) return;
      this.lastOf.set(entityId, last.segment);
      take(last);
      wanted.delete(ShelfBatch.key(entityId, last.segment));
    });
    const [byKey, whole] = await Promise.all([
      Promise.all([...wanted.values()].map((key) => quiet(shelves.get(key)))),
      // A source removed without a placement (written by nothing here, but be safe): every segment.
      Promise.all([...unplaced].map((entityId) => quiet(shelves.getAll(entityRange(entityId))))),
    ]);
    byKey.forEach(take);
    whole.flat().forEach(take);
  }

  /** Apply the changes to the segments read (no I/O); returns how each touched entity's count changed. */
  edit(): CountDelta {
    const delta: CountDelta = { all: new Map(), keyDates: new Map() };
    const change = (entityId: string, by: number, keyDates: number) => {
      delta.all.set(entityId, (delta.all.get(entityId) ?? 0) + by);
      if (keyDates !== 0) delta.keyDates.set(entityId, (delta.keyDates.get(entityId) ?? 0) + keyDates);
    };
    for (const [sourceId, byEntity] of this.removed) {
      const keyDate = isChronicleSource(sourceId);
      for (const [entityId, ids] of byEntity) {
        for (const edit of this.touched.values()) {
          if (edit.entityId !== entityId) continue;
          const before = rowCount(edit.shelf);
          edit.shelf = editShelf(edit.shelf, ids, []);
          const by = rowCount(edit.shelf) - before;
          change(entityId, by, keyDate ? by : 0);
        }
      }
    }
    // Additions: into the entity's last segment, then new ones.
    for (const [entityId, rows] of this.added) {
      let segment = this.lastOf.get(entityId) ?? 0;
      let at = 0;
      while (at < rows.length) {
        const key = ShelfBatch.key(entityId, segment);
        const current = this.touched.get(key)?.shelf ?? emptyShelf();
        const room = SEGMENT_ROWS - rowCount(current);
        if (room <= 0) {
          segment++;
          continue;
        }
        const chunk = rows.slice(at, at + room);
        this.touched.set(key, { entityId, segment, shelf: editShelf(current, new Set(), chunk) });
        for (const row of chunk) this.place(row.sourceId, entityId, segment);
        change(entityId, chunk.length, chunk.reduce((sum, row) => sum + (isChronicleSource(row.sourceId) ? 1 : 0), 0));
        at += chunk.length;
      }
    }
    return delta;
  }

  private place(sourceId: string, entityId: string, segment: number): void {
    let byEntity = this.placed.get(sourceId);
    if (!byEntity) this.placed.set(sourceId, (byEntity = new Map()));
    let segments = byEntity.get(entityId);
    if (!segments) byEntity.set(entityId, (segments = new Set()));
    segments.add(segment);
  }

  /** Issue the writes of the edited segments and placements. */
  put(tx: WriteTransaction): Promise<unknown>[] {
    const shelves = tx.objectStore('shelves');
    const placements = tx.objectStore('placements');
    const requests: Promise<unknown>[] = [];
    for (const { entityId, segment, shelf } of this.touched.values()) {
      requests.push(rowCount(shelf) === 0
        ? quiet(shelves.delete([entityId, segment]))
        : quiet(shelves.put({ entityId, segment, version: SHELF_VERSION, shelf })));
    }
    for (const sourceId of this.removed.keys()) if (!this.placed.has(sourceId)) requests.push(quiet(placements.delete(sourceId)));
    for (const [sourceId, byEntity] of this.placed) {
      // A source removed in this write starts afresh; one only added to keeps what it had.
      const previous = this.removed.has(sourceId) ? undefined : this.placementOf.get(sourceId);
      const segments: Record<string, number[]> = { ...(previous?.segments ?? {}) };
      for (const [entityId, set] of byEntity) segments[entityId] = [...new Set([...(segments[entityId] ?? []), ...set])].sort((a, b) => a - b);
      requests.push(quiet(placements.put({ sourceId, segments })));
    }
    return requests;
  }
}

/** The per-entity counts (`meta.entityCounts` and `meta.keyDateCounts`), read in a write's read phase. */
export async function readEntityCounts(tx: WriteTransaction): Promise<EntityCounts> {
  const meta = tx.objectStore('meta');
  const [all, keyDates] = await Promise.all([quiet(meta.get(ENTITY_COUNTS_KEY)), quiet(meta.get(KEY_DATE_COUNTS_KEY))]);
  return {
    all: (all?.value as Record<string, number> | undefined) ?? {},
    keyDates: (keyDates?.value as Record<string, number> | undefined) ?? await countKeyDates(tx.objectStore('excerpts').index('by-source')),
  };
}

/**
 * Key dates per entity, counted from the chronicle's excerpts: for a store written before
 * `keyDateCounts` existed (the next write stores them). A few hundred records.
 */
export async function countKeyDates(bySource: { getAll(query: IDBKeyRange): Promise<ExcerptRecord[]> }): Promise<Record<string, number>> {
  const excerpts = await quiet(bySource.getAll(IDBKeyRange.bound(CHRONICLE_PREFIX, `${CHRONICLE_PREFIX}\uffff`)));
  const counts: Record<string, number> = {};
  for (const excerpt of excerpts) for (const entityId of new Set(excerpt.entityIds)) counts[entityId] = (counts[entityId] ?? 0) + 1;
  return counts;
}

function applyDelta(current: Readonly<Record<string, number>>, delta: ReadonlyMap<string, number>): Record<string, number> {
  const counts: Record<string, number> = { ...current };
  for (const [entityId, by] of delta) {
    const count = (counts[entityId] ?? 0) + by;
    if (count > 0) counts[entityId] = count;
    else delete counts[entityId];
  }
  return counts;
}

/** The counts with `delta` applied, as writes (requests). */
export function putEntityCounts(tx: WriteTransaction, current: Readonly<EntityCounts>, delta: CountDelta): Promise<unknown>[] {
  const meta = tx.objectStore('meta');
  return [
    quiet(meta.put({ key: ENTITY_COUNTS_KEY, value: applyDelta(current.all, delta.all) })),
    quiet(meta.put({ key: KEY_DATE_COUNTS_KEY, value: applyDelta(current.keyDates, delta.keyDates) })),
  ];
}

/**
 * Rebuild every shelf, placement and near-duplicate record from the store, in one write
 * transaction: after the migration to version 3, and whenever they were written by another
 * version of this code.
 */
export async function rebuildShelves(tx: WriteTransaction): Promise<void> {
  const sources = await quiet(tx.objectStore('sources').getAll());
  const urls = new Map<string, string>();
  for (const source of sources) if (source.url) urls.set(source.id, urlKey(source.url));
  await Promise.all(['shelves', 'placements', 'copies'].map((name) => quiet(tx.objectStore(name as 'shelves').clear())));
  const total = await quiet(tx.objectStore('excerpts').count());
  const copies = await NearCopies.open(tx, total, true);
  const batch = new ShelfBatch((sourceId) => urls.get(sourceId));
  for (let cursor = await quiet(tx.objectStore('excerpts').openCursor()); cursor; cursor = await quiet(cursor.continue())) {
    const excerpt = cursor.value;
    batch.add(excerpt, ((await copies.assignAll([excerpt]))[0] as { cluster: number }).cluster);
  }
  // Fresh: nothing to read; every segment is new.
  const delta = batch.edit();
  await Promise.all([
    ...copies.put(),
    ...batch.put(tx),
    ...putEntityCounts(tx, { all: {}, keyDates: {} }, delta),
    quiet(tx.objectStore('meta').put({ key: SHELF_VERSION_KEY, value: SHELF_VERSION })),
  ]);
}

/** Whether the shelves were written by this version of the code. */
export async function shelvesCurrent(db: CorpusDb): Promise<boolean> {
  return (await db.get('meta', SHELF_VERSION_KEY))?.value === SHELF_VERSION;
}
