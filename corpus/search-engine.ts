/**
 * The full-text search of the reading room: a MiniSearch index of every excerpt (core/search-index.ts)
 * scored directly on its postings (core/search-postings.ts), and a ranking table of the whole corpus
 * (core/excerpt-table.ts) for the filters (entity, source, dates) and near-duplicate clusters.
 *
 * It is loaded only when the reading room searches, never for a card: at 100k excerpts it takes
 * a second or two and ~100 MB. Loaded, it follows every committed write (`apply`) and persists
 * itself through corpus/snapshots.ts; unloaded, writes only leave journal entries, which the next
 * load replays (or, when they are many, the index is rebuilt from the store).
 *
 * One engine: MiniSearch builds and updates the postings, `PostingsScorer` answers queries. The
 * private fields it reads are those of MiniSearch 7.2 (pinned in package.json; the unit tests
 * compare its scores with `MiniSearch#search`).
 */
import { readerError, say } from '../lib/i18n/reader-error';
import type MiniSearch from 'minisearch';
import { ExcerptTable, TABLE_VERSION, dayNumber } from '../core/excerpt-table';
import type { Gazetteer } from '../core/gazetteer';
import type { SearchFilters } from '../core/protocol';
import { type RankedGroup, type ScoredRows, bestGroups, countClusters } from '../core/ranking';
import type { ExcerptRecord } from '../core/schema';
import {
  EntityNames,
  SEARCH_INDEX_OPTIONS,
  SEARCH_INDEX_VERSION,
  type SearchDocument,
  createSearchIndex,
  searchDocument,
  searchQueryTerms,
  searchTerms,
} from '../core/search-index';
import { PostingsScorer, hasPostingsAccess, indexedDocuments, shortIdOf, unpackIndex } from '../core/search-postings';
import { growInt32 } from '../core/typed-arrays';
import { type CorpusDb, SNAPSHOT_KEY, type IndexSnapshot, type JournalEntry } from './db';
import type { CommittedChange } from './writes';

/** Journal entries touching more excerpts than this (or half the corpus) are not replayed: rebuild. */
const REPLAY_LIMIT = 20_000;

/** The matched terms and entities of one hit, for highlighting. */
export type MatchInfo = { terms: Set<string>; entities: Set<string> };

export interface EngineHits {
  groups: RankedGroup[];
  total: number;
  matched: Map<number, MatchInfo>;
}

export class SearchEngine {
  readonly table: ExcerptTable;
  private readonly scorer: PostingsScorer;
  /** Table row ↔ MiniSearch document number (−1: none). */
  private docOfRow: Int32Array = new Int32Array(0);
  private rowOfDoc: Int32Array = new Int32Array(0);
  private allowed: Uint8Array = new Uint8Array(0);
  /** Journal seq applied, and the one the last snapshot holds (−1: none usable). */
  appliedSeq: number;
  snapshotSeq: number;
  changesSinceSnapshot = 0;

  private constructor(
    readonly index: MiniSearch<SearchDocument>,
    table: ExcerptTable,
    private readonly titles: Map<string, string>,
    private names: EntityNames,
    seq: number,
    snapshotSeq: number,
  ) {
    if (!hasPostingsAccess(index)) {
      throw readerError('internal', say('errors.searchUnavailable'));
    }
    this.table = table;
    this.scorer = new PostingsScorer(index, SEARCH_INDEX_OPTIONS.searchOptions?.boost ?? {});
    this.appliedSeq = seq;
    this.snapshotSeq = snapshotSeq;
    this.relink();
  }

  /**
   * Load the engine: the snapshot plus the journal entries after it, or (no usable snapshot, or too
   * much to replay) a rebuild from every stored excerpt. All reads in one transaction, so they see
   * one state. `rebuilt` says whether a snapshot should be written.
   */
  static async load(db: CorpusDb, gazetteer: Gazetteer): Promise<{ engine: SearchEngine; rebuilt: boolean }> {
    const names = new EntityNames(gazetteer);
    const tx = db.transaction(['sources', 'excerpts', 'journal', 'snapshot'], 'readonly');
    const sources = await tx.objectStore('sources').getAll();
    const titles = new Map(sources.map((source) => [source.id, source.title]));
    const snapshot = await tx.objectStore('snapshot').get(SNAPSHOT_KEY);
    let entries: JournalEntry[] | undefined;
    if (snapshot && snapshot.indexFormat === 'packed' && snapshot.indexVersion === SEARCH_INDEX_VERSION && snapshot.tableVersion === TABLE_VERSION) {
      entries = await tx.objectStore('journal').getAll(IDBKeyRange.lowerBound(snapshot.seq, true));
      const touched = entries.reduce((sum, entry) => sum + entry.added.length + entry.removed.length, 0);
      if (touched > Math.max(REPLAY_LIMIT, snapshot.excerpts / 2)) entries = undefined;
    }
    if (snapshot && entries) {
      const wanted = [...new Set(entries.flatMap((entry) => entry.added))];
      const excerptStore = tx.objectStore('excerpts');
      const found = await Promise.all(wanted.map((id) => excerptStore.get(id)));
      await tx.done;
      const replay = new Map(found.filter((record): record is ExcerptRecord => record !== undefined).map((record) => [record.id, record]));
      const loaded = snapshot.indexFormat === 'packed' ? SearchEngine.fromSnapshot(snapshot, titles, names) : undefined;
      if (loaded) {
        for (const entry of entries) {
          // Read back as they are now: a later entry may have replaced or removed them again.
          loaded.applyExcerpts(entry.removed, entry.added.map((id) => replay.get(id)).filter((record): record is ExcerptRecord => record !== undefined));
          loaded.appliedSeq = entry.seq as number;
        }
        loaded.changesSinceSnapshot = entries.length;
        return { engine: loaded, rebuilt: false };
      }
      return { engine: await SearchEngine.rebuild(db, titles, names), rebuilt: true };
    }
    const records = await tx.objectStore('excerpts').getAll();
    const last = await tx.objectStore('journal').openKeyCursor(null, 'prev');
    const seq = last ? last.key : 0;
    await tx.done;
    return { engine: SearchEngine.build(records, titles, names, seq), rebuilt: true };
  }

  private static fromSnapshot(snapshot: IndexSnapshot & { indexFormat: 'packed' }, titles: Map<string, string>, names: EntityNames): SearchEngine | undefined {
    try {
      const index = unpackIndex(snapshot.index, SEARCH_INDEX_OPTIONS);
      return new SearchEngine(index, ExcerptTable.deserialize(snapshot.table), titles, names, snapshot.seq, snapshot.seq);
    } catch {
      return undefined; // unreadable: rebuilt from the store
    }
  }

  private static async rebuild(db: CorpusDb, titles: Map<string, string>, names: EntityNames): Promise<SearchEngine> {
    const tx = db.transaction(['excerpts', 'journal'], 'readonly');
    const records = await tx.objectStore('excerpts').getAll();
    const last = await tx.objectStore('journal').openKeyCursor(null, 'prev');
    await tx.done;
    return SearchEngine.build(records, titles, names, last ? last.key : 0);
  }

  private static build(records: readonly ExcerptRecord[], titles: Map<string, string>, names: EntityNames, seq: number): SearchEngine {
    const index = createSearchIndex();
    const table = new ExcerptTable();
    index.addAll(records.map((record) => searchDocument(record, titles.get(record.sourceId) ?? '')));
    for (const record of records) table.add(record);
    return new SearchEngine(index, table, titles, names, seq, -1);
  }

  get documentCount(): number {
    return this.index.documentCount;
  }

  /** Apply a committed write. Returns false when the change does not follow the last one applied. */
  /** The names query words are looked up in, after the reader's tracked names changed. */
  useEntityNames(names: EntityNames): void {
    this.names = names;
  }

  apply(change: CommittedChange): boolean {
    if (change.seq !== this.appliedSeq + 1) return false;
    for (const id of change.sourcesDeleted) this.titles.delete(id);
    for (const source of change.sourcesPut) this.titles.set(source.id, source.title);
    this.applyExcerpts(change.removed, change.added);
    this.appliedSeq = change.seq;
    this.changesSinceSnapshot++;
    return true;
  }

  private applyExcerpts(removed: Iterable<string>, added: Iterable<ExcerptRecord>): void {
    for (const id of removed) this.removeExcerpt(id);
    for (const record of added) {
      this.removeExcerpt(record.id);
      this.index.add(searchDocument(record, this.titles.get(record.sourceId) ?? ''));
      const row = this.table.add(record);
      this.link(row, shortIdOf(this.index, record.id) as number);
    }
    if (this.table.wantsCompaction()) {
      this.table.compact();
      this.relink();
    }
  }

  private removeExcerpt(id: string): void {
    if (this.index.has(id)) {
      const doc = shortIdOf(this.index, id);
      if (doc !== undefined && doc < this.rowOfDoc.length) this.rowOfDoc[doc] = -1;
      this.index.discard(id);
    }
    this.table.remove(id);
  }

  private link(row: number, doc: number): void {
    this.docOfRow = growInt32(this.docOfRow, row + 1, -1);
    this.rowOfDoc = growInt32(this.rowOfDoc, doc + 1, -1);
    this.docOfRow[row] = doc;
    this.rowOfDoc[doc] = row;
  }

  /** After the table was renumbered: rebuild the row ↔ document links. */
  private relink(): void {
    this.docOfRow = new Int32Array(0);
    this.rowOfDoc = new Int32Array(0);
    for (const [doc, id] of indexedDocuments(this.index)) {
      const row = this.table.rowOf(id);
      if (row !== undefined) this.link(row, doc);
    }
  }

  /**
   * Full-text search: every word must match the text or title (prefix and fuzzy) or name an entity
   * the excerpt is tagged with. Filters: all of `entityIds`, any of `sourceIds`, dates within
   * [from, to]. Best first; an empty query lists the filtered excerpts newest first.
   */
  search(query: string, filters: SearchFilters, limit: number): EngineHits {
    const terms = searchTerms(query);
    const keep = this.filterRows(filters);
    const table = this.table;
    let candidates: ScoredRows;
    const matched = new Map<number, MatchInfo>();
    if (terms.length === 0) {
      const first = filters.entityIds?.[0];
      const rows = first === undefined ? table.aliveRows() : table.rowsWithEntity(first);
      candidates = { rows: new Int32Array(rows.length), scores: new Float64Array(rows.length), count: 0 };
      for (const row of rows) {
        if (keep && !keep(row)) continue;
        candidates.rows[candidates.count] = row;
        candidates.scores[candidates.count++] = table.dayOf(row);
      }
      const groups = bestGroups(table, candidates, limit);
      for (const group of groups) group.score = 0;
      return { groups, total: countClusters(table, candidates.rows, candidates.count), matched };
    }
    const plan = this.scorer.plan(searchQueryTerms(terms, this.names));
    const rowOfDoc = this.rowOfDoc;
    const matches = this.scorer.matchAll(
      plan,
      keep ? (doc) => doc < rowOfDoc.length && (rowOfDoc[doc] as number) >= 0 && keep(rowOfDoc[doc] as number) : undefined,
      filters.entityIds?.length ? this.docsWithEntity(filters.entityIds[0] as string) : undefined,
    );
    candidates = { rows: new Int32Array(matches.count), scores: matches.scores, count: 0 };
    for (let i = 0; i < matches.count; i++) {
      const row = rowOfDoc[matches.docs[i] as number] ?? -1;
      if (row < 0) continue;
      candidates.rows[candidates.count] = row;
      candidates.scores[candidates.count++] = matches.scores[i] as number;
    }
    const groups = bestGroups(table, candidates, limit);
    for (const group of groups) matched.set(group.row, this.scorer.matchedIn(this.docOfRow[group.row] as number, plan, 'text'));
    return { groups, total: countClusters(table, candidates.rows, candidates.count), matched };
  }

  /** The documents of one entity's excerpts, as flags by document number (reused between searches). */
  private docsWithEntity(entityId: string): Uint8Array {
    if (this.allowed.length < this.rowOfDoc.length) this.allowed = new Uint8Array(this.rowOfDoc.length);
    else this.allowed.fill(0);
    for (const row of this.table.rowsWithEntity(entityId)) {
      const doc = this.docOfRow[row] ?? -1;
      if (doc >= 0) this.allowed[doc] = 1;
    }
    return this.allowed;
  }

  private filterRows(filters: SearchFilters): ((row: number) => boolean) | undefined {
    const table = this.table;
    const entities = filters.entityIds?.map((id) => table.entityIndex(id));
    if (entities?.some((index) => index === undefined)) return () => false;
    const sources = filters.sourceIds ? new Set(filters.sourceIds.map((id) => table.sourceIndex(id)).filter((index) => index !== undefined)) : undefined;
    const from = filters.from ? dayNumber(filters.from) : undefined;
    const to = filters.to ? dayNumber(filters.to) : undefined;
    if (!entities?.length && !sources && from === undefined && to === undefined) return undefined;
    return (row) => {
      if (!table.isAlive(row)) return false;
      const day = table.dayOf(row);
      if (from !== undefined && day < from) return false;
      if (to !== undefined && day > to) return false;
      if (sources && !sources.has(table.sourceIndexOf(row))) return false;
      if (entities) for (const entity of entities) if (!table.hasEntity(row, entity as number)) return false;
      return true;
    };
  }

  /** Problems between this engine and the stored excerpts (none when they agree). */
  verify(excerpts: readonly ExcerptRecord[]): string[] {
    const problems: string[] = [];
    for (const excerpt of excerpts) {
      const row = this.table.rowOf(excerpt.id);
      if (row === undefined) problems.push(`excerpt ${excerpt.id} is stored but not in the search table`);
      if (!this.index.has(excerpt.id)) problems.push(`excerpt ${excerpt.id} is stored but not in the search index`);
      else if (row !== undefined) {
        const doc = shortIdOf(this.index, excerpt.id) as number;
        if (this.docOfRow[row] !== doc || this.rowOfDoc[doc] !== row) problems.push(`excerpt ${excerpt.id}: table row and index document are not linked`);
      }
    }
    if (this.table.count !== excerpts.length) problems.push(`the search table has ${this.table.count} excerpts, the store ${excerpts.length}`);
    if (this.index.documentCount !== excerpts.length) problems.push(`the search index has ${this.index.documentCount} excerpts, the store ${excerpts.length}`);
    return problems;
  }
}
