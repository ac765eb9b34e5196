/**
 * Near-duplicate excerpts: the same wire story syndicated by several sites, the same paragraph
 * quoted by a blog. They are shown once, with "also in …" naming the other sources.
 *
 * How: a MinHash sketch of the excerpt's word 2-shingles, computed once when the excerpt is stored.
 * Words are folded and stop words dropped as for search (core/search-index.ts), so case,
 * diacritics, apostrophes and "the/of" do not matter. The sketch is `SKETCH_SIZE` 16-bit minimums,
 * one per hash function; the share of equal slots in two sketches estimates the Jaccard similarity
 * of the two shingle sets. Two excerpts are near-duplicates when at least `MIN_EQUAL_SLOTS` of the
 * 16 slots agree (estimated similarity ≥ 0.6).
 *
 * Measured on the bundled corpus: a copy with a dateline ("KYIV (Reuters) – …"), an agency tag, a
 * changed word or two, or different quotes and case keeps 13–16 of the 16 slots; two different
 * excerpts share at most 3; one sentence quoted out of a three-sentence excerpt shares 4–7 (not a
 * copy).
 *
 * Why not SimHash: on texts of 40–80 words one changed word flips 10+ of 64 bits, as many as
 * separate unrelated excerpts by; MinHash degrades gracefully with the share of text changed.
 *
 * Finding candidates without comparing against every excerpt (locality-sensitive hashing): 15 of the
 * 16 slots form 5 bands of 3; only excerpts sharing a whole band are compared. A copy with 13 of 16
 * equal slots shares a band with probability 0.98, one with 14 with 0.996 (at the threshold, 10,
 * 0.75); two excerpts sharing one sentence in three (≈ 5 slots) become candidates with probability
 * 0.13, unrelated ones 0.005.
 *
 * Excerpts with fewer than `MIN_SHINGLES` shingles get no sketch and are never collapsed.
 */
import { searchTerms } from './search-index';

export const SKETCH_SIZE = 16;
export const MIN_EQUAL_SLOTS = 10;
export const MIN_SHINGLES = 6;
const EMPTY = 0xffff;

/** SKETCH_SIZE 16-bit slots; all 0xFFFF when the text is too short to compare. */
export type Sketch = Uint16Array;

function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two independent 32-bit hashes of a string (FNV-1a and a multiplicative variant). */
function hashPair(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [mix(a), mix(b) | 1];
}

/** The MinHash sketch of a text. */
export function sketch(text: string): Sketch {
  const slots = new Uint16Array(SKETCH_SIZE).fill(EMPTY);
  const words = searchTerms(text);
  const shingles = new Set<string>();
  for (let i = 0; i + 2 <= words.length; i++) shingles.add(`${words[i]} ${words[i + 1]}`);
  if (shingles.size < MIN_SHINGLES) return slots;
  for (const shingle of shingles) {
    const [a, b] = hashPair(shingle);
    for (let slot = 0; slot < SKETCH_SIZE; slot++) {
      // Kirsch–Mitzenmacher: hash_i = a + i·b, mixed, cut to 16 bits.
      const value = mix(a + Math.imul(slot, b)) & 0xffff;
      if (value < (slots[slot] as number)) slots[slot] = value;
    }
  }
  // A sketch of all 0xFFFF would read as "none": practically impossible, but keep it exact.
  if (slots.every((value) => value === EMPTY)) slots[0] = EMPTY - 1;
  return slots;
}

export function hasSketch(slots: ArrayLike<number>, offset = 0): boolean {
  for (let i = 0; i < SKETCH_SIZE; i++) if (slots[offset + i] !== EMPTY) return true;
  return false;
}

/** Number of equal slots of two sketches (each may be a view at an offset into a larger array). */
export function equalSlots(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number): number {
  let equal = 0;
  for (let i = 0; i < SKETCH_SIZE; i++) if (a[aOffset + i] === b[bOffset + i]) equal++;
  return equal;
}

export function isNearDuplicate(a: Sketch, b: Sketch): boolean {
  return hasSketch(a) && hasSketch(b) && equalSlots(a, 0, b, 0) >= MIN_EQUAL_SLOTS;
}

/** Bands of `BAND_SLOTS` slots; the 16th slot only counts in the final comparison. */
const BAND_SLOTS = 3;
const BANDS = Math.floor(SKETCH_SIZE / BAND_SLOTS);
const ROW_BITS = 2 ** 21;

/** A 32-bit key for band `band` of a sketch (a hash: collisions only add candidates to check). */
function bandKey(slots: ArrayLike<number>, offset: number, band: number): number {
  let hash = 0x811c9dc5 ^ band;
  for (let i = 0; i < BAND_SLOTS; i++) hash = Math.imul(hash ^ (slots[offset + band * BAND_SLOTS + i] as number), 0x01000193);
  return mix(hash);
}

/**
 * The keys of a sketch's bands, one per band, distinct between bands: two sketches sharing any key
 * are candidates to compare (corpus/near-copies.ts keeps them in an IndexedDB index). Empty when
 * the text was too short to have a sketch.
 */
export function bandKeys(slots: Sketch): number[] {
  if (!hasSketch(slots)) return [];
  return Array.from({ length: BANDS }, (_, band) => band * 0x1_0000_0000 + bandKey(slots, 0, band));
}

/**
 * Band keys → item numbers (rows of the ranking table), to find an item's near-duplicates.
 * `slotsOf(item)` gives the array holding an item's sketch and its offset there.
 *
 * Built in bulk as one sorted Float64Array per band (key · 2^21 + item: 100k items sort in a few
 * ms, no Map of arrays to grow); items added later go to a small Map per band. Removed items stay
 * in the sorted part and are skipped through `isLive`.
 */
export class NearDuplicateIndex {
  private sorted: Float64Array[] = [];
  private readonly added: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());

  constructor(
    private readonly slotsOf: (item: number) => [ArrayLike<number>, number],
    private readonly isLive: (item: number) => boolean = () => true,
  ) {}

  /** Index many items at once (replaces what was indexed). Items must be below 2^21. */
  build(items: ArrayLike<number>): void {
    for (const map of this.added) map.clear();
    const arrays = Array.from({ length: BANDS }, () => new Float64Array(items.length));
    let count = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as number;
      const [slots, offset] = this.slotsOf(item);
      if (!hasSketch(slots, offset)) continue;
      if (item >= ROW_BITS) {
        this.add(item); // beyond what the packed keys hold: keep it in the Map part
        continue;
      }
      for (let band = 0; band < BANDS; band++) (arrays[band] as Float64Array)[count] = bandKey(slots, offset, band) * ROW_BITS + item;
      count++;
    }
    this.sorted = arrays.map((array) => array.subarray(0, count).sort());
  }

  /** The bulk-built part, to persist (items added later are not in it). */
  exportBands(): Float64Array[] {
    return this.sorted;
  }

  /** Use bands exported from an index over the same items and sketches (no sorting needed). */
  importBands(bands: Float64Array[]): void {
    if (bands.length !== BANDS) throw new Error(`Expected ${BANDS} near-duplicate bands, got ${bands.length}`);
    for (const map of this.added) map.clear();
    this.sorted = bands;
  }

  add(item: number): void {
    const [slots, offset] = this.slotsOf(item);
    if (!hasSketch(slots, offset)) return;
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(slots, offset, band);
      const map = this.added[band] as Map<number, number[]>;
      const bucket = map.get(key);
      if (bucket) bucket.push(item);
      else map.set(key, [item]);
    }
  }

  remove(item: number): void {
    const [slots, offset] = this.slotsOf(item);
    if (!hasSketch(slots, offset)) return;
    for (let band = 0; band < BANDS; band++) {
      const map = this.added[band] as Map<number, number[]>;
      const key = bandKey(slots, offset, band);
      const bucket = map.get(key);
      if (!bucket) continue;
      const at = bucket.indexOf(item);
      if (at >= 0) {
        bucket[at] = bucket[bucket.length - 1] as number;
        bucket.pop();
      }
      if (bucket.length === 0) map.delete(key);
    }
  }

  /** The most similar live item that is a near-duplicate of `item` (not itself), if any. */
  nearest(item: number): number | undefined {
    const [slots, offset] = this.slotsOf(item);
    if (!hasSketch(slots, offset)) return undefined;
    let best: number | undefined;
    let bestEqual = MIN_EQUAL_SLOTS - 1;
    const seen = new Set<number>();
    const consider = (other: number) => {
      if (other === item || seen.has(other)) return;
      seen.add(other);
      if (!this.isLive(other)) return;
      const [otherSlots, otherOffset] = this.slotsOf(other);
      const equal = equalSlots(slots, offset, otherSlots, otherOffset);
      if (equal > bestEqual || (equal === bestEqual && best !== undefined && other < best)) {
        best = other;
        bestEqual = equal;
      }
    };
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(slots, offset, band);
      const sorted = this.sorted[band];
      if (sorted) {
        const low = key * ROW_BITS;
        const high = low + ROW_BITS;
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const middle = (lo + hi) >>> 1;
          if ((sorted[middle] as number) < low) lo = middle + 1;
          else hi = middle;
        }
        for (let i = lo; i < sorted.length && (sorted[i] as number) < high; i++) consider((sorted[i] as number) - low);
      }
      for (const other of this.added[band]?.get(key) ?? []) consider(other);
    }
    return best;
  }
}
