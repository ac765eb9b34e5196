/**
 * How Backstory ranks the excerpts it shows for an entity on the page being read.
 *
 * ## Candidates
 * Every excerpt *tagged* with the entity: the tag was set by the spotter when the excerpt was
 * stored, from whichever alias the text used (Kherson, Херсоні, Cherson), so no alias is missed
 * and no text is searched at question time. Excerpts of the page itself (a page the reader added
 * earlier and is now reading again) are left out.
 *
 * ## Score
 * Three signals, each brought to 0–1, then weighted so that they act almost in order of priority:
 *
 *     score = 4 · co-mention + 2 · title + 1 · time
 *
 * 1. **Co-mention** (weight 4). The other entities the excerpt is tagged with that are also on the
 *    page. Page entities come most-mentioned first; the i-th weighs 1 / (1 + 0.2·i), so sharing
 *    the page's main subject counts more than sharing a passing mention. The sum s is saturated as
 *    1 − e^(−s): a second shared entity still helps, a tenth hardly does.
 * 2. **Title words** (weight 2). BM25 relevance of the excerpt's text to the words of the page's
 *    title, saturated as b / (b + 4). A card computes it on the texts of its best candidates by
 *    the other two signals (the 40 best; corpus/queries.ts), so that no full-text index is needed.
 * 3. **Time** (weight 1). When the page's date is known: closeness to it, 1 / (1 + |Δdays| / 60),
 *    three quarters of the signal, and recency (1 / (1 + age in years)) one quarter. Without a
 *    page date: recency alone.
 *
 * With these weights one shared main entity (≈ 2.5) beats any title match (< 2) and any date
 * (≤ 1); a strong title match beats a better date. Ties go to the newer excerpt, then to the
 * earlier position.
 *
 * ## Near-duplicates
 * Syndicated copies of one text share a near-duplicate cluster (core/near-duplicates.ts). The best
 * ranked copy is shown; the others become its "also in …" sources. Totals count clusters, not
 * copies.
 *
 * Everything here is pure arithmetic on a ranking table (`RankingTable`: an entity's shelf for a
 * card, the whole corpus's table for search): no record is read from storage until the few
 * excerpts to show are known.
 */
/**
 * What ranking reads of a table of excerpts: the whole corpus's (core/excerpt-table.ts, for search)
 * or one entity's shelf (core/shelf-table.ts, for cards).
 */
export interface RankingTable {
  readonly entityIndexCount: number;
  /** The flat entity list; a row's entities are at [entityStartOf(row), + entityCountOf(row)). */
  readonly entityData: Int32Array | Uint16Array;
  isAlive(row: number): boolean;
  dayOf(row: number): number;
  sourceIndexOf(row: number): number;
  entityIndex(entityId: string): number | undefined;
  entityStartOf(row: number): number;
  entityCountOf(row: number): number;
  clusterOf(row: number): number;
  clusterSize(row: number): number;
  hasDuplicates(row: number): boolean;
}

export const WEIGHTS = { coMention: 4, title: 2, time: 1 } as const;
/** Page entities beyond this rank do not count as co-mentions. */
export const MAX_PAGE_ENTITIES = 30;
/** Half-saturation of the title BM25 score. */
export const TITLE_HALF = 4;
/** Days from the page's date at which closeness is one half. */
export const CLOSENESS_DAYS = 60;

export interface PageSignals {
  /** Entity index (in the table) → weight of that entity on the page. */
  entityWeights: ReadonlyMap<number, number>;
  /** The same weights as an array by entity index (filled by rankRows; faster in the loop). */
  entityWeightArray?: Float64Array;
  /** The entity asked about: being tagged with it is not a co-mention. */
  targetEntity?: number;
  /** BM25 relevance of the i-th candidate (`row`) to the page's title words (0 when unrelated). */
  titleScore?: (row: number, index: number) => number;
  /** The page's date, in days since 1970, when known. */
  pageDay?: number;
  /** Today, in days since 1970. */
  nowDay: number;
  /** Source indexes whose excerpts are never shown (the page itself). */
  excludeSources?: ReadonlySet<number>;
}

/** Weights of the page's entities, most mentioned first, as the table numbers them. */
export function pageEntityWeights(table: RankingTable, entityIds: readonly string[]): Map<number, number> {
  const weights = new Map<number, number>();
  entityIds.slice(0, MAX_PAGE_ENTITIES).forEach((id, rank) => {
    const index = table.entityIndex(id);
    if (index !== undefined && !weights.has(index)) weights.set(index, 1 / (1 + 0.2 * rank));
  });
  return weights;
}

export function coMentionSignal(table: RankingTable, row: number, signals: PageSignals): number {
  if (signals.entityWeights.size === 0) return 0;
  const weights = signals.entityWeightArray;
  const data = table.entityData;
  const start = table.entityStartOf(row);
  const end = start + table.entityCountOf(row);
  let sum = 0;
  for (let i = start; i < end; i++) {
    const entity = data[i] as number;
    if (entity === signals.targetEntity) continue;
    sum += weights ? (weights[entity] ?? 0) : (signals.entityWeights.get(entity) ?? 0);
  }
  return sum > 0 ? 1 - Math.exp(-sum) : 0;
}

export function titleSignal(bm25: number): number {
  return bm25 > 0 ? bm25 / (bm25 + TITLE_HALF) : 0;
}

export function timeSignal(day: number, signals: Pick<PageSignals, 'pageDay' | 'nowDay'>): number {
  const recency = 1 / (1 + Math.max(0, signals.nowDay - day) / 365);
  if (signals.pageDay === undefined) return recency;
  const closeness = 1 / (1 + Math.abs(day - signals.pageDay) / CLOSENESS_DAYS);
  return 0.75 * closeness + 0.25 * recency;
}

export function scoreRow(table: RankingTable, row: number, signals: PageSignals, index = -1): number {
  return (
    WEIGHTS.coMention * coMentionSignal(table, row, signals) +
    WEIGHTS.title * titleSignal(signals.titleScore?.(row, index) ?? 0) +
    WEIGHTS.time * timeSignal(table.dayOf(row), signals)
  );
}

export interface ScoredRow {
  row: number;
  score: number;
}

export interface RankedGroup extends ScoredRow {
  /** Other rows of the same near-duplicate cluster among the candidates, best first. */
  duplicates: number[];
}

/** Best first; ties: newer first, then lower row (earlier stored, earlier position). */
export function compareScored(table: RankingTable, a: ScoredRow, b: ScoredRow): number {
  return b.score - a.score || table.dayOf(b.row) - table.dayOf(a.row) || a.row - b.row;
}

/** Candidates and their scores in parallel typed arrays: no object per candidate. */
export interface ScoredRows {
  rows: Int32Array;
  scores: Float64Array;
  count: number;
}

/** Number of distinct near-duplicate clusters among rows. */
export function countClusters(table: RankingTable, rows: ArrayLike<number>, count = rows.length): number {
  let clusters = 0;
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const row = rows[i] as number;
    if (!table.hasDuplicates(row)) clusters++;
    else {
      const label = table.clusterOf(row);
      if (!seen.has(label)) {
        seen.add(label);
        clusters++;
      }
    }
  }
  return clusters;
}

/** Collapse sorted rows into near-duplicate groups, keeping the first `limit` groups. */
export function collapseDuplicates(table: RankingTable, sorted: readonly ScoredRow[], limit: number): RankedGroup[] {
  const groups: RankedGroup[] = [];
  const byCluster = new Map<number, RankedGroup>();
  for (const scored of sorted) {
    const label = table.clusterOf(scored.row);
    const group = table.clusterSize(scored.row) > 1 ? byCluster.get(label) : undefined;
    if (group) {
      group.duplicates.push(scored.row);
      continue;
    }
    if (groups.length >= limit) continue;
    const fresh: RankedGroup = { row: scored.row, score: scored.score, duplicates: [] };
    groups.push(fresh);
    if (table.clusterSize(scored.row) > 1) byCluster.set(label, fresh);
  }
  return groups;
}

/**
 * The `k` best candidates, sorted best first (ties: newer, then lower row). One pass with a heap of
 * the best k so far, worst on top: 50,000 candidates cost O(n log k) and no allocation per item.
 */
export function topRows(table: RankingTable, candidates: ScoredRows, k: number): ScoredRow[] {
  const { rows, scores, count } = candidates;
  const size = Math.min(k, count);
  const heap = new Int32Array(size);
  let length = 0;
  // a worse than b?
  const worse = (a: number, b: number) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    if (sa !== sb) return sa < sb;
    const ra = rows[a] as number;
    const rb = rows[b] as number;
    const da = table.dayOf(ra);
    const db = table.dayOf(rb);
    return da !== db ? da < db : ra > rb;
  };
  const siftDown = (start: number) => {
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let worst = index;
      if (left < length && worse(heap[left] as number, heap[worst] as number)) worst = left;
      if (right < length && worse(heap[right] as number, heap[worst] as number)) worst = right;
      if (worst === index) return;
      const swap = heap[index] as number;
      heap[index] = heap[worst] as number;
      heap[worst] = swap;
      index = worst;
    }
  };
  for (let i = 0; i < count; i++) {
    if (length < size) {
      heap[length] = i;
      let index = length++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!worse(heap[index] as number, heap[parent] as number)) break;
        const swap = heap[index] as number;
        heap[index] = heap[parent] as number;
        heap[parent] = swap;
        index = parent;
      }
    } else if (size > 0 && worse(heap[0] as number, i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  const best = Array.from(heap.subarray(0, length)).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return best.map((index) => ({ row: rows[index] as number, score: scores[index] as number }));
}

/** `topRows` for a list of objects (tests, small lists). */
export function topScored(table: RankingTable, scored: readonly ScoredRow[], count: number): ScoredRow[] {
  return topRows(table, {
    rows: Int32Array.from(scored, (item) => item.row),
    scores: Float64Array.from(scored, (item) => item.score),
    count: scored.length,
  }, count);
}

export interface RankResult {
  groups: RankedGroup[];
  /** Distinct near-duplicate clusters among the candidates. */
  total: number;
}

/** Rank candidate rows for a page; returns the `limit` best groups of near-duplicates. */
export function rankRows(table: RankingTable, rows: readonly number[], signals: PageSignals, limit: number): RankResult {
  const kept = new Int32Array(rows.length);
  const scores = new Float64Array(rows.length);
  let count = 0;
  const fast: PageSignals = { ...signals, entityWeightArray: new Float64Array(table.entityIndexCount) };
  for (const [entity, weight] of signals.entityWeights) (fast.entityWeightArray as Float64Array)[entity] = weight;
  const exclude = signals.excludeSources?.size ? signals.excludeSources : undefined;
  rows.forEach((row, index) => {
    if (!table.isAlive(row)) return;
    if (exclude?.has(table.sourceIndexOf(row))) return;
    kept[count] = row;
    scores[count] = scoreRow(table, row, fast, index);
    count++;
  });
  const candidates = { rows: kept, scores, count };
  return { groups: bestGroups(table, candidates, limit), total: countClusters(table, kept, count) };
}

/**
 * The `limit` best near-duplicate groups of the candidates: sorts only a head of them, growing it
 * until it holds `limit` distinct groups (copies of one text take one place).
 */
export function bestGroups(table: RankingTable, candidates: ScoredRows, limit: number): RankedGroup[] {
  let head = Math.max(limit * 4, limit + 16);
  for (;;) {
    const top = topRows(table, candidates, Math.min(head, candidates.count));
    const groups = collapseDuplicates(table, top, limit);
    if (groups.length >= limit || top.length >= candidates.count) return groups;
    head *= 4;
  }
}
