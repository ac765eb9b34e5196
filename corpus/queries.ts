/**
 * What cards, the popup and the reading room's lists read: all of it straight from IndexedDB
 * indexes and shelves (corpus/shelves.ts), never from the full-text index.
 *
 * A card (`excerptsFor`): one read of the entity's shelf, ranking in memory (core/ranking.ts), one
 * read transaction for the few excerpts and sources shown. Shelves read recently are kept in
 * memory until the next write, so moving between marks on a page does not read them again.
 */
import { dayNumber, monthOfDay } from '../core/excerpt-table';
import { CHRONICLE_PREFIX, isChronicleSource } from '../core/chronicle';
import { type CorpusStats, type EntityTimeline, type ExcerptView, type ExcerptsForEntity, type PageContextInfo, type SourceSummary, TIMELINE_PAGE } from '../core/protocol';
import type { ShelfTable } from '../core/shelf-table';
import { type PageSignals, type RankedGroup, type RankingTable, WEIGHTS, collapseDuplicates, pageEntityWeights, rankRows, titleSignal } from '../core/ranking';
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import { matchRanges, searchTerms } from '../core/search-index';
import type { CorpusDb } from './db';
import { ENTITY_COUNTS_KEY, KEY_DATE_COUNTS_KEY, type Shelf, countKeyDates, readShelf, urlKey } from './shelves';

export const DEFAULT_EXCERPT_LIMIT = 5;
export const DEFAULT_PAGE_LIMIT = 10;
/** Page entities whose excerpts are candidates for `pageExcerpts`. */
const PAGE_EXCERPT_ENTITIES = 8;
/** Shelves kept in memory between writes. */
const SHELF_CACHE_SIZE = 12;
const SOURCE_CACHE_SIZE = 1000;
/** Key dates a card shows at most. */
const KEY_DATES = 4;
/** How many of the best candidates the page title re-ranks (BM25 over their texts). */
const TITLE_HEAD = 40;
/** Excerpts of one source a card shows at most. */
const PER_SOURCE = 2;
/** Excerpts up to this many days after the page's date still count as "around" it. */
const AROUND_DAYS = 3;

export function summary(source: SourceRecord): SourceSummary {
  const view: SourceSummary = {
    id: source.id,
    origin: source.origin,
    title: source.title,
    date: source.date,
    dateSource: source.dateSource,
    dateConfidence: source.dateConfidence,
    datePrecision: source.datePrecision,
  };
  if (source.site !== undefined) view.site = source.site;
  if (source.url !== undefined) view.url = source.url;
  if (source.remembered) view.remembered = true;
  if (source.kind) view.kind = source.kind;
  if (source.readAt !== undefined) view.readAt = source.readAt;
  // How many excerpts the source has in all (a card shows two at most: "More from this source").
  view.excerptCount = source.excerptCount;
  return view;
}

/** What views read of a table: ids, sources and near-duplicate clusters by row. */
export interface ViewTable extends RankingTable {
  idOf(row: number): string;
  sourceIdOf(row: number): string;
  clusterRows(row: number): number[];
}

/** A ranked group and the table its row numbers refer to. */
export interface TableGroup {
  table: ViewTable;
  group: RankedGroup;
}

export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * BM25 relevance of each text to the title's words, the texts themselves being the collection
 * (k1 1.2, b 0.75): which of the best candidates speak of what the page's title speaks of.
 */
export function titleRelevance(title: string, texts: readonly string[]): number[] {
  const query = [...new Set(searchTerms(title))].slice(0, 24);
  if (query.length === 0 || texts.length === 0) return texts.map(() => 0);
  const docs = texts.map((text) => {
    const counts = new Map<string, number>();
    const terms = searchTerms(text);
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return { counts, length: terms.length };
  });
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length || 1;
  const idf = new Map(query.map((term) => {
    const df = docs.filter((doc) => doc.counts.has(term)).length;
    return [term, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5))];
  }));
  return docs.map((doc) => {
    let score = 0;
    for (const term of query) {
      const tf = doc.counts.get(term) ?? 0;
      if (tf === 0) continue;
      score += (idf.get(term) as number) * (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * doc.length / average));
    }
    return score;
  });
}

export class CorpusQueries {
  private readonly shelves = new Lru<string, Shelf | null>(SHELF_CACHE_SIZE);
  /** Sources named by recent views (search pages and cards name the same few again and again). */
  private readonly sources = new Lru<string, SourceRecord>(SOURCE_CACHE_SIZE);

  constructor(
    private readonly db: CorpusDb,
    private readonly now: () => Date,
  ) {}

  /** Forget what was read before a write. */
  invalidate(): void {
    this.shelves.clear();
    this.sources.clear();
  }

  async shelf(entityId: string): Promise<Shelf | undefined> {
    const cached = this.shelves.get(entityId);
    if (cached !== undefined) return cached ?? undefined;
    const shelf = await readShelf(this.db, entityId);
    this.shelves.set(entityId, shelf ?? null);
    return shelf;
  }

  /**
   * For a card: the entity's key dates from the chronicle (those before the page's date first,
   * latest first; then those after it), and the other excerpts tagged with it, ranked for the page
   * being read (core/ranking.ts).
   */
  async excerptsFor(entityId: string, page: PageContextInfo | undefined, limit = DEFAULT_EXCERPT_LIMIT): Promise<ExcerptsForEntity> {
    const shelf = await this.shelf(entityId);
    if (!shelf) return { excerpts: [], total: 0, keyDates: [] };
    const { keyDates, others } = shelf.table.rowsByKind(isChronicleSource);
    // A head larger than the card: room to re-rank by the title and to keep two per source.
    const { groups, total } = this.rankShelf(shelf, page, Math.max(limit * 4, page?.title ? TITLE_HEAD : 0), entityId, others);
    const [excerpts, dated] = await Promise.all([this.rankedViews(groups, page, limit), this.keyDateViews(shelf.table, keyDates, page, entityId)]);
    return { excerpts, total, keyDates: dated };
  }

  /**
   * Key dates in the order a reader of this page needs them: the entity's own (then other entries
   * that name it), and within each, what happened before the page (latest first), then after.
   */
  private keyDateViews(table: ShelfTable, rows: number[], page: PageContextInfo | undefined, entityId: string): Promise<ExcerptView[]> {
    if (rows.length === 0) return Promise.resolve([]);
    const pageDay = page?.date ? dayNumber(page.date) : Number.POSITIVE_INFINITY;
    const own = table.sourceIndex(`${CHRONICLE_PREFIX}${entityId}`);
    const ordered = (subset: number[]) => [
      ...subset.filter((row) => table.dayOf(row) <= pageDay).sort((a, b) => table.dayOf(b) - table.dayOf(a)),
      ...subset.filter((row) => table.dayOf(row) > pageDay).sort((a, b) => table.dayOf(a) - table.dayOf(b)),
    ];
    const chosen = [
      ...ordered(rows.filter((row) => table.sourceIndexOf(row) === own)),
      ...ordered(rows.filter((row) => table.sourceIndexOf(row) !== own)),
    ].slice(0, KEY_DATES);
    return this.views(chosen.map((row) => ({ table, group: { row, score: 0, duplicates: [] } })));
  }

  /** Excerpts about the page as a whole: tagged with its main entities, ranked like `excerptsFor`. */
  async pageExcerpts(page: PageContextInfo, limit = DEFAULT_PAGE_LIMIT): Promise<ExcerptView[]> {
    const shelves = (await Promise.all(page.entityIds.slice(0, PAGE_EXCERPT_ENTITIES).map((id) => this.shelf(id))))
      .filter((shelf): shelf is Shelf => shelf !== undefined);
    const best = new Map<string, TableGroup>();
    const head = Math.max(limit * 2, page.title ? TITLE_HEAD : 0);
    for (const shelf of shelves) {
      for (const item of this.rankShelf(shelf, page, head).groups) {
        const id = shelf.table.idOf(item.group.row);
        const known = best.get(id);
        if (!known || known.group.score < item.group.score) best.set(id, item);
      }
    }
    const merged = [...best.values()].sort((a, b) => b.group.score - a.group.score).slice(0, head);
    return this.rankedViews(merged, page, limit);
  }

  private rankShelf(shelf: Shelf, page: PageContextInfo | undefined, limit: number, targetEntityId?: string, rows?: number[]): { groups: TableGroup[]; total: number } {
    const table = shelf.table;
    const signals: PageSignals = {
      entityWeights: page ? pageEntityWeights(table, page.entityIds) : new Map(),
      nowDay: dayNumber(this.now().toISOString()),
    };
    const target = targetEntityId === undefined ? undefined : table.entityIndex(targetEntityId);
    if (target !== undefined) signals.targetEntity = target;
    if (page?.date) signals.pageDay = dayNumber(page.date);
    if (page?.url) {
      const exclude = table.sourcesWithUrl(urlKey(page.url));
      if (exclude.size) signals.excludeSources = exclude;
    }
    const { groups, total } = rankRows(table, rows ?? table.aliveRows(), signals, limit);
    return { groups: groups.map((group) => ({ table, group })), total };
  }

  /**
   * The head of the ranking, re-ranked by the page title's words (weight WEIGHTS.title, on the
   * texts just read), cut to `limit`, as views.
   */
  private async rankedViews(head: TableGroup[], page: PageContextInfo | undefined, limit: number): Promise<ExcerptView[]> {
    // The head's texts are read only when the title re-ranks them; otherwise only the excerpts shown are.
    let records: Map<string, ExcerptRecord> | undefined;
    let ranked = head;
    if (page?.title && head.length > 0) {
      const read = await this.readExcerpts(head.map(({ table, group }) => table.idOf(group.row)));
      records = read;
      const texts = head.map(({ table, group }) => read.get(table.idOf(group.row))?.text ?? '');
      const relevance = titleRelevance(page.title, texts);
      ranked = head
        .map((item, index) => ({ ...item, group: { ...item.group, score: item.group.score + WEIGHTS.title * titleSignal(relevance[index] as number) } }))
        .sort((a, b) => b.group.score - a.group.score || b.table.dayOf(b.group.row) - a.table.dayOf(a.group.row));
    }
    // At most two excerpts of one source, so that one long article does not fill the card.
    const perSource = new Map<string, number>();
    const chosen: TableGroup[] = [];
    for (const item of ranked) {
      if (chosen.length >= limit) break;
      const source = item.table.sourceIdOf(item.group.row);
      const count = perSource.get(source) ?? 0;
      if (count >= PER_SOURCE) continue;
      perSource.set(source, count + 1);
      chosen.push(item);
    }
    // What the reader of a dated article needs first is what came before it (or around it):
    // later excerpts follow, each in score order, and say so.
    const pageDay = page?.date ? dayNumber(page.date) : undefined;
    const isAfter = (item: TableGroup) => pageDay !== undefined && item.table.dayOf(item.group.row) > pageDay + AROUND_DAYS;
    const ordered = [...chosen.filter((item) => !isAfter(item)), ...chosen.filter(isAfter)];
    const after = new Set(ordered.filter(isAfter).map((item) => item.table.idOf(item.group.row)));
    const views = await this.views(ordered, undefined, records);
    for (const view of views) if (after.has(view.excerpt.id)) view.afterPage = true;
    return views;
  }

  /**
   * Monthly counts over every excerpt about the entity, and one page of those excerpts (of one
   * month, when asked), oldest first, near-duplicates collapsed. Counting reads only the shelf; the
   * records read are those of the page sent (an entity of a large corpus has tens of thousands).
   */
  async entityTimeline(entityId: string, options: { month?: string; offset?: number; limit?: number } = {}): Promise<EntityTimeline> {
    const offset = options.offset ?? 0;
    const shelf = await this.shelf(entityId);
    if (!shelf) return { entityId, buckets: [], excerpts: [], total: 0, offset };
    const table = shelf.table;
    const rows = table.aliveRows();
    rows.sort((a, b) => table.dayOf(a) - table.dayOf(b) || a - b);
    const groups = collapseDuplicates(table, rows.map((row) => ({ row, score: 0 })), rows.length);
    const counts = new Map<string, number>();
    for (const group of groups) {
      const month = monthOfDay(table.dayOf(group.row));
      counts.set(month, (counts.get(month) ?? 0) + 1);
    }
    const buckets = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
    const wanted = options.month ? groups.filter((group) => monthOfDay(table.dayOf(group.row)) === options.month) : groups;
    const page = wanted.slice(offset, offset + (options.limit ?? TIMELINE_PAGE));
    const excerpts = await this.views(page.map((group) => ({ table, group })));
    return { entityId, buckets, excerpts, total: wanted.length, offset };
  }

  /** Number of excerpts tagged with each entity id (entities without excerpts are left out). */
  async entityCounts(): Promise<Record<string, number>> {
    const counts = (await this.db.get('meta', ENTITY_COUNTS_KEY))?.value as Record<string, number> | undefined;
    const copy: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [id, count] of Object.entries(counts ?? {})) if (count > 0) copy[id] = count;
    return copy;
  }

  /**
   * The entities with excerpts besides the chronicle's key dates: what a card can show beyond the
   * description and the key dates. The content script draws the marks of the others lighter.
   */
  async entitiesWithExcerpts(): Promise<string[]> {
    const tx = this.db.transaction(['meta', 'excerpts'], 'readonly');
    const [all, keyDates] = await Promise.all([tx.objectStore('meta').get(ENTITY_COUNTS_KEY), tx.objectStore('meta').get(KEY_DATE_COUNTS_KEY)]);
    const keyDateCounts = (keyDates?.value as Record<string, number> | undefined) ?? await countKeyDates(tx.objectStore('excerpts').index('by-source'));
    await tx.done;
    return Object.entries((all?.value as Record<string, number> | undefined) ?? {})
      .filter(([entityId, count]) => count > (keyDateCounts[entityId] ?? 0))
      .map(([entityId]) => entityId)
      .sort();
  }

  async stats(estimateUsage?: () => Promise<number | undefined>): Promise<CorpusStats> {
    const tx = this.db.transaction(['sources', 'excerpts', 'meta'], 'readonly');
    const [sources, excerpts, readerSources, counts] = await Promise.all([
      tx.objectStore('sources').count(),
      tx.objectStore('excerpts').count(),
      tx.objectStore('sources').index('by-origin').count('reader'),
      tx.objectStore('meta').get(ENTITY_COUNTS_KEY),
    ]);
    await tx.done;
    const stats: CorpusStats = {
      sources,
      excerpts,
      readerSources,
      entitiesTagged: Object.values((counts?.value ?? {}) as Record<string, number>).filter((count) => count > 0).length,
    };
    const usage = await estimateUsage?.().catch(() => undefined);
    if (usage !== undefined) stats.usageBytes = usage;
    return stats;
  }

  /** Every source, newest first. */
  async listSources(): Promise<SourceRecord[]> {
    const sources = await this.db.getAll('sources');
    return sources.sort((a, b) => dayNumber(b.date) - dayNumber(a.date) || b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  }

  /** Records for excerpt ids, in one read transaction. */
  async readExcerpts(ids: readonly string[]): Promise<Map<string, ExcerptRecord>> {
    const found = new Map<string, ExcerptRecord>();
    if (ids.length === 0) return found;
    const tx = this.db.transaction('excerpts', 'readonly');
    const records = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    for (const record of records) if (record) found.set(record.id, record);
    return found;
  }

  /** Ranked groups → views: read the records shown and their sources, name the sources of collapsed copies. */
  async views(
    items: readonly TableGroup[],
    matched?: Map<number, { terms: Set<string>; entities: Set<string> }>,
    preloaded?: Map<string, ExcerptRecord>,
  ): Promise<ExcerptView[]> {
    const ids = items.map(({ table, group }) => table.idOf(group.row));
    const alsoInIds = items.map(({ table, group }) => {
      const main = table.sourceIdOf(group.row);
      const others = new Set<string>();
      for (const row of table.clusterRows(group.row)) {
        const sourceId = table.sourceIdOf(row);
        if (row !== group.row && sourceId !== main) others.add(sourceId);
      }
      return [...others];
    });
    const missing = preloaded ? ids.filter((id) => !preloaded.has(id)) : ids;
    const records = missing.length ? new Map([...(preloaded ?? []), ...(await this.readExcerpts(missing))]) : (preloaded as Map<string, ExcerptRecord>);
    const sourceIds = new Set<string>(alsoInIds.flat());
    for (const id of ids) {
      const record = records.get(id);
      if (record) sourceIds.add(record.sourceId);
    }
    const sources = await this.readSources([...sourceIds]);
    const views: ExcerptView[] = [];
    items.forEach(({ group }, index) => {
      const excerpt = records.get(ids[index] as string);
      const source = excerpt ? sources.get(excerpt.sourceId) : undefined;
      if (!excerpt || !source) return; // deleted while we were reading
      const view: ExcerptView = {
        excerpt,
        source: summary(source),
        score: Math.round(group.score * 1e4) / 1e4,
        alsoIn: (alsoInIds[index] as string[])
          .map((id) => sources.get(id))
          .filter((other): other is SourceRecord => other !== undefined)
          .map(summary),
      };
      const match = matched?.get(group.row);
      if (match) view.matches = matchRanges(excerpt.text, match.terms, excerpt.mentions, match.entities);
      views.push(view);
    });
    return views;
  }

  private async readSources(ids: readonly string[]): Promise<Map<string, SourceRecord>> {
    const found = new Map<string, SourceRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.sources.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const tx = this.db.transaction('sources', 'readonly');
    const records = await Promise.all(missing.map((id) => tx.store.get(id)));
    await tx.done;
    for (const record of records) {
      if (!record) continue;
      found.set(record.id, record);
      this.sources.set(record.id, record);
    }
    return found;
  }
}
