/**
 * The ranking table: what ranking needs to know about every excerpt, kept compact in memory so that
 * `excerptsFor` scores thousands of candidates without reading a single record from IndexedDB.
 *
 * One row per excerpt, in typed-array columns: source, day (days since 1970-01-01), the entity ids
 * it is tagged with (as small integers), its near-duplicate sketch (16 × 16 bits) and the
 * near-duplicate cluster it belongs to. Per entity, the rows tagged with it (postings). About 70
 * bytes per excerpt plus its id string: 100k excerpts take ~10 MB.
 *
 * Rows are appended; removing an excerpt marks its row dead. Dead rows are skipped and dropped when
 * the table is serialised (persisted with the search index snapshot) or compacted.
 *
 * Near-duplicate clusters are decided when a row is added (core/near-duplicates.ts): a row near
 * an existing one joins its cluster, otherwise it starts its own. A cluster label is only a number;
 * it stays valid when its first member is removed.
 */
import { NearDuplicateIndex, SKETCH_SIZE, type Sketch, sketch as computeSketch } from './near-duplicates';
import { grow } from './typed-arrays';

export const TABLE_VERSION = 1;

export interface TableInput {
  id: string;
  sourceId: string;
  /** ISO date or instant; only the day counts. */
  date: string;
  entityIds: readonly string[];
  /** Needed for the near-duplicate sketch when `sketch` is not given. */
  text?: string;
  sketch?: Sketch;
}

/** The table as stored in IndexedDB (structured-clonable: typed arrays and strings only). */
export interface SerializedTable {
  version: number;
  ids: string[];
  sourceKeys: string[];
  source: Int32Array;
  day: Int32Array;
  /** SKETCH_SIZE slots per row. */
  sketches: Uint16Array;
  cluster: Int32Array;
  entityKeys: string[];
  /** Row r's entities are entityList[entityOffsets[r] .. entityOffsets[r + 1]). */
  entityOffsets: Int32Array;
  entityList: Int32Array;
  nextCluster: number;
  /** The near-duplicate lookup over these rows (core/near-duplicates.ts), so a wake need not sort. */
  duplicateBands?: Float64Array[];
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date ("2022-11-09", "2024-10-15T13:56:00-04:00": the written day). */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(date);
  if (!match) {
    const month = /^(\d{4})-(\d{2})/u.exec(date);
    if (month) return Math.floor(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1) / DAY_MS);
    return 0;
  }
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

/** "2022-11" for a day number. */
export function monthOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 8) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    this.data = grow(this.data, this.length + 1, undefined, 8);
    this.data[this.length++] = value;
  }
}

export class ExcerptTable {
  private ids: string[] = [];
  private readonly rows = new Map<string, number>();
  private source = new Int32Array(64);
  private day = new Int32Array(64);
  private sketches = new Uint16Array(64 * SKETCH_SIZE);
  private cluster = new Int32Array(64);
  private alive = new Uint8Array(64);
  /** 1 when the row's near-duplicate cluster has other alive rows. */
  private shared = new Uint8Array(64);
  private entityStart = new Int32Array(64);
  private entityCount = new Uint16Array(64);
  private entityList = new IntList(256);
  private sourceKeys: string[] = [];
  private readonly sourceIndexes = new Map<string, number>();
  private entityKeys: string[] = [];
  private readonly entityIndexes = new Map<string, number>();
  private postings: IntList[] = [];
  /** Alive rows per entity. */
  private entityAlive: number[] = [];
  /** Members of clusters with two or more alive rows. */
  private readonly clusterMembers = new Map<number, number[]>();
  private nextCluster = 1;
  private nearDuplicates: NearDuplicateIndex | undefined;
  private aliveCount = 0;

  /** Rows ever used (alive or dead): an upper bound for row numbers. */
  get size(): number {
    return this.ids.length;
  }

  /** Excerpts in the table. */
  get count(): number {
    return this.aliveCount;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  rowOf(id: string): number | undefined {
    return this.rows.get(id);
  }

  idOf(row: number): string {
    return this.ids[row] as string;
  }

  isAlive(row: number): boolean {
    return this.alive[row] === 1;
  }

  sourceIndexOf(row: number): number {
    return this.source[row] as number;
  }

  sourceIdOf(row: number): string {
    return this.sourceKeys[this.source[row] as number] as string;
  }

  sourceIndex(sourceId: string): number | undefined {
    return this.sourceIndexes.get(sourceId);
  }

  dayOf(row: number): number {
    return this.day[row] as number;
  }

  clusterOf(row: number): number {
    return this.cluster[row] as number;
  }

  /** A row's near-duplicate sketch (a view: do not keep it across changes). */
  sketchOf(row: number): Sketch {
    return this.sketches.subarray(row * SKETCH_SIZE, (row + 1) * SKETCH_SIZE);
  }

  /** Entity indexes of a row (a view: do not keep it across changes). */
  entitiesOf(row: number): Int32Array {
    const start = this.entityStart[row] as number;
    return this.entityList.data.subarray(start, start + (this.entityCount[row] as number));
  }

  entityIndex(entityId: string): number | undefined {
    return this.entityIndexes.get(entityId);
  }

  entityId(index: number): string {
    return this.entityKeys[index] as string;
  }

  get entityIndexCount(): number {
    return this.entityKeys.length;
  }

  /** Entities with at least one excerpt. */
  taggedEntityCount(): number {
    let count = 0;
    for (const alive of this.entityAlive) if (alive > 0) count++;
    return count;
  }

  /** Alive rows tagged with the entity, in insertion order. */
  rowsWithEntity(entityId: string): number[] {
    const index = this.entityIndexes.get(entityId);
    if (index === undefined) return [];
    const list = this.postings[index] as IntList;
    const rows: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const row = list.data[i] as number;
      if (this.alive[row] === 1) rows.push(row);
    }
    return rows;
  }

  countWithEntity(entityId: string): number {
    const index = this.entityIndexes.get(entityId);
    return index === undefined ? 0 : (this.entityAlive[index] as number);
  }

  /** Every alive row. */
  aliveRows(): number[] {
    const rows: number[] = [];
    for (let row = 0; row < this.ids.length; row++) if (this.alive[row] === 1) rows.push(row);
    return rows;
  }

  /** Alive rows in the same near-duplicate cluster as `row`, itself included. */
  clusterRows(row: number): number[] {
    return this.clusterMembers.get(this.cluster[row] as number) ?? [row];
  }

  clusterSize(row: number): number {
    return this.shared[row] === 1 ? (this.clusterMembers.get(this.cluster[row] as number)?.length ?? 1) : 1;
  }

  /** Whether other alive rows are near-duplicates of this one (cheap: a column read). */
  hasDuplicates(row: number): boolean {
    return this.shared[row] === 1;
  }

  /** The flat entity list and a row's range in it, for loops that must not allocate. */
  get entityData(): Int32Array {
    return this.entityList.data;
  }

  entityStartOf(row: number): number {
    return this.entityStart[row] as number;
  }

  entityCountOf(row: number): number {
    return this.entityCount[row] as number;
  }

  /** Whether a row is tagged with an entity (by table index). */
  hasEntity(row: number, entity: number): boolean {
    const data = this.entityList.data;
    const start = this.entityStart[row] as number;
    const end = start + (this.entityCount[row] as number);
    for (let i = start; i < end; i++) if (data[i] === entity) return true;
    return false;
  }

  private internSource(sourceId: string): number {
    let index = this.sourceIndexes.get(sourceId);
    if (index === undefined) {
      index = this.sourceKeys.length;
      this.sourceKeys.push(sourceId);
      this.sourceIndexes.set(sourceId, index);
    }
    return index;
  }

  private internEntity(entityId: string): number {
    let index = this.entityIndexes.get(entityId);
    if (index === undefined) {
      index = this.entityKeys.length;
      this.entityKeys.push(entityId);
      this.entityIndexes.set(entityId, index);
      this.postings.push(new IntList());
      this.entityAlive.push(0);
    }
    return index;
  }

  private ensureCapacity(size: number): void {
    this.source = grow(this.source, size);
    this.day = grow(this.day, size);
    this.sketches = grow(this.sketches, size * SKETCH_SIZE);
    this.cluster = grow(this.cluster, size);
    this.alive = grow(this.alive, size);
    this.shared = grow(this.shared, size);
    this.entityStart = grow(this.entityStart, size);
    this.entityCount = grow(this.entityCount, size);
  }

  private newDuplicateIndex(): NearDuplicateIndex {
    // `this.sketches` is read at call time: it may be replaced when the table grows.
    return new NearDuplicateIndex((row) => [this.sketches, row * SKETCH_SIZE], (row) => this.alive[row] === 1);
  }

  private duplicateIndex(): NearDuplicateIndex {
    if (!this.nearDuplicates) {
      const index = this.newDuplicateIndex();
      const rows: number[] = [];
      for (let row = 0; row < this.ids.length; row++) if (this.alive[row] === 1) rows.push(row);
      index.build(rows);
      this.nearDuplicates = index;
    }
    return this.nearDuplicates;
  }

  /** Add an excerpt (replacing the row of the same id if there is one). Returns its row. */
  add(input: TableInput): number {
    if (this.rows.has(input.id)) this.remove(input.id);
    const row = this.ids.length;
    this.ensureCapacity(row + 1);
    this.ids.push(input.id);
    this.rows.set(input.id, row);
    this.source[row] = this.internSource(input.sourceId);
    this.day[row] = dayNumber(input.date);
    this.sketches.set(input.sketch ?? computeSketch(input.text ?? ''), row * SKETCH_SIZE);
    this.entityStart[row] = this.entityList.length;
    const entities = [...new Set(input.entityIds)].slice(0, 65_535);
    this.entityCount[row] = entities.length;
    for (const entityId of entities) {
      const index = this.internEntity(entityId);
      this.entityList.push(index);
      (this.postings[index] as IntList).push(row);
      this.entityAlive[index] = (this.entityAlive[index] as number) + 1;
    }
    this.alive[row] = 1;
    this.aliveCount++;
    const duplicates = this.duplicateIndex();
    const near = duplicates.nearest(row);
    if (near === undefined) {
      this.cluster[row] = this.nextCluster++;
    } else {
      const label = this.cluster[near] as number;
      this.cluster[row] = label;
      const members = this.clusterMembers.get(label);
      if (members) members.push(row);
      else this.clusterMembers.set(label, [near, row]);
      this.shared[near] = 1;
      this.shared[row] = 1;
    }
    duplicates.add(row);
    return row;
  }

  /** Remove an excerpt; false when it was not in the table. */
  remove(id: string): boolean {
    const row = this.rows.get(id);
    if (row === undefined) return false;
    this.rows.delete(id);
    this.alive[row] = 0;
    this.aliveCount--;
    for (const index of this.entitiesOf(row)) this.entityAlive[index] = (this.entityAlive[index] as number) - 1;
    const label = this.cluster[row] as number;
    const members = this.clusterMembers.get(label);
    this.shared[row] = 0;
    if (members) {
      const rest = members.filter((member) => member !== row);
      if (rest.length >= 2) this.clusterMembers.set(label, rest);
      else {
        this.clusterMembers.delete(label);
        for (const member of rest) this.shared[member] = 0;
      }
    }
    this.nearDuplicates?.remove(row);
    return true;
  }

  /** Whether dead rows are worth dropping (more than half the rows, and many of them). */
  wantsCompaction(): boolean {
    return this.ids.length > 4096 && this.aliveCount < this.ids.length / 2;
  }

  /** Drop dead rows. Renumbers rows: whoever maps rows to something else must remap them. */
  compact(): void {
    const data = this.serialize();
    Object.assign(this, ExcerptTable.deserialize({ ...data, duplicateBands: undefined }));
    // The lookup's callbacks must read this table's columns, not those of the temporary copy.
    this.nearDuplicates = undefined;
    if (data.duplicateBands) {
      const index = this.newDuplicateIndex();
      index.importBands(data.duplicateBands);
      this.nearDuplicates = index;
    }
  }

  /** A dense copy without dead rows, for persisting. */
  serialize(): SerializedTable {
    const alive = this.aliveCount;
    const ids: string[] = new Array(alive);
    const source = new Int32Array(alive);
    const day = new Int32Array(alive);
    const sketches = new Uint16Array(alive * SKETCH_SIZE);
    const cluster = new Int32Array(alive);
    const entityOffsets = new Int32Array(alive + 1);
    let entityTotal = 0;
    for (let row = 0; row < this.ids.length; row++) if (this.alive[row] === 1) entityTotal += this.entityCount[row] as number;
    const entityList = new Int32Array(entityTotal);
    const sourceMap = new Map<number, number>();
    const sourceKeys: string[] = [];
    const entityMap = new Map<number, number>();
    const entityKeys: string[] = [];
    let out = 0;
    let offset = 0;
    for (let row = 0; row < this.ids.length; row++) {
      if (this.alive[row] !== 1) continue;
      ids[out] = this.ids[row] as string;
      const oldSource = this.source[row] as number;
      let newSource = sourceMap.get(oldSource);
      if (newSource === undefined) {
        newSource = sourceKeys.length;
        sourceKeys.push(this.sourceKeys[oldSource] as string);
        sourceMap.set(oldSource, newSource);
      }
      source[out] = newSource;
      day[out] = this.day[row] as number;
      sketches.set(this.sketchOf(row), out * SKETCH_SIZE);
      cluster[out] = this.cluster[row] as number;
      entityOffsets[out] = offset;
      for (const oldEntity of this.entitiesOf(row)) {
        let newEntity = entityMap.get(oldEntity);
        if (newEntity === undefined) {
          newEntity = entityKeys.length;
          entityKeys.push(this.entityKeys[oldEntity] as string);
          entityMap.set(oldEntity, newEntity);
        }
        entityList[offset++] = newEntity;
      }
      out++;
    }
    entityOffsets[alive] = offset;
    const bands = new NearDuplicateIndex((row) => [sketches, row * SKETCH_SIZE]);
    bands.build(Int32Array.from({ length: alive }, (_, row) => row));
    return {
      version: TABLE_VERSION, ids, sourceKeys, source, day, sketches, cluster, entityKeys, entityOffsets,
      entityList, nextCluster: this.nextCluster, duplicateBands: bands.exportBands(),
    };
  }

  static deserialize(data: SerializedTable): ExcerptTable {
    if (data.version !== TABLE_VERSION) throw new Error(`Unknown ranking table version ${data.version}`);
    const table = new ExcerptTable();
    const size = data.ids.length;
    table.ensureCapacity(size);
    table.ids = data.ids.slice();
    for (let row = 0; row < size; row++) table.rows.set(data.ids[row] as string, row);
    table.sourceKeys = data.sourceKeys.slice();
    data.sourceKeys.forEach((key, index) => table.sourceIndexes.set(key, index));
    for (const key of data.entityKeys) table.internEntity(key);
    table.source.set(data.source);
    table.day.set(data.day);
    table.sketches.set(data.sketches);
    table.cluster.set(data.cluster);
    table.alive.fill(1, 0, size);
    table.entityList = new IntList(Math.max(256, data.entityList.length));
    table.entityList.data.set(data.entityList);
    table.entityList.length = data.entityList.length;
    const counts = new Map<number, number>();
    for (let row = 0; row < size; row++) {
      const start = data.entityOffsets[row] as number;
      const end = data.entityOffsets[row + 1] as number;
      table.entityStart[row] = start;
      table.entityCount[row] = end - start;
      for (let i = start; i < end; i++) {
        const index = data.entityList[i] as number;
        (table.postings[index] as IntList).push(row);
        table.entityAlive[index] = (table.entityAlive[index] as number) + 1;
      }
      const label = data.cluster[row] as number;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (let row = 0; row < size; row++) {
      const label = data.cluster[row] as number;
      if ((counts.get(label) as number) < 2) continue;
      const members = table.clusterMembers.get(label);
      if (members) members.push(row);
      else table.clusterMembers.set(label, [row]);
      table.shared[row] = 1;
    }
    table.aliveCount = size;
    table.nextCluster = data.nextCluster;
    if (data.duplicateBands) {
      try {
        const index = table.newDuplicateIndex();
        index.importBands(data.duplicateBands);
        table.nearDuplicates = index;
      } catch {
        table.nearDuplicates = undefined; // built when first needed
      }
    }
    return table;
  }
}
