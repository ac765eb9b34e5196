/**
 * Near-duplicate clusters across the whole corpus, kept in IndexedDB: the same wire story in
 * several papers is shown once, "also in" the others (core/near-duplicates.ts explains the
 * MinHash sketches and bands).
 *
 * Each stored excerpt with a sketch has a record in `copies`: its sketch, its five band keys (a
 * multiEntry index, `by-band`) and its cluster label. When excerpts are written, each one's bands
 * are looked up in that index (all of one write's lookups at once); the candidates are compared
 * slot by slot, and the excerpt joins the cluster of the most similar near-duplicate, or starts
 * its own (a new label from `meta.nextCluster`). So adding a page reads a few index entries,
 * never a whole shelf.
 * A large import compares in memory instead: every stored sketch is read once into a lookup.
 */
import { MIN_EQUAL_SLOTS, NearDuplicateIndex, SKETCH_SIZE, type Sketch, bandKeys, equalSlots, sketch as computeSketch } from '../core/near-duplicates';
import type { CopyRecord } from './db';
import { quiet } from './errors';
import type { WriteTransaction } from './writes';

const NEXT_CLUSTER_KEY = 'nextCluster';
/** Above this many excerpts in one write, compare in memory rather than through the index. */
const BULK = 500;
/** Stored excerpts compared with a new one: those sharing the most bands with it. */
const SHORTLIST = 8;

/** The most similar near-duplicate seen so far (ties: the smallest id, so the choice is stable). */
class Nearest {
  record: CopyRecord | undefined;
  private equal = MIN_EQUAL_SLOTS - 1;
  constructor(private readonly id: string, private readonly sketch: Sketch) {}
  consider(record: CopyRecord): void {
    if (record.id === this.id) return;
    const equal = equalSlots(this.sketch, 0, record.sketch, 0);
    if (equal > this.equal || (equal === this.equal && this.record && record.id < this.record.id)) {
      this.record = record;
      this.equal = equal;
    }
  }
}

export interface Clustered {
  id: string;
  /** 0 when the text is too short to compare. */
  cluster: number;
}

/** Clusters for excerpts being written, decided inside the write transaction. */
export class NearCopies {
  private next = 0;
  private readonly pending: CopyRecord[] = [];
  private readonly forgotten = new Set<string>();
  private lookup: { index: NearDuplicateIndex; records: (CopyRecord | undefined)[]; sketches: Uint16Array; count: number } | undefined;

  private constructor(private readonly tx: WriteTransaction) {}

  /** `expected`: how many excerpts this write adds; `fresh`: the store was just cleared (a rebuild). */
  static async open(tx: WriteTransaction, expected: number, fresh = false): Promise<NearCopies> {
    const copies = new NearCopies(tx);
    copies.next = fresh ? 1 : ((await quiet(tx.objectStore('meta').get(NEXT_CLUSTER_KEY)))?.value as number | undefined) ?? 1;
    if (expected > BULK) await copies.loadAll(expected, fresh);
    return copies;
  }

  /** A large write: every stored sketch into an in-memory lookup, once. */
  private async loadAll(expected: number, fresh: boolean): Promise<void> {
    const stored = fresh ? [] : await quiet(this.tx.objectStore('copies').getAll());
    const capacity = stored.length + expected;
    const sketches = new Uint16Array(capacity * SKETCH_SIZE);
    const records: (CopyRecord | undefined)[] = new Array(capacity);
    const index = new NearDuplicateIndex((item) => [sketches, item * SKETCH_SIZE], (item) => records[item] !== undefined);
    stored.forEach((record, item) => {
      sketches.set(record.sketch, item * SKETCH_SIZE);
      records[item] = record;
    });
    index.build(Int32Array.from({ length: stored.length }, (_, item) => item));
    this.lookup = { index, records, sketches, count: stored.length };
  }

  /** Excerpts being removed: never candidates, and their records go at `put` (their clusters keep their other members). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.forgotten.add(id);
    if (this.lookup) {
      this.lookup.records.forEach((record, item) => {
        if (record && this.forgotten.has(record.id)) this.lookup!.records[item] = undefined;
      });
    }
  }

  /**
   * Clusters for new excerpts, in order. Their bands are looked up all at once (one round of
   * index reads however many excerpts), then each joins its most similar near-duplicate: a stored
   * excerpt, or one earlier in the same write.
   */
  async assignAll(excerpts: readonly { id: string; text: string }[]): Promise<Clustered[]> {
    const sketches = excerpts.map((excerpt) => computeSketch(excerpt.text));
    if (this.lookup) return excerpts.map((excerpt, index) => this.assignInMemory(excerpt.id, sketches[index] as Sketch));
    const bands = sketches.map((sketch) => bandKeys(sketch));
    const nearest = await nearestStored(this.tx, excerpts, sketches, bands, this.forgotten);
    return excerpts.map((excerpt, index) => {
      const sketch = sketches[index] as Sketch;
      const own = bands[index] as number[];
      if (own.length === 0) return { id: excerpt.id, cluster: 0 };
      const best = nearest[index] as Nearest;
      for (const record of this.pending) if (record.bands.some((band) => own.includes(band))) best.consider(record);
      const cluster = best.record ? best.record.cluster : this.next++;
      this.pending.push({ id: excerpt.id, cluster, sketch, bands: own });
      return { id: excerpt.id, cluster };
    });
  }

  private assignInMemory(id: string, sketch: Sketch): Clustered {
    const lookup = this.lookup as NonNullable<NearCopies['lookup']>;
    const bands = bandKeys(sketch);
    if (bands.length === 0) return { id, cluster: 0 };
    const item = lookup.count++;
    lookup.sketches.set(sketch, item * SKETCH_SIZE);
    const near = lookup.index.nearest(item);
    const cluster = near !== undefined && lookup.records[near] ? (lookup.records[near] as CopyRecord).cluster : this.next++;
    const record: CopyRecord = { id, cluster, sketch, bands };
    lookup.records[item] = record;
    lookup.index.add(item);
    this.pending.push(record);
    return { id, cluster };
  }

  /** Issue the writes: removed records deleted, new ones put, the next label saved. */
  put(): Promise<unknown>[] {
    const store = this.tx.objectStore('copies');
    const requests: Promise<unknown>[] = [
      // Requests run in order: a re-added excerpt is deleted, then put again.
      ...[...this.forgotten].map((id) => quiet(store.delete(id))),
      ...this.pending.map((record) => quiet(store.put(record))),
      quiet(this.tx.objectStore('meta').put({ key: NEXT_CLUSTER_KEY, value: this.next })),
    ];
    this.pending.length = 0;
    this.forgotten.clear();
    return requests;
  }
}

/**
 * For each excerpt, its most similar stored near-duplicate. Bands are looked up all at once (one
 * round of index reads however many excerpts); a copy shares most of its five bands, a stranger
 * one at most, so only the stored excerpts sharing the most bands are read and compared.
 */
async function nearestStored(
  tx: WriteTransaction,
  excerpts: readonly { id: string }[],
  sketches: readonly Sketch[],
  bands: readonly number[][],
  forgotten: ReadonlySet<string> = new Set(),
): Promise<Nearest[]> {
  const store = tx.objectStore('copies');
  const byBand = store.index('by-band');
  const wanted = [...new Set(bands.flat())];
  const idsByBand = await Promise.all(wanted.map((band) => quiet(byBand.getAllKeys(band))));
  const keysOf = new Map(wanted.map((band, index) => [band, idsByBand[index] as string[]]));
  const shortlist = bands.map((own) => {
    const shared = new Map<string, number>();
    for (const band of own) for (const id of keysOf.get(band) ?? []) if (!forgotten.has(id)) shared.set(id, (shared.get(id) ?? 0) + 1);
    return [...shared.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SHORTLIST).map(([id]) => id);
  });
  const toRead = [...new Set(shortlist.flat())];
  const read = await Promise.all(toRead.map((id) => quiet(store.get(id))));
  const records = new Map(toRead.map((id, index) => [id, read[index]]));
  return excerpts.map((excerpt, index) => {
    const best = new Nearest(excerpt.id, sketches[index] as Sketch);
    if ((bands[index] as number[]).length > 0) {
      for (const id of shortlist[index] as string[]) {
        const record = records.get(id);
        if (record) best.consider(record);
      }
    }
    return best;
  });
}

/**
 * The stored sources that hold near-copies of these excerpts, with how many of the excerpts each
 * one copies (excerpt ids are `${sourceId}#${position}`). A syndicated article read on a second
 * site copies most of the first one's excerpts.
 */
export async function sourcesCopied(tx: WriteTransaction, excerpts: readonly { id: string; text: string }[]): Promise<Map<string, number>> {
  const sketches = excerpts.map((excerpt) => computeSketch(excerpt.text));
  const nearest = await nearestStored(tx, excerpts, sketches, sketches.map((sketch) => bandKeys(sketch)));
  const counts = new Map<string, number>();
  for (const best of nearest) {
    const id = best.record?.id;
    if (!id) continue;
    const sourceId = id.slice(0, id.lastIndexOf('#'));
    counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1);
  }
  return counts;
}
