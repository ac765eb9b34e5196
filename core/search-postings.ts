/**
 * Direct access to MiniSearch's postings, for the two things its public API is too slow for at
 * 100k excerpts. This is the only module that reads MiniSearch's private fields (`_index`,
 * `_documentIds`, `_fieldLength`…, stable since MiniSearch 4; pinned by tests/unit/search-index.test.ts,
 * which compares both paths). `hasPostingsAccess` checks their shape at run time; when it fails
 * (a MiniSearch upgrade changed them), the service falls back to `toJSON`/`loadJS` and `search`.
 *
 * 1. **Snapshot codec** (`packIndex` / `unpackIndex`). `MiniSearch#toJSON()` turns every posting
 *    into an object property and `loadJS` parses each key back with `parseInt`; with ~4 million
 *    postings (100k excerpts of ~50 words) that is 2 s to save, 3 s to structured-clone and 2.5 s
 *    to load. Packed, the postings are three typed arrays (document numbers, frequencies, offsets
 *    per term and field) that IndexedDB clones as raw bytes, and the Maps are rebuilt directly.
 *    Document numbers are made dense, which also drops discarded documents (a vacuum for free).
 *
 * 2. **Top-k scoring** (`PostingsScorer`). `MiniSearch#search` allocates a result object per
 *    matching document and sorts them all: a query for "Russia" matching 90k excerpts takes
 *    ~400 ms. The scorer walks the same postings with the same BM25 (k 1.2, b 0.7, d 0.5), the same
 *    field boosts and prefix/fuzzy weights, accumulating into typed arrays; every query word must
 *    match (AND) in the text or title or through an entity it names. Callers keep the top k.
 *    Scores equal MiniSearch's for the same query divided by its "quality" factor (the number of
 *    query terms matched, which under AND is the same for every hit).
 */
import MiniSearch, { type Options } from 'minisearch';

type Postings = Map<number, number>;
type TermData = Map<number, Postings>;

interface SearchableMapLike {
  get(term: string): TermData | undefined;
  set(term: string, data: TermData): unknown;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
  [Symbol.iterator](): Iterator<[string, TermData]>;
}

interface Internals {
  _index: SearchableMapLike;
  _documentCount: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
}

/** Whether this MiniSearch instance has the private fields this module reads. */
export function hasPostingsAccess(index: MiniSearch<never> | MiniSearch<unknown>): boolean {
  const candidate = index as unknown as Partial<Internals>;
  return (
    typeof candidate._index?.get === 'function' && typeof candidate._index.atPrefix === 'function' &&
    typeof candidate._index.fuzzyGet === 'function' && candidate._documentIds instanceof Map &&
    candidate._idToShortId instanceof Map && candidate._fieldLength instanceof Map &&
    Array.isArray(candidate._avgFieldLength) && typeof candidate._fieldIds === 'object' &&
    typeof candidate._nextId === 'number' && typeof candidate._documentCount === 'number'
  );
}

function internals(index: unknown): Internals {
  return index as Internals;
}

/** MiniSearch's number for a document id (undefined when not indexed). */
export function shortIdOf(index: MiniSearch<never> | MiniSearch<unknown>, id: string): number | undefined {
  return internals(index)._idToShortId.get(id);
}

/** The id of a MiniSearch document number. */
export function idOfShortId(index: MiniSearch<never> | MiniSearch<unknown>, shortId: number): string | undefined {
  return internals(index)._documentIds.get(shortId);
}

/** Every indexed document as [shortId, id]. */
export function indexedDocuments(index: MiniSearch<never> | MiniSearch<unknown>): IterableIterator<[number, string]> {
  return internals(index)._documentIds.entries();
}

/** One above the highest document number in use. */
export function shortIdLimit(index: MiniSearch<never> | MiniSearch<unknown>): number {
  return internals(index)._nextId;
}

// ───────────────────────────── snapshot codec ─────────────────────────────

export const PACKED_INDEX_VERSION = 1;

export interface PackedIndex {
  version: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** Document ids; a document's number is its position. */
  ids: string[];
  /** ids.length × fields: unique terms per field, as MiniSearch counts them. */
  fieldLengths: Uint32Array;
  terms: string[];
  /** Postings of term t in field f are docs/freqs[offsets[t·F + f] .. offsets[t·F + f + 1]). */
  offsets: Int32Array;
  docs: Int32Array;
  freqs: Uint16Array;
}

class Growable<T extends Int32Array | Uint16Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (size: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** The index as typed arrays, documents renumbered densely in their current order. */
export function packIndex(index: MiniSearch<never> | MiniSearch<unknown>): PackedIndex {
  const m = internals(index);
  const fieldCount = Object.keys(m._fieldIds).length;
  const remap = new Int32Array(m._nextId).fill(-1);
  const ids: string[] = [];
  const fieldLengths = new Uint32Array(m._documentIds.size * fieldCount);
  for (const [shortId, id] of m._documentIds) {
    const dense = ids.length;
    remap[shortId] = dense;
    ids.push(id);
    const lengths = m._fieldLength.get(shortId) ?? [];
    for (let field = 0; field < fieldCount; field++) fieldLengths[dense * fieldCount + field] = lengths[field] ?? 0;
  }
  const terms: string[] = [];
  const offsets = new Growable(new Int32Array(1024));
  const docs = new Growable(new Int32Array(1 << 16));
  const freqs = new Growable(new Uint16Array(1 << 16));
  offsets.push(0);
  for (const [term, data] of m._index) {
    const start = docs.length;
    const fieldEnds: number[] = [];
    for (let field = 0; field < fieldCount; field++) {
      const postings = data.get(field);
      if (postings) {
        for (const [doc, freq] of postings) {
          const dense = doc < remap.length ? (remap[doc] as number) : -1;
          if (dense < 0) continue;
          docs.push(dense);
          freqs.push(Math.min(freq, 0xffff));
        }
      }
      fieldEnds.push(docs.length);
    }
    if (docs.length === start) continue; // only discarded documents had it
    terms.push(term);
    for (const end of fieldEnds) offsets.push(end);
  }
  return {
    version: PACKED_INDEX_VERSION,
    fieldIds: { ...m._fieldIds },
    averageFieldLength: [...m._avgFieldLength],
    ids,
    fieldLengths,
    terms,
    offsets: offsets.trimmed(),
    docs: docs.trimmed(),
    freqs: freqs.trimmed(),
  };
}

/** Rebuild a MiniSearch instance from a packed index (same options as when it was built). */
export function unpackIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  if (packed.version !== PACKED_INDEX_VERSION) throw new Error(`Unknown packed index version ${packed.version}`);
  const count = packed.ids.length;
  const index = MiniSearch.loadJS<T>({
    documentCount: count,
    nextId: count,
    documentIds: {},
    fieldIds: packed.fieldIds,
    fieldLength: {},
    averageFieldLength: packed.averageFieldLength,
    storedFields: {},
    dirtCount: 0,
    index: [],
    serializationVersion: 2,
  }, options);
  if (!hasPostingsAccess(index)) throw new Error('This MiniSearch version cannot load a packed index');
  const m = internals(index);
  const fieldCount = Object.keys(packed.fieldIds).length;
  for (let doc = 0; doc < count; doc++) {
    const id = packed.ids[doc] as string;
    m._documentIds.set(doc, id);
    m._idToShortId.set(id, doc);
    const lengths: number[] = new Array(fieldCount);
    for (let field = 0; field < fieldCount; field++) lengths[field] = packed.fieldLengths[doc * fieldCount + field] as number;
    m._fieldLength.set(doc, lengths);
  }
  const { offsets, docs, freqs } = packed;
  packed.terms.forEach((term, t) => {
    const data: TermData = new Map();
    for (let field = 0; field < fieldCount; field++) {
      const start = offsets[t * fieldCount + field] as number;
      const end = offsets[t * fieldCount + field + 1] as number;
      if (end === start) continue;
      const postings: Postings = new Map();
      for (let k = start; k < end; k++) postings.set(docs[k] as number, freqs[k] as number);
      data.set(field, postings);
    }
    m._index.set(term, data);
  });
  return index;
}

/** Bytes a packed index occupies as stored (typed arrays, strings as UTF-16). */
export function packedSize(packed: PackedIndex): number {
  const strings = (list: string[]) => list.reduce((sum, text) => sum + text.length * 2, 0);
  return packed.fieldLengths.byteLength + packed.offsets.byteLength + packed.docs.byteLength + packed.freqs.byteLength +
    strings(packed.ids) + strings(packed.terms);
}

// ───────────────────────────── scoring ─────────────────────────────

/** One query word: matched in `fields` (exact, prefix, fuzzy) or by being tagged with `entityIds`. */
export interface QueryTerm {
  term: string;
  prefix: boolean;
  /** Maximum edit distance (0: no fuzzy matching). */
  fuzzy: number;
  fields: readonly string[];
  entityIds: readonly string[];
}

export interface Matches {
  /** MiniSearch document numbers and their scores, `count` of them, unsorted. */
  docs: Int32Array;
  scores: Float64Array;
  count: number;
}

interface Expansion {
  data: TermData;
  weight: number;
  term: string;
}

/** A query with each word's index terms looked up once (prefix and fuzzy lookups walk the tree). */
export interface QueryPlan {
  queries: readonly QueryTerm[];
  expansions: Expansion[][];
}

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const MAX_QUERY_TERMS = 32;

/** The edit distance MiniSearch uses for `fuzzy: 0.2, maxFuzzy: 2` on a term. */
export function fuzzyDistance(term: string, fraction = 0.2, max = 2): number {
  return Math.min(max, Math.round(term.length * fraction));
}

export class PostingsScorer {
  private stamp = new Int32Array(0);
  private score = new Float64Array(0);
  private slot = new Int32Array(0);
  private epoch = 0;
  /** Field lengths by field and document number, copied from MiniSearch's Map as documents appear. */
  private lengths: Uint32Array[] = [];
  private lengthsKnown = 0;

  constructor(
    private readonly index: MiniSearch<never> | MiniSearch<unknown>,
    private readonly boosts: Readonly<Record<string, number>>,
  ) {}

  private prepare(): number {
    const m = internals(this.index);
    const size = m._nextId;
    if (this.stamp.length < size) {
      const grown = Math.max(size, this.stamp.length * 2, 1024);
      this.stamp = new Int32Array(grown);
      this.score = new Float64Array(grown);
      this.slot = new Int32Array(grown);
      this.epoch = 0;
    }
    // Documents only ever get new numbers (a re-added document is a new one), so lengths cached
    // for a number stay right; copy those of documents added since the last query.
    if (this.lengthsKnown < size) {
      const fieldCount = Object.keys(m._fieldIds).length;
      if (this.lengths.length !== fieldCount || (this.lengths[0]?.length ?? 0) < size) {
        const capacity = Math.max(size, (this.lengths[0]?.length ?? 0) * 2, 1024);
        this.lengths = Array.from({ length: fieldCount }, (_, field) => {
          const next = new Uint32Array(capacity);
          const old = this.lengths[field];
          if (old) next.set(old.subarray(0, Math.min(old.length, this.lengthsKnown)));
          return next;
        });
      }
      for (let doc = this.lengthsKnown; doc < size; doc++) {
        const lengths = m._fieldLength.get(doc);
        if (!lengths) continue;
        for (let field = 0; field < fieldCount; field++) (this.lengths[field] as Uint32Array)[doc] = lengths[field] ?? 0;
      }
      this.lengthsKnown = size;
    }
    this.epoch++;
    if (this.epoch * 64 + 64 >= 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    return this.epoch * 64;
  }

  /** Look up the index terms of every query word. */
  plan(queries: readonly QueryTerm[]): QueryPlan {
    const kept = queries.slice(0, MAX_QUERY_TERMS);
    return { queries: kept, expansions: kept.map((query) => this.expansions(query)) };
  }

  /** The index terms a query word stands for, with MiniSearch's weights. */
  private expansions(query: QueryTerm): Expansion[] {
    const index = internals(this.index)._index;
    const found = new Map<string, Expansion>();
    const exact = index.get(query.term);
    if (exact) found.set(query.term, { data: exact, weight: 1, term: query.term });
    if (query.prefix) {
      for (const [term, data] of index.atPrefix(query.term)) {
        if (term === query.term) continue;
        const distance = term.length - query.term.length;
        found.set(term, { data, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), term });
      }
    }
    if (query.fuzzy > 0) {
      for (const [term, [data, distance]] of index.fuzzyGet(query.term, query.fuzzy)) {
        if (distance === 0 || found.has(term)) continue;
        found.set(term, { data, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance), term });
      }
    }
    return [...found.values()];
  }

  /**
   * Every document matching all query words, with its BM25 score. `accept` (by document number)
   * filters the documents that matched, e.g. by the search filters.
   */
  matchAll(plan: QueryPlan, accept?: (doc: number) => boolean, allowed?: Uint8Array): Matches {
    const terms = plan.queries;
    if (terms.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0), count: 0 };
    const m = internals(this.index);
    const base = this.prepare();
    const stamp = this.stamp;
    const score = this.score;
    const total = m._documentCount;
    const entitiesField = m._fieldIds.entities;
    // Most selective word first: later words only touch documents still in the running.
    const planned = terms.map((query, index) => {
      const visits: { postings: Postings; weight: number; field: number }[] = [];
      for (const expansion of plan.expansions[index] ?? []) {
        for (const field of query.fields) {
          const fieldId = m._fieldIds[field];
          const postings = fieldId === undefined ? undefined : expansion.data.get(fieldId);
          if (postings) visits.push({ postings, weight: expansion.weight * (this.boosts[field] ?? 1), field: fieldId as number });
        }
      }
      if (entitiesField !== undefined) {
        for (const entityId of query.entityIds) {
          const postings = m._index.get(entityId)?.get(entitiesField);
          if (postings) visits.push({ postings, weight: this.boosts.entities ?? 1, field: entitiesField });
        }
      }
      const size = visits.reduce((sum, visit) => sum + visit.postings.size, 0);
      return { visits, size };
    }).sort((a, b) => a.size - b.size);

    let first = new Int32Array(Math.max(16, planned[0]?.size ?? 0));
    let firstCount = 0;
    planned.forEach(({ visits }, position) => {
      const before = base + position;
      const after = before + 1;
      for (const { postings, weight, field } of visits) {
        const df = postings.size;
        const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        const lengths = this.lengths[field] as Uint32Array;
        // BM25: idf · (d + tf(k+1) / (tf + k(1 − b) + k·b·length/average)), times the weight.
        const constant = BM25.k * (1 - BM25.b);
        const perLength = (BM25.k * BM25.b) / (m._avgFieldLength[field] || 1);
        const scale = weight * idf;
        // forEach, not for…of: no [doc, tf] pair allocated per posting (this loop is most of a search).
        postings.forEach((tf, doc) => {
          // A selective filter (one entity's excerpts) is known up front: others are never scored.
          if (position === 0 && allowed !== undefined && allowed[doc] !== 1) return;
          const state = stamp[doc] as number;
          if (position > 0 && state !== before && state !== after) return;
          const value = scale * (BM25.d + (tf * (BM25.k + 1)) / (tf + constant + perLength * (lengths[doc] as number)));
          if (state === after) {
            score[doc] = (score[doc] as number) + value;
          } else if (position === 0) {
            stamp[doc] = after;
            score[doc] = value;
            if (firstCount === first.length) {
              const grown = new Int32Array(first.length * 2);
              grown.set(first);
              first = grown;
            }
            first[firstCount++] = doc;
          } else if (state === before) {
            stamp[doc] = after;
            score[doc] = (score[doc] as number) + value;
          }
        });
      }
    });
    const done = base + planned.length;
    const docs = new Int32Array(firstCount);
    const scores = new Float64Array(firstCount);
    let count = 0;
    const live = m._documentIds;
    for (let i = 0; i < firstCount; i++) {
      const doc = first[i] as number;
      if (stamp[doc] !== done) continue;
      if (!live.has(doc)) continue; // discarded, not yet vacuumed
      if (accept && !accept(doc)) continue;
      docs[count] = doc;
      scores[count] = score[doc] as number;
      count++;
    }
    return { docs, scores, count };
  }

  /**
   * BM25 relevance of each candidate (document numbers; −1 for none) to any of `terms` (exact
   * words, OR) in one field, aligned with `candidates` (0: no match). Words found in more than
   * `maxShare` of all documents are skipped: their weight is small and their postings long. Work
   * per word: the shorter of its postings and the candidate list.
   */
  scoreCandidates(terms: readonly string[], field: string, candidates: Int32Array, maxShare = 0.25): Float64Array {
    const m = internals(this.index);
    const fieldId = m._fieldIds[field];
    const result = new Float64Array(candidates.length);
    if (fieldId === undefined || candidates.length === 0) return result;
    const base = this.prepare();
    const member = base + 1;
    const stamp = this.stamp;
    const slot = this.slot;
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i] as number;
      if (doc < 0) continue;
      stamp[doc] = member;
      slot[doc] = i;
    }
    const total = m._documentCount;
    const lengths = this.lengths[fieldId] as Uint32Array;
    const constant = BM25.k * (1 - BM25.b);
    const perLength = (BM25.k * BM25.b) / (m._avgFieldLength[fieldId] || 1);
    const boost = this.boosts[field] ?? 1;
    for (const term of new Set(terms)) {
      const postings = m._index.get(term)?.get(fieldId);
      if (!postings) continue;
      const df = postings.size;
      if (df > total * maxShare) continue;
      const scale = boost * Math.log(1 + (total - df + 0.5) / (df + 0.5));
      const bm25 = (doc: number, tf: number) => scale * (BM25.d + (tf * (BM25.k + 1)) / (tf + constant + perLength * (lengths[doc] as number)));
      if (df <= candidates.length) {
        for (const [doc, tf] of postings) {
          if (stamp[doc] !== member) continue;
          const at = slot[doc] as number;
          result[at] = (result[at] as number) + bm25(doc, tf);
        }
      } else {
        for (let i = 0; i < candidates.length; i++) {
          const doc = candidates[i] as number;
          if (doc < 0) continue;
          const tf = postings.get(doc);
          if (tf) result[i] = (result[i] as number) + bm25(doc, tf);
        }
      }
    }
    return result;
  }

  /** For highlighting one hit: the index terms and entity ids of the query it contains in `field`. */
  matchedIn(doc: number, plan: QueryPlan, field = 'text'): { terms: Set<string>; entities: Set<string> } {
    const m = internals(this.index);
    const fieldId = m._fieldIds[field];
    const entitiesField = m._fieldIds.entities;
    const terms = new Set<string>();
    const entities = new Set<string>();
    plan.queries.forEach((query, index) => {
      if (fieldId !== undefined) {
        for (const expansion of plan.expansions[index] ?? []) if (expansion.data.get(fieldId)?.has(doc)) terms.add(expansion.term);
      }
      if (entitiesField !== undefined) {
        for (const entityId of query.entityIds) if (m._index.get(entityId)?.get(entitiesField)?.has(doc)) entities.add(entityId);
      }
    });
    return { terms, entities };
  }
}
