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
 * 2. **Title words** (weight 2). BM25 relevance (MiniSearch, the same index as search) of the
 *    excerpt's text to the words of the page's title, saturated as b / (b + 4).
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
 * Everything here is pure arithmetic on the in-memory ranking table (core/excerpt-table.ts): no
 * record is read from storage until the few excerpts to show are known.
 */
import type { ExcerptTable } from './excerpt-table';

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
  /** The entity asked about: being tagged with it is not a co-mention. */
  targetEntity?: number;
  /** BM25 relevance of a row to the page's title words (0 when unrelated). */
  titleScore?: (row: number) => number;
  /** The page's date, in days since 1970, when known. */
  pageDay?: number;
  /** Today, in days since 1970. */
  nowDay: number;
  /** Source indexes whose excerpts are never shown (the page itself). */
  excludeSources?: ReadonlySet<number>;
}

/** Weights of the page's entities, most mentioned first, as the table numbers them. */
export function pageEntityWeights(table: ExcerptTable, entityIds: readonly string[]): Map<number, number> {
  const weights = new Map<number, number>();
  entityIds.slice(0, MAX_PAGE_ENTITIES).forEach((id, rank) => {
    const index = table.entityIndex(id);
    if (index !== undefined && !weights.has(index)) weights.set(index, 1 / (1 + 0.2 * rank));
  });
  return weights;
}

export function coMentionSignal(table: ExcerptTable, row: number, signals: PageSignals): number {
  if (signals.entityWeights.size === 0) return 0;
  let sum = 0;
  for (const entity of table.entitiesOf(row)) {
    if (entity === signals.targetEntity) continue;
    sum += signals.entityWeights.get(entity) ?? 0;
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

export function scoreRow(table: ExcerptTable, row: number, signals: PageSignals): number {
  return (
    WEIGHTS.coMention * coMentionSignal(table, row, signals) +
    WEIGHTS.title * titleSignal(signals.titleScore?.(row) ?? 0) +
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
export function compareScored(table: ExcerptTable, a: ScoredRow, b: ScoredRow): number {
  return b.score - a.score || table.dayOf(b.row) - table.dayOf(a.row) || a.row - b.row;
}

/** Number of distinct near-duplicate clusters among rows. */
export function countClusters(table: ExcerptTable, rows: Iterable<number>): number {
  let count = 0;
  const seen = new Set<number>();
  for (const row of rows) {
    if (table.clusterSize(row) === 1) count++;
    else {
      const label = table.clusterOf(row);
      if (!seen.has(label)) {
        seen.add(label);
        count++;
      }
    }
  }
  return count;
}

/** Collapse sorted rows into near-duplicate groups, keeping the first `limit` groups. */
export function collapseDuplicates(table: ExcerptTable, sorted: readonly ScoredRow[], limit: number): RankedGroup[] {
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
 * The `limit` best of `scored` (unsorted), sorted. Partial selection: only a small head is ever
 * fully sorted, so 50,000 candidates cost one pass.
 */
export function topScored(table: ExcerptTable, scored: ScoredRow[], count: number): ScoredRow[] {
  if (scored.length <= count * 4 || scored.length <= 256) {
    return scored.sort((a, b) => compareScored(table, a, b)).slice(0, count);
  }
  // A heap of the best `count` so far, worst at the top: one pass, O(n log count).
  const heap: ScoredRow[] = [];
  const worse = (a: ScoredRow, b: ScoredRow) => compareScored(table, a, b) > 0;
  const siftUp = (index: number) => {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worse(heap[index] as ScoredRow, heap[parent] as ScoredRow)) break;
      [heap[index], heap[parent]] = [heap[parent] as ScoredRow, heap[index] as ScoredRow];
      index = parent;
    }
  };
  const siftDown = (index: number) => {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let worst = index;
      if (left < heap.length && worse(heap[left] as ScoredRow, heap[worst] as ScoredRow)) worst = left;
      if (right < heap.length && worse(heap[right] as ScoredRow, heap[worst] as ScoredRow)) worst = right;
      if (worst === index) break;
      [heap[index], heap[worst]] = [heap[worst] as ScoredRow, heap[index] as ScoredRow];
      index = worst;
    }
  };
  for (const item of scored) {
    if (heap.length < count) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (worse(heap[0] as ScoredRow, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => compareScored(table, a, b));
}

export interface RankResult {
  groups: RankedGroup[];
  /** Distinct near-duplicate clusters among the candidates. */
  total: number;
}

/** Rank candidate rows for a page; returns the `limit` best groups of near-duplicates. */
export function rankRows(table: ExcerptTable, rows: Iterable<number>, signals: PageSignals, limit: number): RankResult {
  const scored: ScoredRow[] = [];
  const kept: number[] = [];
  for (const row of rows) {
    if (!table.isAlive(row)) continue;
    if (signals.excludeSources?.has(table.sourceIndexOf(row))) continue;
    kept.push(row);
    scored.push({ row, score: scoreRow(table, row, signals) });
  }
  const total = countClusters(table, kept);
  let head = Math.max(limit * 4, limit + 16);
  for (;;) {
    const top = topScored(table, scored.slice(), Math.min(head, scored.length));
    const groups = collapseDuplicates(table, top, limit);
    if (groups.length >= limit || top.length >= scored.length) return { groups, total };
    head *= 4;
  }
}
