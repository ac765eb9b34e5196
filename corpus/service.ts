/**
 * The corpus service: what the background answers every context with. It owns the IndexedDB store
 * (lib/corpus-db.ts), the MiniSearch index (core/search-index.ts) and the ranking table
 * (core/excerpt-table.ts), and keeps them consistent. Method names follow the protocol's request
 * types one to one (`excerpts-for` → `excerptsFor`, …).
 *
 * ## Writes are atomic
 * Every write (add a page, delete or restore a source, import a file, install the bundled corpus)
 * is ONE readwrite transaction over `sources`, `excerpts` and `journal`: the records and a journal
 * entry saying which excerpt ids were removed and added. Either all of it commits or none of it
 * does; a service worker stopped mid-way aborts the transaction and leaves the previous state.
 * Errors come back as `BackstoryError` (`quota` when the browser is out of room).
 *
 * ## The index follows the journal
 * After a commit the in-memory index and table are updated incrementally (discard/add of the
 * touched excerpts only). Every `snapshotEvery` commits, or `snapshotDelayMs` after the last one,
 * the index and the ranking table are written to `snapshot` together with the last applied
 * journal seq, and the journal entries up to it are deleted, in one transaction. On open, the
 * snapshot is loaded and the journal entries after its seq are replayed, reading their excerpts
 * back from the store. So a worker stopped after a commit but before the snapshot loses nothing,
 * and a cold start never re-indexes the corpus. Only a missing or outdated snapshot (first start
 * after a migration, an index format change) rebuilds the index from the store, once.
 *
 * The index is snapshotted packed into typed arrays and searched by scoring MiniSearch's postings
 * directly (core/search-postings.ts): at 100k excerpts `toJSON`/`loadJS` took 6 s to wake and
 * `MiniSearch#search` 300+ ms for a common word. If MiniSearch's internals ever differ, or with
 * `directScoring: false`, the service uses `toJSON()` (a plain object), `loadJS` and `search`.
 *
 * Writes are queued one at a time. If another connection to the same database committed in between
 * (the journal seq jumps), the index is reloaded from snapshot and journal before going on.
 *
 * ## Bundled corpus
 * Installed on first open and replaced when its checksum differs from the one recorded in `meta`
 * (an extension update). Only sources of origin `bundled` are touched; the reader's pages never are.
 *
 * No Node API here: the service is bundled into the background and runs in a browser page too.
 */
import type { IDBPTransaction } from 'idb';
import type MiniSearch from 'minisearch';
import { exportFileName, exportLines, parseCorpusJsonl, canonicalJson, validateExcerpt, validateSource } from '../core/corpus-export';
import { ExcerptTable, type SerializedTable, TABLE_VERSION, dayNumber, monthOfDay } from '../core/excerpt-table';
import type { Gazetteer } from '../core/gazetteer';
import { normaliseUrl, pageRecords } from '../core/page-records';
import {
  type AddPageResult,
  BackstoryError,
  type CorpusStats,
  type DeletedSource,
  type EntityTimeline,
  type ExcerptView,
  type ExportScope,
  type ExtractedPage,
  type ImportResult,
  type PageContextInfo,
  type SearchFilters,
  type SearchResult,
  type SourceSummary,
} from '../core/protocol';
import {
  type PageSignals,
  type RankedGroup,
  type ScoredRows,
  bestGroups,
  collapseDuplicates,
  countClusters,
  pageEntityWeights,
  rankRows,
} from '../core/ranking';
import type { CorpusFile, ExcerptRecord, SourceRecord } from '../core/schema';
import {
  EntityNames,
  SEARCH_INDEX_OPTIONS,
  SEARCH_INDEX_VERSION,
  type SearchDocument,
  buildSearchQuery,
  createSearchIndex,
  loadSearchIndex,
  matchRanges,
  searchDocument,
  searchQueryTerms,
  searchTerms,
} from '../core/search-index';
import {
  type PackedIndex,
  PostingsScorer,
  hasPostingsAccess,
  indexedDocuments,
  packIndex,
  shortIdOf,
  unpackIndex,
} from '../core/search-postings';
import { type Spotter, compileSpotter } from '../core/spotter';
import {
  type CorpusDb,
  type CorpusSchema,
  type IndexSnapshot,
  type JournalEntry,
  type JournalOp,
  SNAPSHOT_KEY,
  openCorpusDb,
} from './corpus-db';

export interface CorpusServiceOptions {
  /** `indexedDB` in the background; fake-indexeddb in tests. */
  indexedDB: IDBFactory;
  gazetteer: Gazetteer;
  bundled: CorpusFile;
  now?: () => Date;
  /** Database name (tests and benchmarks use their own). */
  name?: string;
  /** Write the index snapshot after this many commits (default 25). */
  snapshotEvery?: number;
  /** …or this many ms after the last commit (default 4000; `Infinity`: only on `flush()`). */
  snapshotDelayMs?: number;
  /** The storage the browser reports as used, for `stats()` (navigator.storage.estimate). */
  estimateUsage?: () => Promise<number | undefined>;
  /**
   * Score and snapshot MiniSearch's postings directly (default true; core/search-postings.ts).
   * False, or a MiniSearch whose internals differ, uses `MiniSearch#search` and `toJSON`/`loadJS`.
   */
  directScoring?: boolean;
}

export interface ImportProgress {
  phase: 'checking' | 'writing' | 'indexing';
  done: number;
  total: number;
}

export const DEFAULT_EXCERPT_LIMIT = 5;
export const DEFAULT_PAGE_LIMIT = 10;
export const DEFAULT_SEARCH_LIMIT = 20;
/** Page entities whose excerpts are candidates for `pageExcerpts`. */
const PAGE_EXCERPT_ENTITIES = 8;
const RECORD_CACHE_SIZE = 2000;
const TITLE_CACHE_SIZE = 16;

const QUOTA_MESSAGE =
  'The browser has no room left for Backstory’s corpus, so nothing was written. Free some disk space or ' +
  'delete pages you no longer need; everything already stored is intact.';

/** A reason as a sentence: capitalised, ending in a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital}.`;
}

/** A stored-data error as a typed protocol error. */
function storageError(error: unknown, transactionError?: DOMException | null): BackstoryError {
  if (error instanceof BackstoryError) return error;
  const names = [error instanceof Error || error instanceof DOMException ? error.name : '', transactionError?.name ?? ''];
  const text = error instanceof Error ? error.message : String(error);
  if (names.includes('QuotaExceededError') || /quota/iu.test(text)) {
    return new BackstoryError({ code: 'quota', message: QUOTA_MESSAGE });
  }
  return new BackstoryError({
    code: 'internal',
    message: `The corpus could not be written (${names[0] || 'error'}: ${text.slice(0, 200)}); nothing was changed.`,
  });
}

function summary(source: SourceRecord): SourceSummary {
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
  return view;
}

class Lru<K, V> {
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
  delete(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

/** What one write transaction did, for the journal and the in-memory index. */
interface WriteOutcome<T> {
  result: T;
  removed: string[];
  added: ExcerptRecord[];
  sourcesPut: SourceRecord[];
  sourcesDeleted: string[];
  /** Nothing changed: no journal entry. */
  noop?: boolean;
}

type WriteTransaction = IDBPTransaction<CorpusSchema, ('sources' | 'excerpts' | 'journal' | 'meta')[], 'readwrite'>;

/**
 * Mark a request's promise as handled: when a transaction aborts, every pending request rejects,
 * and the first failure is what we report (through Promise.all or tx.done), not each of them.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export class CorpusService {
  private index: MiniSearch<SearchDocument> = createSearchIndex();
  private table = new ExcerptTable();
  private sources = new Map<string, SourceRecord>();
  /** Normalised URL → source ids with that URL. */
  private sourcesByUrl = new Map<string, Set<string>>();
  private appliedSeq = 0;
  private snapshotSeq = 0;
  private changesSinceSnapshot = 0;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly records = new Lru<string, ExcerptRecord>(RECORD_CACHE_SIZE);
  private readonly titleCache = new Lru<string, Map<number, number>>(TITLE_CACHE_SIZE);
  /** Direct scoring of MiniSearch's postings, when its internals are as expected (see core/search-postings.ts). */
  private scorer: PostingsScorer | undefined;
  /** Table row ↔ MiniSearch document number (−1: none). */
  private docOfRow = new Int32Array(0);
  private rowOfDoc = new Int32Array(0);
  private readonly entityNames: EntityNames;
  private compiledSpotter: Spotter | undefined;
  private closed = false;
  private closedReason = 'The corpus is closed.';
  private readonly now: () => Date;
  private readonly snapshotEvery: number;
  private readonly snapshotDelayMs: number;
  /** The last snapshot write that failed (kept for diagnostics; the journal still holds the data). */
  lastSnapshotError: string | undefined;

  private constructor(
    private readonly db: CorpusDb,
    private readonly options: CorpusServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.snapshotEvery = options.snapshotEvery ?? 25;
    this.snapshotDelayMs = options.snapshotDelayMs ?? 4000;
    this.entityNames = new EntityNames(options.gazetteer);
    this.relinkRows();
  }

  /** Open the store (creating or migrating it), load the index, install the bundled corpus. */
  static async open(options: CorpusServiceOptions): Promise<CorpusService> {
    let opened: CorpusService | undefined;
    const db = await openCorpusDb(options.indexedDB, {
      name: options.name,
      now: options.now,
      // A newer Backstory (after an update) wants to upgrade the database: let it.
      onVersionChange: () => opened?.stop('Backstory was updated and is upgrading its corpus; try again in a moment.'),
    });
    const service = new CorpusService(db, options);
    opened = service;
    try {
      const rebuilt = await service.loadIndex();
      const installed = await service.installBundled();
      // First run, update or migration: start from a snapshot so the next wake only replays a journal.
      if (rebuilt || installed) await service.exclusive(() => service.writeSnapshot());
    } catch (error) {
      db.close();
      throw error;
    }
    return service;
  }

  // ───────────────────────────── reading ─────────────────────────────

  /** Excerpts tagged with the entity, ranked for the page being read (core/ranking.ts). */
  async excerptsFor(entityId: string, page?: PageContextInfo, limit = DEFAULT_EXCERPT_LIMIT): Promise<{ excerpts: ExcerptView[]; total: number }> {
    this.assertOpen();
    const rows = this.table.rowsWithEntity(entityId);
    if (rows.length === 0) return { excerpts: [], total: 0 };
    const signals = this.pageSignals(page, rows, entityId);
    const { groups, total } = rankRows(this.table, rows, signals, limit);
    return { excerpts: await this.views(groups), total };
  }

  /** Excerpts about the page as a whole: tagged with its main entities, ranked like `excerptsFor`. */
  async pageExcerpts(page: PageContextInfo, limit = DEFAULT_PAGE_LIMIT): Promise<ExcerptView[]> {
    this.assertOpen();
    const candidates = new Set<number>();
    for (const entityId of page.entityIds.slice(0, PAGE_EXCERPT_ENTITIES)) {
      for (const row of this.table.rowsWithEntity(entityId)) candidates.add(row);
    }
    if (candidates.size === 0) return [];
    const rows = [...candidates];
    const { groups } = rankRows(this.table, rows, this.pageSignals(page, rows), limit);
    return this.views(groups);
  }

  /**
   * Full-text search for the side panel: every word must match the text or title (prefix and
   * fuzzy) or name an entity the excerpt is tagged with. Filters: all of `entityIds`, any of
   * `sourceIds`, dates within [from, to]. Results best first; an empty query lists the filtered
   * excerpts newest first.
   */
  async search(query: string, filters: SearchFilters = {}, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchResult> {
    this.assertOpen();
    const started = performance.now();
    const terms = searchTerms(query);
    const keep = this.filterRows(filters);
    const table = this.table;
    let candidates: ScoredRows;
    let matchOf: ((row: number) => { terms: Set<string>; entities: Set<string> }) | undefined;
    if (terms.length === 0) {
      const first = filters.entityIds?.[0];
      const rows = first === undefined ? table.aliveRows() : table.rowsWithEntity(first);
      candidates = { rows: new Int32Array(rows.length), scores: new Float64Array(rows.length), count: 0 };
      for (const row of rows) {
        if (keep && !keep(row)) continue;
        candidates.rows[candidates.count] = row;
        candidates.scores[candidates.count++] = table.dayOf(row);
      }
    } else if (this.scorer) {
      const scorer = this.scorer;
      const plan = scorer.plan(searchQueryTerms(terms, this.entityNames));
      const rowOfDoc = this.rowOfDoc;
      const matches = scorer.matchAll(plan, keep ? (doc) => doc < rowOfDoc.length && (rowOfDoc[doc] as number) >= 0 && keep(rowOfDoc[doc] as number) : undefined);
      candidates = { rows: new Int32Array(matches.count), scores: matches.scores, count: 0 };
      for (let i = 0; i < matches.count; i++) {
        const row = rowOfDoc[matches.docs[i] as number] ?? -1;
        if (row < 0) continue;
        candidates.rows[candidates.count] = row;
        candidates.scores[candidates.count++] = matches.scores[i] as number;
      }
      matchOf = (row) => scorer.matchedIn(this.docOfRow[row] as number, plan, 'text');
    } else {
      const results = this.index.search(buildSearchQuery(terms, this.entityNames), keep
        ? { filter: (result) => { const row = table.rowOf(result.id as string); return row !== undefined && keep(row); } }
        : {});
      candidates = { rows: new Int32Array(results.length), scores: new Float64Array(results.length), count: 0 };
      const byRow = new Map<number, (typeof results)[number]>();
      for (const result of results) {
        const row = table.rowOf(result.id as string);
        if (row === undefined) continue;
        candidates.rows[candidates.count] = row;
        candidates.scores[candidates.count++] = result.score;
        byRow.set(row, result);
      }
      matchOf = (row) => {
        const info = { terms: new Set<string>(), entities: new Set<string>() };
        for (const [term, fields] of Object.entries(byRow.get(row)?.match ?? {})) {
          if (fields.includes('text')) info.terms.add(term);
          if (fields.includes('entities')) info.entities.add(term);
        }
        return info;
      };
    }
    const total = countClusters(table, candidates.rows, candidates.count);
    const groups = bestGroups(table, candidates, limit);
    const matched = new Map<number, { terms: Set<string>; entities: Set<string> }>();
    if (matchOf) for (const group of groups) matched.set(group.row, matchOf(group.row));
    const hits = await this.views(groups, matched);
    if (terms.length === 0) for (const hit of hits) hit.score = 0;
    return { hits, total, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  /** Monthly counts and every excerpt about the entity, oldest first (near-duplicates collapsed). */
  async entityTimeline(entityId: string): Promise<EntityTimeline> {
    this.assertOpen();
    const rows = this.table.rowsWithEntity(entityId);
    if (rows.length === 0) return { entityId, buckets: [], excerpts: [] };
    rows.sort((a, b) => this.table.dayOf(a) - this.table.dayOf(b) || a - b);
    const groups = collapseDuplicates(this.table, rows.map((row) => ({ row, score: 0 })), rows.length);
    // Many excerpts: one index read instead of one request each.
    const preloaded = groups.length > 64
      ? new Map((await this.db.getAllFromIndex('excerpts', 'by-entity', entityId)).map((record) => [record.id, record]))
      : undefined;
    const excerpts = await this.views(groups, undefined, preloaded);
    excerpts.sort((a, b) => dayNumber(a.excerpt.date) - dayNumber(b.excerpt.date) ||
      a.excerpt.date.localeCompare(b.excerpt.date) || a.source.id.localeCompare(b.source.id) ||
      a.excerpt.position - b.excerpt.position);
    const counts = new Map<string, number>();
    for (const view of excerpts) {
      const month = monthOfDay(dayNumber(view.excerpt.date));
      counts.set(month, (counts.get(month) ?? 0) + 1);
    }
    const buckets = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
    return { entityId, buckets, excerpts };
  }

  /** Every source, newest first. */
  async listSources(): Promise<SourceRecord[]> {
    this.assertOpen();
    return [...this.sources.values()].sort((a, b) => dayNumber(b.date) - dayNumber(a.date) || b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  }

  async stats(): Promise<CorpusStats> {
    this.assertOpen();
    let readerSources = 0;
    for (const source of this.sources.values()) if (source.origin === 'reader') readerSources++;
    const stats: CorpusStats = {
      sources: this.sources.size,
      excerpts: this.table.count,
      readerSources,
      entitiesTagged: this.table.taggedEntityCount(),
    };
    const usage = await this.options.estimateUsage?.().catch(() => undefined);
    if (usage !== undefined) stats.usageBytes = usage;
    return stats;
  }

  /** Number of excerpts tagged with each entity id (entities without excerpts are left out). */
  entityCounts(): Record<string, number> {
    this.assertOpen();
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (let index = 0; index < this.table.entityIndexCount; index++) {
      const id = this.table.entityId(index);
      const count = this.table.countWithEntity(id);
      if (count > 0) counts[id] = count;
    }
    return counts;
  }

  /** The reader's pages (or everything) as a JSON Lines export file (core/corpus-export.ts). */
  async exportJsonl(scope: ExportScope): Promise<{ text: string; lines: number; fileName: string }> {
    this.assertOpen();
    const chosen = [...this.sources.values()]
      .filter((source) => scope === 'all' || source.origin === 'reader')
      .sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'bundled' ? -1 : 1) || a.id.localeCompare(b.id));
    const tx = this.db.transaction('excerpts', 'readonly');
    const bySource = tx.store.index('by-source');
    const excerptLists = await Promise.all(chosen.map((source) => bySource.getAll(source.id)));
    await tx.done;
    const entries = chosen.map((source, index) => ({ source, excerpts: excerptLists[index] as ExcerptRecord[] }));
    const exportedAt = this.now();
    const lines = [...exportLines(scope, entries, exportedAt)];
    return { text: `${lines.join('\n')}\n`, lines: lines.length, fileName: exportFileName(scope, exportedAt) };
  }

  // ───────────────────────────── writing ─────────────────────────────

  /**
   * Split, tag and store a page the reader adds. The same URL again replaces the earlier version
   * (keeping when it was first added). A page that does not look like an article is refused
   * (`not-article`) unless `force`; a page without usable text is refused (`no-content`).
   */
  async addPage(page: ExtractedPage, options: { force?: boolean } = {}): Promise<AddPageResult> {
    this.assertOpen();
    if (!page.article.isArticle && !options.force) {
      throw new BackstoryError({
        code: 'not-article',
        message: `${sentence(page.article.reason ?? 'This page does not look like an article')} You can add it anyway.`,
      });
    }
    const records = pageRecords(page, this.spotter(), this.now());
    if (records.excerpts.length === 0) {
      throw new BackstoryError({
        code: 'no-content',
        message: 'This page has no passage of text long enough to keep as an excerpt, so nothing was added.',
      });
    }
    return this.replaceSource('add-page', records.source, records.excerpts, true);
  }

  /** Delete a source and its excerpts; returns them so that the reader can undo. */
  async deleteSource(sourceId: string): Promise<DeletedSource> {
    this.assertOpen();
    return this.write('delete-source', async (tx) => {
      const source = await tx.objectStore('sources').get(sourceId);
      if (!source) throw new BackstoryError({ code: 'not-found', message: 'That page is not in the corpus (it may have been deleted already).' });
      const excerpts = await tx.objectStore('excerpts').index('by-source').getAll(sourceId);
      const excerptStore = tx.objectStore('excerpts');
      await Promise.all([
        ...excerpts.map((excerpt) => quiet(excerptStore.delete(excerpt.id))),
        quiet(tx.objectStore('sources').delete(sourceId)),
      ]);
      excerpts.sort((a, b) => a.position - b.position);
      return {
        result: { source, excerpts },
        removed: excerpts.map((excerpt) => excerpt.id),
        added: [],
        sourcesPut: [],
        sourcesDeleted: [sourceId],
      };
    });
  }

  /** Put back a deleted source (undo). Records are checked like an import's. */
  async restoreSource(source: SourceRecord, excerpts: ExcerptRecord[]): Promise<AddPageResult> {
    this.assertOpen();
    const checkedSource = validateSource(source);
    if (typeof checkedSource === 'string') throw new BackstoryError({ code: 'bad-request', message: `Cannot restore: ${checkedSource}.` });
    const checked: ExcerptRecord[] = [];
    for (const excerpt of excerpts) {
      const record = validateExcerpt(excerpt);
      if (typeof record === 'string') throw new BackstoryError({ code: 'bad-request', message: `Cannot restore: ${record}.` });
      if (record.sourceId !== checkedSource.id) {
        throw new BackstoryError({ code: 'bad-request', message: `Cannot restore: excerpt "${record.id}" belongs to another source.` });
      }
      checked.push(record);
    }
    checkedSource.excerptCount = checked.length;
    return this.replaceSource('restore-source', checkedSource, checked, false);
  }

  /**
   * Import an export file. Every line is checked first; a bad file is refused (`invalid-file`,
   * naming the line) and nothing is written. Then all sources are written in one transaction:
   * sources already present and identical are left alone (importing twice changes nothing), other
   * reader sources are replaced. Bundled sources in the file are never written over this
   * version's bundled corpus; they count as unchanged when identical, as skipped otherwise.
   */
  async importJsonl(text: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportResult> {
    this.assertOpen();
    const parsed = parseCorpusJsonl(text, (progress) => onProgress?.({ phase: 'checking', done: progress.line, total: progress.lines }));
    if (!parsed.ok) {
      throw new BackstoryError({ code: 'invalid-file', message: `${parsed.message} Nothing was imported.` });
    }
    const entries = parsed.corpus.sources;
    return this.write('import', async (tx) => {
      const sourceStore = tx.objectStore('sources');
      const excerptStore = tx.objectStore('excerpts');
      const bySource = excerptStore.index('by-source');
      const outcome: WriteOutcome<ImportResult> = {
        result: { sources: 0, excerpts: 0, unchanged: 0 },
        removed: [],
        added: [],
        sourcesPut: [],
        sourcesDeleted: [],
      };
      let skipped = 0;
      let done = 0;
      for (const { source, excerpts } of entries) {
        const [existing, existingExcerpts] = await Promise.all([quiet(sourceStore.get(source.id)), quiet(bySource.getAll(source.id))]);
        done++;
        if (onProgress && done % 50 === 0) onProgress({ phase: 'writing', done, total: entries.length });
        if (existing && sameSource(existing, existingExcerpts, source, excerpts)) {
          outcome.result.unchanged++;
          continue;
        }
        if (source.origin === 'bundled' || existing?.origin === 'bundled') {
          skipped++;
          continue;
        }
        const keep = new Set(excerpts.map((excerpt) => excerpt.id));
        const requests: Promise<unknown>[] = [quiet(sourceStore.put(source))];
        for (const old of existingExcerpts) if (!keep.has(old.id)) requests.push(quiet(excerptStore.delete(old.id)));
        for (const excerpt of excerpts) requests.push(quiet(excerptStore.put(excerpt)));
        await Promise.all(requests);
        outcome.removed.push(...existingExcerpts.map((excerpt) => excerpt.id));
        outcome.added.push(...excerpts);
        outcome.sourcesPut.push(source);
        outcome.result.sources++;
        outcome.result.excerpts += excerpts.length;
      }
      if (skipped) outcome.result.skipped = skipped;
      outcome.noop = outcome.sourcesPut.length === 0;
      onProgress?.({ phase: 'writing', done: entries.length, total: entries.length });
      return outcome;
    }, onProgress);
  }

  /** Write the index snapshot now (and drop the journal it covers). */
  async flush(): Promise<void> {
    this.assertOpen();
    await this.exclusive(() => this.writeSnapshot());
  }

  /** False once closed, or once a newer Backstory asked for the database (open a new service then). */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Close the database. No snapshot is written: the journal covers whatever is not in one. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.snapshotTimer !== undefined) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    this.db.close();
  }

  /** Figures for tests and benchmarks: the journal position and index size. */
  diagnostics(): { appliedSeq: number; snapshotSeq: number; indexedDocuments: number; tableRows: number; directScoring: boolean } {
    return {
      appliedSeq: this.appliedSeq,
      snapshotSeq: this.snapshotSeq,
      indexedDocuments: this.index.documentCount,
      tableRows: this.table.count,
      directScoring: this.scorer !== undefined,
    };
  }

  /**
   * Compare the store with the in-memory index, table and source list. Returns the problems found:
   * none when every stored excerpt is indexed as stored, nothing else is, and every excerpt has
   * its source.
   */
  async verify(): Promise<string[]> {
    this.assertOpen();
    const tx = this.db.transaction(['sources', 'excerpts'], 'readonly');
    const [sources, excerpts] = await Promise.all([tx.objectStore('sources').getAll(), tx.objectStore('excerpts').getAll()]);
    await tx.done;
    const problems: string[] = [];
    const perSource = new Map<string, number>();
    for (const excerpt of excerpts) {
      perSource.set(excerpt.sourceId, (perSource.get(excerpt.sourceId) ?? 0) + 1);
      const row = this.table.rowOf(excerpt.id);
      if (row === undefined) problems.push(`excerpt ${excerpt.id} is stored but not in the ranking table`);
      else {
        const tagged = [...this.table.entitiesOf(row)].map((index) => this.table.entityId(index)).sort();
        if (tagged.join(' ') !== [...excerpt.entityIds].sort().join(' ')) problems.push(`excerpt ${excerpt.id} has stale entity tags in the table`);
        if (this.table.sourceIdOf(row) !== excerpt.sourceId) problems.push(`excerpt ${excerpt.id} has a stale source in the table`);
      }
      if (!this.index.has(excerpt.id)) problems.push(`excerpt ${excerpt.id} is stored but not in the search index`);
      else if (this.scorer && row !== undefined) {
        const doc = shortIdOf(this.index, excerpt.id) as number;
        if (this.docOfRow[row] !== doc || this.rowOfDoc[doc] !== row) problems.push(`excerpt ${excerpt.id}: table row and index document are not linked`);
      }
    }
    if (this.table.count !== excerpts.length) problems.push(`the table has ${this.table.count} excerpts, the store ${excerpts.length}`);
    if (this.index.documentCount !== excerpts.length) problems.push(`the index has ${this.index.documentCount} excerpts, the store ${excerpts.length}`);
    const stored = new Set(sources.map((source) => source.id));
    for (const source of sources) {
      if ((perSource.get(source.id) ?? 0) !== source.excerptCount) {
        problems.push(`source ${source.id} says ${source.excerptCount} excerpts, the store has ${perSource.get(source.id) ?? 0}`);
      }
      if (!this.sources.has(source.id)) problems.push(`source ${source.id} is stored but not listed`);
    }
    for (const sourceId of perSource.keys()) if (!stored.has(sourceId)) problems.push(`excerpts of a missing source ${sourceId}`);
    if (this.sources.size !== sources.length) problems.push(`${this.sources.size} sources listed, ${sources.length} stored`);
    return problems;
  }

  /** The serialised index, as the snapshot stores it (for size measurements). */
  serialisedIndex(): { packed: PackedIndex | undefined; json: () => ReturnType<MiniSearch<SearchDocument>['toJSON']>; table: SerializedTable } {
    return {
      packed: this.scorer ? packIndex(this.index) : undefined,
      json: () => this.index.toJSON(),
      table: this.table.serialize(),
    };
  }

  // ───────────────────────────── internals: reading ─────────────────────────────

  private assertOpen(): void {
    if (this.closed) throw new BackstoryError({ code: 'internal', message: this.closedReason });
  }

  /** Stop answering (the database connection is being closed under us). */
  private stop(reason: string): void {
    this.closedReason = reason;
    this.close();
  }

  private spotter(): Spotter {
    this.compiledSpotter ??= compileSpotter(this.options.gazetteer);
    return this.compiledSpotter;
  }

  private pageSignals(page: PageContextInfo | undefined, candidates: readonly number[], targetEntityId?: string): PageSignals {
    const signals: PageSignals = {
      entityWeights: page ? pageEntityWeights(this.table, page.entityIds) : new Map(),
      nowDay: dayNumber(this.now().toISOString()),
    };
    const target = targetEntityId === undefined ? undefined : this.table.entityIndex(targetEntityId);
    if (target !== undefined) signals.targetEntity = target;
    if (page?.date) signals.pageDay = dayNumber(page.date);
    if (page?.title) {
      const titleScore = this.titleScorer(page.title, candidates);
      if (titleScore) signals.titleScore = titleScore;
    }
    if (page?.url) {
      const same = this.sourcesByUrl.get(normaliseUrl(page.url));
      if (same) {
        const exclude = new Set<number>();
        for (const id of same) {
          const index = this.table.sourceIndex(id);
          if (index !== undefined) exclude.add(index);
        }
        signals.excludeSources = exclude;
      }
    }
    return signals;
  }

  /**
   * BM25 relevance of the candidates to the words of a page title, as `titleScore(row, index)`.
   * With direct access to the postings only the candidates are scored; otherwise MiniSearch scores
   * the whole corpus once per title (cached until the next change).
   */
  private titleScorer(title: string, candidates: readonly number[]): PageSignals['titleScore'] {
    const terms = [...new Set(searchTerms(title))].slice(0, 24);
    if (terms.length === 0) return undefined;
    if (this.scorer) {
      const docs = new Int32Array(candidates.length);
      candidates.forEach((row, index) => {
        docs[index] = this.docOfRow[row] ?? -1;
      });
      const scores = this.scorer.scoreCandidates(terms, 'text', docs);
      return (_row, index) => scores[index] ?? 0;
    }
    let scores = this.titleCache.get(title);
    if (!scores) {
      scores = new Map<number, number>();
      for (const result of this.index.search({ combineWith: 'OR', queries: terms }, { fields: ['text'], prefix: false, fuzzy: false })) {
        const row = this.table.rowOf(result.id as string);
        if (row !== undefined) scores.set(row, result.score);
      }
      this.titleCache.set(title, scores);
    }
    const byRow = scores;
    return byRow.size ? (row) => byRow.get(row) ?? 0 : undefined;
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

  /** Records for excerpt ids: from the cache, the rest in one read transaction. */
  private async readExcerpts(ids: readonly string[]): Promise<Map<string, ExcerptRecord>> {
    const found = new Map<string, ExcerptRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.records.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length) {
      const tx = this.db.transaction('excerpts', 'readonly');
      const records = await Promise.all(missing.map((id) => tx.store.get(id)));
      await tx.done;
      records.forEach((record, index) => {
        if (!record) return;
        found.set(missing[index] as string, record);
        if (missing.length <= RECORD_CACHE_SIZE / 4) this.records.set(record.id, record);
      });
    }
    return found;
  }

  /** Ranked groups → views: read the records shown, name the sources of collapsed copies. */
  private async views(
    groups: readonly RankedGroup[],
    matched?: Map<number, { terms: Set<string>; entities: Set<string> }>,
    preloaded?: Map<string, ExcerptRecord>,
  ): Promise<ExcerptView[]> {
    const table = this.table;
    const ids = groups.map((group) => table.idOf(group.row));
    const alsoInIds = groups.map((group) => {
      const main = table.sourceIdOf(group.row);
      const others = new Set<string>();
      for (const row of table.clusterRows(group.row)) {
        const sourceId = table.sourceIdOf(row);
        if (row !== group.row && sourceId !== main) others.add(sourceId);
      }
      return [...others];
    });
    const records = preloaded ?? (await this.readExcerpts(ids));
    const views: ExcerptView[] = [];
    groups.forEach((group, index) => {
      const excerpt = records.get(ids[index] as string);
      const source = excerpt ? this.sources.get(excerpt.sourceId) : undefined;
      if (!excerpt || !source) return; // deleted while we were reading
      const view: ExcerptView = {
        excerpt,
        source: summary(source),
        score: Math.round(group.score * 1e4) / 1e4,
        alsoIn: (alsoInIds[index] as string[])
          .map((id) => this.sources.get(id))
          .filter((other): other is SourceRecord => other !== undefined)
          .map(summary),
      };
      const match = matched?.get(group.row);
      if (match) view.matches = matchRanges(excerpt.text, match.terms, excerpt.mentions, match.entities);
      views.push(view);
    });
    return views;
  }

  // ───────────────────────────── internals: writing ─────────────────────────────

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Run `body` in one readwrite transaction with a journal entry, then update the in-memory index.
   * On any error the transaction is aborted and the error mapped to a BackstoryError.
   */
  private write<T>(
    op: JournalOp,
    body: (tx: WriteTransaction) => Promise<WriteOutcome<T>>,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<T> {
    return this.exclusive(async () => {
      this.assertOpen();
      const tx = this.writeTransaction();
      const done = tx.done;
      done.catch(() => undefined);
      let outcome: WriteOutcome<T>;
      let seq = 0;
      try {
        outcome = await body(tx);
        if (!outcome.noop) {
          const entry: JournalEntry = {
            op,
            at: this.now().toISOString(),
            removed: outcome.removed,
            added: outcome.added.map((excerpt) => excerpt.id),
          };
          seq = await quiet(tx.objectStore('journal').add(entry));
        }
        await done;
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already aborted or finished.
        }
        await done.catch(() => undefined);
        throw storageError(error, tx.error);
      }
      if (!outcome.noop) {
        if (onProgress) onProgress({ phase: 'indexing', done: 0, total: outcome.added.length });
        if (seq !== this.appliedSeq + 1) {
          // Someone else committed in between: catch up from the store (includes this write).
          if (await this.loadIndex()) await this.writeSnapshot();
        } else {
          this.applyChanges(outcome.removed, outcome.added, outcome.sourcesPut, outcome.sourcesDeleted);
          this.appliedSeq = seq;
        }
        if (onProgress) onProgress({ phase: 'indexing', done: outcome.added.length, total: outcome.added.length });
        this.noteChange();
      }
      return outcome.result;
    });
  }

  private writeTransaction(): WriteTransaction {
    return this.db.transaction(['sources', 'excerpts', 'journal', 'meta'], 'readwrite');
  }

  /** Replace a source and all its excerpts (add a page, restore). */
  private replaceSource(op: JournalOp, source: SourceRecord, excerpts: ExcerptRecord[], keepFirstAdded: boolean): Promise<AddPageResult> {
    return this.write(op, async (tx) => {
      const sourceStore = tx.objectStore('sources');
      const excerptStore = tx.objectStore('excerpts');
      const [existing, oldIds] = await Promise.all([
        quiet(sourceStore.get(source.id)),
        quiet(excerptStore.index('by-source').getAllKeys(source.id)),
      ]);
      if (existing && existing.origin !== source.origin && op === 'add-page') {
        throw new BackstoryError({ code: 'bad-request', message: 'This page is part of the bundled corpus already.' });
      }
      let record = source;
      let records = excerpts;
      if (existing && keepFirstAdded && existing.addedAt) {
        record = { ...source, addedAt: existing.addedAt };
        if (source.dateSource === 'added' && existing.dateSource === 'added') {
          record.date = existing.date;
          record.dateEvidence = existing.dateEvidence;
          records = excerpts.map((excerpt) => ({ ...excerpt, date: existing.date }));
        }
      }
      const keep = new Set(records.map((excerpt) => excerpt.id));
      await Promise.all([
        quiet(sourceStore.put(record)),
        ...oldIds.filter((id) => !keep.has(id)).map((id) => quiet(excerptStore.delete(id))),
        ...records.map((excerpt) => quiet(excerptStore.put(excerpt))),
      ]);
      return {
        result: { source: record, excerptCount: records.length, updated: existing !== undefined },
        removed: oldIds,
        added: records,
        sourcesPut: [record],
        sourcesDeleted: [],
      };
    });
  }

  /** Install or replace the bundled corpus when its checksum changed. Reader pages are not touched. */
  private async installBundled(): Promise<boolean> {
    const bundled = this.options.bundled;
    const recorded = await this.db.get('meta', 'bundledChecksum');
    if (recorded?.value === bundled.checksum) return false;
    await this.write('bundled', async (tx) => {
      const sourceStore = tx.objectStore('sources');
      const excerptStore = tx.objectStore('excerpts');
      const bySource = excerptStore.index('by-source');
      const oldSourceIds = await sourceStore.index('by-origin').getAllKeys('bundled');
      const oldExcerptIds = (await Promise.all(oldSourceIds.map((id) => quiet(bySource.getAllKeys(id))))).flat();
      const taken = new Set((await sourceStore.index('by-origin').getAllKeys('reader')));
      const sources = bundled.sources.filter((source) => !taken.has(source.id)).map((source) => ({ ...source, origin: 'bundled' as const }));
      const kept = new Set(sources.map((source) => source.id));
      const excerpts = bundled.excerpts.filter((excerpt) => kept.has(excerpt.sourceId));
      const newIds = new Set(excerpts.map((excerpt) => excerpt.id));
      await Promise.all([
        ...oldExcerptIds.filter((id) => !newIds.has(id)).map((id) => quiet(excerptStore.delete(id))),
        ...oldSourceIds.filter((id) => !kept.has(id)).map((id) => quiet(sourceStore.delete(id))),
        ...sources.map((source) => quiet(sourceStore.put(source))),
        ...excerpts.map((excerpt) => quiet(excerptStore.put(excerpt))),
        quiet(tx.objectStore('meta').put({ key: 'bundledChecksum', value: bundled.checksum })),
      ]);
      return {
        result: undefined,
        removed: oldExcerptIds,
        added: excerpts,
        sourcesPut: sources,
        sourcesDeleted: oldSourceIds.filter((id) => !kept.has(id)),
      };
    });
    return true;
  }

  // ───────────────────────────── internals: the index ─────────────────────────────

  private indexSource(source: SourceRecord): void {
    this.sources.set(source.id, source);
    if (source.url) {
      const key = normaliseUrl(source.url);
      let set = this.sourcesByUrl.get(key);
      if (!set) this.sourcesByUrl.set(key, (set = new Set()));
      set.add(source.id);
    }
  }

  private unindexSource(sourceId: string): void {
    const source = this.sources.get(sourceId);
    if (!source) return;
    this.sources.delete(sourceId);
    if (source.url) this.sourcesByUrl.get(normaliseUrl(source.url))?.delete(sourceId);
  }

  /** Apply one committed change to the in-memory index, table, source map and caches. */
  private applyChanges(removed: readonly string[], added: readonly ExcerptRecord[], sourcesPut: readonly SourceRecord[], sourcesDeleted: readonly string[]): void {
    for (const id of sourcesDeleted) this.unindexSource(id);
    for (const source of sourcesPut) {
      this.unindexSource(source.id);
      this.indexSource(source);
    }
    this.removeExcerpts(removed);
    this.addExcerpts(added);
    this.titleCache.clear();
    if (this.table.wantsCompaction()) {
      this.table.compact();
      this.relinkRows();
    }
  }

  private removeExcerpts(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.index.has(id)) {
        const doc = this.scorer ? shortIdOf(this.index, id) : undefined;
        if (doc !== undefined && doc < this.rowOfDoc.length) this.rowOfDoc[doc] = -1;
        this.index.discard(id);
      }
      this.table.remove(id);
      this.records.delete(id);
    }
  }

  private addExcerpts(records: Iterable<ExcerptRecord>): void {
    for (const record of records) {
      this.removeExcerpts([record.id]);
      this.index.add(searchDocument(record, this.sources.get(record.sourceId)?.title ?? ''));
      const row = this.table.add(record);
      if (this.scorer) this.link(row, shortIdOf(this.index, record.id) as number);
    }
  }

  private link(row: number, doc: number): void {
    if (row >= this.docOfRow.length) {
      const grown = new Int32Array(Math.max(row + 1, this.docOfRow.length * 2, 1024)).fill(-1);
      grown.set(this.docOfRow);
      this.docOfRow = grown;
    }
    if (doc >= this.rowOfDoc.length) {
      const grown = new Int32Array(Math.max(doc + 1, this.rowOfDoc.length * 2, 1024)).fill(-1);
      grown.set(this.rowOfDoc);
      this.rowOfDoc = grown;
    }
    this.docOfRow[row] = doc;
    this.rowOfDoc[doc] = row;
  }

  /** After the index or the table was replaced or renumbered: rebuild the row ↔ document links. */
  private relinkRows(): void {
    this.scorer = this.options.directScoring !== false && hasPostingsAccess(this.index)
      ? new PostingsScorer(this.index, SEARCH_INDEX_OPTIONS.searchOptions?.boost ?? {})
      : undefined;
    this.docOfRow = new Int32Array(0);
    this.rowOfDoc = new Int32Array(0);
    if (!this.scorer) return;
    for (const [doc, id] of indexedDocuments(this.index)) {
      const row = this.table.rowOf(id);
      if (row !== undefined) this.link(row, doc);
    }
  }

  /**
   * Load the index: the snapshot plus the journal entries after it, or (no usable snapshot) a
   * rebuild from every stored excerpt. All reads in one transaction, so they see one state.
   * Returns true when the index was rebuilt and a snapshot should be written.
   */
  private async loadIndex(): Promise<boolean> {
    const tx = this.db.transaction(['sources', 'excerpts', 'journal', 'snapshot'], 'readonly');
    const sources = await tx.objectStore('sources').getAll();
    const snapshot = await tx.objectStore('snapshot').get(SNAPSHOT_KEY);
    const usable = snapshot !== undefined && snapshot.indexVersion === SEARCH_INDEX_VERSION && snapshot.tableVersion === TABLE_VERSION;
    let entries: JournalEntry[] = [];
    let replayRecords = new Map<string, ExcerptRecord>();
    let allRecords: ExcerptRecord[] | undefined;
    let lastSeq = 0;
    if (usable) {
      entries = await tx.objectStore('journal').getAll(IDBKeyRange.lowerBound(snapshot.seq, true));
      const wanted = [...new Set(entries.flatMap((entry) => entry.added))];
      const excerptStore = tx.objectStore('excerpts');
      const found = await Promise.all(wanted.map((id) => excerptStore.get(id)));
      replayRecords = new Map(found.filter((record): record is ExcerptRecord => record !== undefined).map((record) => [record.id, record]));
      lastSeq = entries.length ? (entries[entries.length - 1]?.seq as number) : snapshot.seq;
    } else {
      allRecords = await tx.objectStore('excerpts').getAll();
      const cursor = await tx.objectStore('journal').openKeyCursor(null, 'prev');
      lastSeq = cursor ? cursor.key : 0;
    }
    await tx.done;

    this.sources = new Map();
    this.sourcesByUrl = new Map();
    for (const source of sources) this.indexSource(source);
    this.records.clear();
    this.titleCache.clear();
    let loaded = false;
    if (usable) {
      try {
        this.index = snapshot.indexFormat === 'packed'
          ? unpackIndex(snapshot.index, SEARCH_INDEX_OPTIONS)
          : loadSearchIndex(snapshot.index);
        this.table = ExcerptTable.deserialize(snapshot.table);
        this.relinkRows();
        loaded = true;
      } catch {
        loaded = false;
      }
    }
    if (loaded && usable) {
      this.snapshotSeq = snapshot.seq;
      for (const entry of entries) {
        this.removeExcerpts(entry.removed);
        // Read back as they are now: a later entry may have replaced or removed them again.
        this.addExcerpts(entry.added.map((id) => replayRecords.get(id)).filter((record): record is ExcerptRecord => record !== undefined));
      }
      this.appliedSeq = lastSeq;
      this.changesSinceSnapshot = entries.length;
      if (entries.length) this.armSnapshot();
      return false;
    }
    if (!allRecords) {
      // The snapshot could not be read back: rebuild from the store.
      const again = this.db.transaction(['excerpts', 'journal'], 'readonly');
      allRecords = await again.objectStore('excerpts').getAll();
      const cursor = await again.objectStore('journal').openKeyCursor(null, 'prev');
      lastSeq = cursor ? cursor.key : 0;
      await again.done;
    }
    this.index = createSearchIndex();
    this.table = new ExcerptTable();
    this.index.addAll(allRecords.map((record) => searchDocument(record, this.sources.get(record.sourceId)?.title ?? '')));
    for (const record of allRecords) this.table.add(record);
    this.relinkRows();
    this.appliedSeq = lastSeq;
    this.snapshotSeq = -1; // no usable snapshot: the next writeSnapshot must write one
    this.changesSinceSnapshot = 0;
    return allRecords.length > 0;
  }

  private noteChange(): void {
    this.changesSinceSnapshot++;
    this.armSnapshot();
  }

  /** Snapshot now if enough changed, else after a quiet delay. */
  private armSnapshot(): void {
    if (this.closed) return;
    if (this.changesSinceSnapshot >= this.snapshotEvery) {
      if (this.snapshotTimer !== undefined) clearTimeout(this.snapshotTimer);
      this.snapshotTimer = undefined;
      void this.exclusive(() => this.writeSnapshot()).catch(() => undefined);
      return;
    }
    if (!Number.isFinite(this.snapshotDelayMs)) return;
    if (this.snapshotTimer !== undefined) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      if (!this.closed) void this.exclusive(() => this.writeSnapshot()).catch(() => undefined);
    }, this.snapshotDelayMs);
  }

  /** Persist the index and table as of `appliedSeq`, and drop the journal entries they cover. */
  private async writeSnapshot(): Promise<void> {
    if (this.closed || this.appliedSeq === this.snapshotSeq) return;
    const seq = this.appliedSeq;
    const tx = this.db.transaction(['snapshot', 'journal', 'meta'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined);
    try {
      const recorded = await tx.objectStore('meta').get('snapshotSeq');
      if (typeof recorded?.value === 'number' && recorded.value > seq) {
        // Another connection wrote a newer snapshot: ours would go back in time.
        tx.abort();
        await done.catch(() => undefined);
        return;
      }
      // Packing and put run synchronously: the value is cloned before anything can change it.
      const common = {
        seq,
        indexVersion: SEARCH_INDEX_VERSION,
        tableVersion: TABLE_VERSION,
        createdAt: this.now().toISOString(),
        excerpts: this.table.count,
        table: this.table.serialize(),
      };
      const snapshot: IndexSnapshot = this.scorer
        ? { ...common, indexFormat: 'packed', index: packIndex(this.index) }
        : { ...common, indexFormat: 'minisearch-json', index: this.index.toJSON() };
      await Promise.all([
        quiet(tx.objectStore('snapshot').put(snapshot, SNAPSHOT_KEY)),
        quiet(tx.objectStore('journal').delete(IDBKeyRange.upperBound(seq))),
        quiet(tx.objectStore('meta').put({ key: 'snapshotSeq', value: seq })),
      ]);
      await done;
      this.snapshotSeq = seq;
      this.changesSinceSnapshot = 0;
      this.lastSnapshotError = undefined;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
      await done.catch(() => undefined);
      this.lastSnapshotError = storageError(error, tx.error).message;
    }
  }
}

function sameSource(existing: SourceRecord, existingExcerpts: ExcerptRecord[], source: SourceRecord, excerpts: ExcerptRecord[]): boolean {
  if (canonicalJson(existing) !== canonicalJson(source) || existingExcerpts.length !== excerpts.length) return false;
  const byId = new Map(existingExcerpts.map((excerpt) => [excerpt.id, excerpt]));
  return excerpts.every((excerpt) => {
    const other = byId.get(excerpt.id);
    return other !== undefined && canonicalJson(other) === canonicalJson(excerpt);
  });
}
