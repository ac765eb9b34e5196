/**
 * A shelf: the ranking table of ONE entity's excerpts, in a form that is cheap to read back and
 * cheap to change (corpus/shelves.ts stores it in segments of at most `SEGMENT_ROWS` rows; a card
 * reads all segments of one entity and ranks them as one table).
 *
 * Columns, one row per excerpt: its source (an index into `sourceKeys`, with the source's URL key
 * beside it) and its position there (the excerpt's id is `<source id>#<position>`; an id of
 * another form is kept in `oddIds`), its day, the entities it is tagged with (co-mentions, as
 * indexes into `entityKeys`) and its near-duplicate cluster (a label shared by syndicated copies
 * across the whole corpus, given when the excerpt is stored: corpus/near-copies.ts).
 *
 * Every column is a small typed array (16 bits where that is enough), so that IndexedDB clones a
 * segment as a few raw byte buffers: ~25 bytes a row. The most mentioned entity of a reader's
 * 100,000 excerpts has ~30,000 of them, and a card reads them all.
 */
import { dayNumber } from './excerpt-table';
import type { RankingTable } from './ranking';

/** Bump when the columns change: shelves of another format are rebuilt. */
export const SHELF_FORMAT = 8;

/** Rows per stored segment: what one write rewrites at most per entity. */
export const SEGMENT_ROWS = 256;

export interface ShelfData {
  sourceKeys: string[];
  /** URL key of each source (same order as `sourceKeys`), '' when it has none. */
  sourceUrls: string[];
  source: Uint16Array | Int32Array;
  /** The excerpt's position in its source; −1 when its id is in `oddIds`. */
  position: Int32Array;
  /** Row (as a string) → id, for ids that are not `<source id>#<position>`. */
  oddIds: Record<string, string>;
  /** Days since 1970-01-01 (negative before: the chronicle reaches back to 1954). */
  day: Int32Array;
  entityKeys: string[];
  /** Row r's entities are entityList[entityOffsets[r] .. entityOffsets[r + 1]). */
  entityOffsets: Uint16Array | Int32Array;
  entityList: Uint16Array;
  /** Near-duplicate cluster label (0: none). */
  cluster: Int32Array;
}

/** A row to put on a shelf. */
export interface ShelfRow {
  id: string;
  sourceId: string;
  /** Key of the source's normalised URL, when it has one. */
  sourceUrl?: string;
  /** ISO date; only the day counts. */
  date: string;
  entityIds: readonly string[];
  cluster: number;
}

export function rowCount(data: ShelfData): number {
  return data.position.length;
}

/** The excerpt id of a row. */
export function rowId(data: ShelfData, row: number): string {
  const position = data.position[row] as number;
  return position < 0 ? (data.oddIds[row] as string) : `${data.sourceKeys[data.source[row] as number]}#${position}`;
}

/** The position an id of this source has, or −1 when the id is not `<source id>#<position>`. */
function positionIn(id: string, sourceId: string): number {
  if (id.length <= sourceId.length + 1 || !id.startsWith(sourceId) || id.charCodeAt(sourceId.length) !== 0x23) return -1;
  const digits = id.slice(sourceId.length + 1);
  return /^(0|[1-9]\d{0,8})$/u.test(digits) ? Number(digits) : -1;
}

export function emptyShelf(): ShelfData {
  return {
    sourceKeys: [], sourceUrls: [], source: new Uint16Array(0), position: new Int32Array(0), oddIds: {}, day: new Int32Array(0),
    entityKeys: [], entityOffsets: new Uint16Array(1), entityList: new Uint16Array(0), cluster: new Int32Array(0),
  };
}

/**
 * Builds new columns row by row, numbering source and entity keys in first-use order. `wide`: for
 * a whole shelf (offsets and sources past 65,535); a segment fits in 16 bits.
 */
class ShelfBuilder {
  private readonly sourceKeys: string[] = [];
  private readonly sourceUrls: string[] = [];
  private readonly sourceMap = new Map<string, number>();
  private readonly entityKeys: string[] = [];
  private readonly entityMap = new Map<string, number>();
  private readonly oddIds: Record<string, string> = {};
  private readonly source: Uint16Array | Int32Array;
  private readonly position: Int32Array;
  private readonly day: Int32Array;
  private readonly cluster: Int32Array;
  private readonly entityOffsets: Uint16Array | Int32Array;
  private readonly entityList: Uint16Array;
  private rows = 0;
  private offset = 0;

  constructor(rows: number, entities: number, wide: boolean) {
    this.source = wide ? new Int32Array(rows) : new Uint16Array(rows);
    this.position = new Int32Array(rows);
    this.day = new Int32Array(rows);
    this.cluster = new Int32Array(rows);
    this.entityOffsets = wide ? new Int32Array(rows + 1) : new Uint16Array(rows + 1);
    this.entityList = new Uint16Array(entities);
  }

  private internSource(key: string, url: string): number {
    let index = this.sourceMap.get(key);
    if (index === undefined) {
      index = this.sourceKeys.length;
      this.sourceKeys.push(key);
      this.sourceUrls.push(url);
      this.sourceMap.set(key, index);
    } else if (url && !this.sourceUrls[index]) {
      this.sourceUrls[index] = url;
    }
    return index;
  }

  private internEntity(key: string): number {
    let index = this.entityMap.get(key);
    if (index === undefined) {
      index = this.entityKeys.length;
      this.entityKeys.push(key);
      this.entityMap.set(key, index);
    }
    return index;
  }

  push(row: ShelfRow): void {
    const at = this.rows++;
    this.source[at] = this.internSource(row.sourceId, row.sourceUrl ?? '');
    const position = positionIn(row.id, row.sourceId);
    this.position[at] = position;
    if (position < 0) this.oddIds[at] = row.id;
    this.day[at] = dayNumber(row.date);
    this.cluster[at] = row.cluster;
    this.entityOffsets[at] = this.offset;
    for (const entityId of new Set(row.entityIds)) this.entityList[this.offset++] = this.internEntity(entityId);
  }

  /** Copy rows of `data` (in the order given), renumbering its source and entity keys. */
  copyRows(data: ShelfData, rows: Iterable<number>): void {
    const sources = new Int32Array(data.sourceKeys.length).fill(-1);
    const entities = new Int32Array(data.entityKeys.length).fill(-1);
    for (const row of rows) {
      const at = this.rows++;
      const oldSource = data.source[row] as number;
      let source = sources[oldSource] as number;
      if (source < 0) source = sources[oldSource] = this.internSource(data.sourceKeys[oldSource] as string, data.sourceUrls[oldSource] ?? '');
      this.source[at] = source;
      const position = data.position[row] as number;
      this.position[at] = position;
      if (position < 0) this.oddIds[at] = data.oddIds[row] as string;
      this.day[at] = data.day[row] as number;
      this.cluster[at] = data.cluster[row] as number;
      this.entityOffsets[at] = this.offset;
      const end = data.entityOffsets[row + 1] as number;
      for (let i = data.entityOffsets[row] as number; i < end; i++) {
        const oldEntity = data.entityList[i] as number;
        let entity = entities[oldEntity] as number;
        if (entity < 0) entity = entities[oldEntity] = this.internEntity(data.entityKeys[oldEntity] as string);
        this.entityList[this.offset++] = entity;
      }
    }
  }

  build(): ShelfData {
    this.entityOffsets[this.rows] = this.offset;
    return {
      sourceKeys: this.sourceKeys, sourceUrls: this.sourceUrls, source: this.source.subarray(0, this.rows),
      position: this.position.subarray(0, this.rows), oddIds: this.oddIds, day: this.day.subarray(0, this.rows),
      entityKeys: this.entityKeys, entityOffsets: this.entityOffsets.subarray(0, this.rows + 1),
      entityList: this.entityList.subarray(0, this.offset), cluster: this.cluster.subarray(0, this.rows),
    };
  }
}

function entityCount(data: ShelfData, row: number): number {
  return (data.entityOffsets[row + 1] as number) - (data.entityOffsets[row] as number);
}

/**
 * The segment `data` without the rows whose ids are in `removed` (or re-added), plus `added`:
 * new arrays; `data` is not changed.
 */
export function editShelf(data: ShelfData, removed: ReadonlySet<string>, added: readonly ShelfRow[]): ShelfData {
  const replaced = new Set(added.map((row) => row.id));
  const kept: number[] = [];
  for (let row = 0; row < rowCount(data); row++) {
    const id = rowId(data, row);
    if (!removed.has(id) && !replaced.has(id)) kept.push(row);
  }
  let entities = 0;
  for (const row of kept) entities += entityCount(data, row);
  for (const row of added) entities += new Set(row.entityIds).size;
  const builder = new ShelfBuilder(kept.length + added.length, entities, false);
  builder.copyRows(data, kept);
  for (const row of added) builder.push(row);
  return builder.build();
}

/** Segments of one entity as one table (copies the columns once). */
export function joinSegments(segments: readonly ShelfData[]): ShelfData {
  let rows = 0;
  let entities = 0;
  for (const segment of segments) {
    rows += rowCount(segment);
    entities += segment.entityList.length;
  }
  const builder = new ShelfBuilder(rows, entities, true);
  for (const segment of segments) builder.copyRows(segment, segment.position.keys());
  return builder.build();
}

/** A shelf as ranking reads it (core/ranking.ts `RankingTable`). Read-only. */
export class ShelfTable implements RankingTable {
  private readonly clusterSizes = new Map<number, number>();
  private entityIndexes: Map<string, number> | undefined;
  private sourceIndexes: Map<string, number> | undefined;

  constructor(readonly data: ShelfData) {
    for (const label of data.cluster) if (label !== 0) this.clusterSizes.set(label, (this.clusterSizes.get(label) ?? 0) + 1);
  }

  get count(): number {
    return rowCount(this.data);
  }

  get entityIndexCount(): number {
    return this.data.entityKeys.length;
  }

  get entityData(): Uint16Array {
    return this.data.entityList;
  }

  /** Every excerpt id on the shelf, in row order. */
  ids(): string[] {
    return Array.from({ length: this.count }, (_, row) => rowId(this.data, row));
  }

  isAlive(row: number): boolean {
    return row >= 0 && row < this.count;
  }

  idOf(row: number): string {
    return rowId(this.data, row);
  }

  dayOf(row: number): number {
    return this.data.day[row] as number;
  }

  sourceIndexOf(row: number): number {
    return this.data.source[row] as number;
  }

  sourceIdOf(row: number): string {
    return this.data.sourceKeys[this.data.source[row] as number] as string;
  }

  sourceIndex(sourceId: string): number | undefined {
    this.sourceIndexes ??= new Map(this.data.sourceKeys.map((key, index) => [key, index]));
    return this.sourceIndexes.get(sourceId);
  }

  /** Source indexes whose URL key is `urlKey` (the page being read). */
  sourcesWithUrl(urlKey: string): Set<number> {
    const found = new Set<number>();
    this.data.sourceUrls.forEach((key, index) => {
      if (key === urlKey) found.add(index);
    });
    return found;
  }

  entityIndex(entityId: string): number | undefined {
    this.entityIndexes ??= new Map(this.data.entityKeys.map((key, index) => [key, index]));
    return this.entityIndexes.get(entityId);
  }

  entityStartOf(row: number): number {
    return this.data.entityOffsets[row] as number;
  }

  entityCountOf(row: number): number {
    return entityCount(this.data, row);
  }

  clusterOf(row: number): number {
    return this.data.cluster[row] as number;
  }

  clusterSize(row: number): number {
    const label = this.data.cluster[row] as number;
    return label === 0 ? 1 : (this.clusterSizes.get(label) ?? 1);
  }

  hasDuplicates(row: number): boolean {
    return this.clusterSize(row) > 1;
  }

  /** Rows of the same near-duplicate cluster as `row`, itself included. */
  clusterRows(row: number): number[] {
    if (!this.hasDuplicates(row)) return [row];
    const label = this.data.cluster[row];
    const rows: number[] = [];
    for (let other = 0; other < this.data.cluster.length; other++) if (this.data.cluster[other] === label) rows.push(other);
    return rows;
  }

  /** Every row. */
  aliveRows(): number[] {
    return Array.from({ length: this.count }, (_, row) => row);
  }

  /** Rows split by kind of source: the chronicle's key dates, and every other excerpt. */
  rowsByKind(isKeyDateSource: (sourceId: string) => boolean): { keyDates: number[]; others: number[] } {
    const keySources = new Set<number>();
    this.data.sourceKeys.forEach((key, index) => {
      if (isKeyDateSource(key)) keySources.add(index);
    });
    const keyDates: number[] = [];
    const others: number[] = [];
    for (let row = 0; row < this.count; row++) (keySources.has(this.data.source[row] as number) ? keyDates : others).push(row);
    return { keyDates, others };
  }
}
