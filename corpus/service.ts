/**
 * The corpus service: what the background answers every context with. A facade over the rooms of
 * corpus/, each with one job:
 *
 *   db, migrations   the IndexedDB stores and their version history
 *   writes           atomic writes: records, shelves, counts and journal in one transaction
 *   shelves          per-entity ranking tables: what a card reads
 *   queries          cards, popup, timelines, lists: straight from IndexedDB
 *   search-engine    the full-text index, loaded only when the reading room searches
 *   snapshots        persisting that index
 *   import, export   streamed files of any size
 *   reading          pages remembered as the reader reads (opt-in), and forgetting them
 *   edit-source      correcting a reader page's date, title or site
 *
 * ## What a wake loads
 * Opening the service opens the database and checks two meta records (the bundled corpus's
 * checksum, the shelves' version). That is all: a card after the worker was stopped costs a worker
 * start, this open, one shelf read and one read of the excerpts shown.
 *
 * Method names follow the protocol's request types one to one (`excerpts-for` → `excerptsFor`, …).
 * No Node API here: the service is bundled into the background and runs in a browser page too.
 */
import { readerError, say } from '../lib/i18n/reader-error';
import type { Gazetteer } from '../core/gazetteer';
import { EntityNames } from '../core/search-index';
import { type TrackedName, taggingKeys, trackedEntity, trackedGazetteer } from '../core/tracked-names';
import { pageRecords } from '../core/page-records';
import {
  type AddPageResult,
  BackstoryError,
  type CorpusStats,
  type DeletedSource,
  type EditedSource,
  type EntityTimeline,
  type ExcerptView,
  type ExcerptsForEntity,
  type ExportScope,
  type ExtractedPage,
  type ImportProgressEvent,
  type ImportResult,
  type PageContextInfo,
  type RememberResult,
  type SearchFilters,
  type SearchResult,
} from '../core/protocol';
import type { CorpusFile, ExcerptRecord, SourceRecord } from '../core/schema';
import { validateExcerpt, validateSource } from '../core/corpus-export';
import { type SourceEdit, checkSourceEdit, firstEditError, localDay } from '../core/source-edit';
import { type Spotter, compileSpotter } from '../core/spotter';
import { type CorpusDb, type JournalOp, openCorpusDb } from './db';
import { verifyCorpus } from './verify';
import { editSource } from './edit-source';
import { quiet, sentence } from './errors';
import { type ExportProgress, streamExport } from './export';
import { type RetagProgressEvent, type RetagResult, markDirty, retagTracked } from './retag';
import { ImportSession, clearStaging } from './import';
import { type ForgetFilter, forgetRemembered, rememberPage } from './reading';
import { sourceReplacement } from './replace-source';
import { CorpusQueries, DEFAULT_EXCERPT_LIMIT, DEFAULT_PAGE_LIMIT } from './queries';
import { SearchEngine } from './search-engine';
import { rebuildShelves, shelvesCurrent } from './shelves';
import { SnapshotSchedule, writeSnapshot } from './snapshots';
import { type CommittedChange, CorpusWriter, type WriteTransaction } from './writes';

export { DEFAULT_EXCERPT_LIMIT, DEFAULT_PAGE_LIMIT } from './queries';
export const DEFAULT_SEARCH_LIMIT = 20;
/** A bulk write (an import) up to this many excerpts is applied to a loaded search index; above, the index is reloaded when next needed. */
const BULK_APPLY_LIMIT = 5000;

export interface CorpusServiceOptions {
  /** `indexedDB` in the background; fake-indexeddb in tests. */
  indexedDB: IDBFactory;
  gazetteer: Gazetteer;
  bundled: CorpusFile;
  now?: () => Date;
  /** Database name (tests and benchmarks use their own). */
  name?: string;
  /** Write the search-index snapshot after this many changes (default 25)… */
  snapshotEvery?: number;
  /** …or this many ms after the last one (default 4000; `Infinity`: only on `flush()`). */
  snapshotDelayMs?: number;
  /** The storage the browser reports as used, for `stats()` (navigator.storage.estimate). */
  estimateUsage?: () => Promise<number | undefined>;
}

export type ImportProgress = ImportProgressEvent;

/** The "not an article" question; `namesNothing` adds that it names no tracked entity either. */
function notArticleError(page: ExtractedPage, namesNothing: boolean): BackstoryError {
  const reason = sentence(page.article.reason ?? 'This page does not look like an article');
  const also = namesNothing ? ` It also names none of the people, places and organisations Backstory follows.` : '';
  const { reasonCode, reasonCount } = page.article;
  const text = [
    reasonCode ? say(`errors.notArticle.${reasonCode}`, reasonCount !== undefined ? { count: reasonCount } : undefined) : say('errors.notArticle.other'),
    ...(namesNothing ? [say('errors.notArticle.alsoNamesNothing')] : []),
    say('errors.addAnywayHint'),
  ];
  return new BackstoryError({ code: 'not-article', message: `${reason}${also} You can add it anyway.`, text });
}

export class CorpusService {
  private readonly writer: CorpusWriter;
  private readonly queries: CorpusQueries;
  private readonly schedule: SnapshotSchedule;
  private engine: SearchEngine | undefined;
  private engineLoading: Promise<SearchEngine> | undefined;
  private compiledSpotter: Spotter | undefined;
  /** The names the reader tracks (setTrackedNames), and their own spotter for re-tagging. */
  private tracked: readonly TrackedName[] = [];
  private trackedSpotter: Spotter | undefined;
  private closed = false;
  private closedReason = 'The corpus is closed.';
  private readonly now: () => Date;
  /** The last snapshot write that failed (kept for diagnostics; the journal still holds the data). */
  lastSnapshotError: string | undefined;

  private constructor(
    private readonly db: CorpusDb,
    private readonly options: CorpusServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.writer = new CorpusWriter(db, this.now, () => this.assertOpen());
    this.queries = new CorpusQueries(db, this.now);
    this.schedule = new SnapshotSchedule(options.snapshotEvery ?? 25, options.snapshotDelayMs ?? 4000, () => {
      if (!this.closed) void this.writer.exclusive(() => this.snapshotNow()).catch(() => undefined);
    });
    this.writer.onCommit((change) => this.afterCommit(change));
  }

  /** Call `listener` after every committed write (the background republishes what changed). */
  onChange(listener: () => void): () => void {
    return this.writer.onCommit(() => listener());
  }

  /** Open the store (creating or migrating it), bring the shelves up to date, install the bundled corpus. */
  static async open(options: CorpusServiceOptions): Promise<CorpusService> {
    // Filled once the service exists; the database may ask to close before that.
    const opened: { service?: CorpusService } = {};
    const db = await openCorpusDb(options.indexedDB, {
      name: options.name,
      now: options.now,
      // A newer Backstory (after an update) wants to upgrade the database: let it.
      onVersionChange: () => opened.service?.stop('Backstory was updated and is upgrading its corpus; try again in a moment.'),
    });
    const service = new CorpusService(db, options);
    opened.service = service;
    try {
      if (!(await shelvesCurrent(db))) await service.rebuildShelves();
      await service.installBundled();
      // An import cannot outlive the worker that received it: what it staged is garbage now.
      if ((await db.count('staging')) > 0) await clearStaging(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return service;
  }

  // ───────────────────────────── reading ─────────────────────────────

  /** Excerpts tagged with the entity, ranked for the page being read (core/ranking.ts). */
  async excerptsFor(entityId: string, page?: PageContextInfo, limit = DEFAULT_EXCERPT_LIMIT): Promise<ExcerptsForEntity> {
    this.assertOpen();
    return this.queries.excerptsFor(entityId, page, limit);
  }

  /** Excerpts about the page as a whole: tagged with its main entities, ranked like `excerptsFor`. */
  async pageExcerpts(page: PageContextInfo, limit = DEFAULT_PAGE_LIMIT): Promise<ExcerptView[]> {
    this.assertOpen();
    return this.queries.pageExcerpts(page, limit);
  }

  /** Monthly counts of the excerpts about the entity, and a page of them, oldest first (near-duplicates collapsed). */
  async entityTimeline(entityId: string, options: { month?: string; offset?: number; limit?: number } = {}): Promise<EntityTimeline> {
    this.assertOpen();
    return this.queries.entityTimeline(entityId, options);
  }

  /** Every source, newest first. */
  async listSources(): Promise<SourceRecord[]> {
    this.assertOpen();
    return this.queries.listSources();
  }

  async stats(): Promise<CorpusStats> {
    this.assertOpen();
    return this.queries.stats(this.options.estimateUsage);
  }

  /** Number of excerpts tagged with each entity id (entities without excerpts are left out). */
  async entityCounts(): Promise<Record<string, number>> {
    this.assertOpen();
    return this.queries.entityCounts();
  }

  /** Entities with excerpts besides the chronicle's key dates (corpus/queries.ts). */
  async entitiesWithExcerpts(): Promise<string[]> {
    this.assertOpen();
    return this.queries.entitiesWithExcerpts();
  }

  /**
   * Load the full-text index if it is not loaded (the reading room asks when it opens, so that
   * it can say "loading" instead of freezing on the first query). Returns its size and how long
   * loading took (0 when it was loaded already).
   */
  async prepareSearch(): Promise<{ excerpts: number; tookMs: number }> {
    this.assertOpen();
    const started = performance.now();
    const wasLoaded = this.engine !== undefined;
    const engine = await this.searchEngine();
    return { excerpts: engine.documentCount, tookMs: wasLoaded ? 0 : Math.round(performance.now() - started) };
  }

  /** Whether the full-text index is in memory. */
  get searchLoaded(): boolean {
    return this.engine !== undefined;
  }

  /**
   * Full-text search for the reading room (corpus/search-engine.ts). Loads the index on first use.
   */
  async search(query: string, filters: SearchFilters = {}, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchResult> {
    this.assertOpen();
    const engine = await this.searchEngine();
    const started = performance.now();
    const { groups, total, matched } = engine.search(query, filters, limit);
    const hits = await this.queries.views(groups.map((group) => ({ table: engine.table, group })), matched);
    return { hits, total, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  private searchEngine(): Promise<SearchEngine> {
    if (this.engine) return Promise.resolve(this.engine);
    // Loaded in the write queue: no write can commit between reading the store and listening.
    this.engineLoading ??= this.writer.exclusive(() => this.loadEngine()).finally(() => {
      this.engineLoading = undefined;
    });
    return this.engineLoading;
  }

  private async loadEngine(): Promise<SearchEngine> {
    this.assertOpen();
    const { engine, rebuilt } = await SearchEngine.load(this.db, this.taggingGazetteer());
    this.engine = engine;
    if (rebuilt) await this.snapshotNow();
    else if (engine.changesSinceSnapshot > 0) this.schedule.changed(engine.changesSinceSnapshot);
    return engine;
  }

  private async snapshotNow(): Promise<void> {
    if (this.closed || !this.engine) return;
    this.lastSnapshotError = await writeSnapshot(this.db, this.engine, this.now());
  }

  /** After every commit (inside the write queue): cards re-read, a loaded index follows. */
  private async afterCommit(change: CommittedChange): Promise<void> {
    this.queries.invalidate();
    const engine = this.engine;
    if (!engine) return;
    let applied: boolean;
    if (change.bulkAddedIds) {
      if (change.bulkAddedIds.length > BULK_APPLY_LIMIT) {
        // A large import: cheaper to reload (or rebuild) the index when next needed.
        this.engine = undefined;
        this.schedule.cancel();
        return;
      }
      const records = await this.queries.readExcerpts(change.bulkAddedIds);
      applied = engine.apply({ ...change, added: change.bulkAddedIds.map((id) => records.get(id)).filter((record): record is ExcerptRecord => record !== undefined) });
    } else {
      applied = engine.apply(change);
    }
    if (!applied) {
      // Someone else committed in between: catch up from the store (includes this write).
      await this.loadEngine();
      return;
    }
    this.schedule.changed(engine.changesSinceSnapshot);
  }

  /** The reader's pages (or everything) streamed as an export file in chunks (corpus/export.ts). */
  async exportStream(scope: ExportScope, emit: (chunk: string, progress: ExportProgress) => void): Promise<{ lines: number; fileName: string }> {
    this.assertOpen();
    return streamExport(this.db, scope, this.now(), emit, undefined, this.tracked);
  }

  /** The export file as one string (small corpora and tests; the reading room streams). */
  async exportJsonl(scope: ExportScope): Promise<{ text: string; lines: number; fileName: string }> {
    const chunks: string[] = [];
    const { lines, fileName } = await this.exportStream(scope, (chunk) => chunks.push(chunk));
    return { text: chunks.join(''), lines, fileName };
  }

  // ───────────────────────────── writing ─────────────────────────────

  /**
   * Split, tag and store a page the reader adds. The same URL again replaces the earlier version
   * (keeping when it was first added, and a date the reader set). Two questions come back as
   * errors unless `force` (or the question is in `skip`): a page that does not look like an article
   * (`not-article`), and one that names none of the entities Backstory tracks (`no-entities`, so
   * no card would ever show it); when both apply, one question says both. A page without usable
   * text is refused (`no-content`).
   */
  async addPage(page: ExtractedPage, options: { force?: boolean; skip?: readonly ('not-article' | 'no-entities')[] } = {}): Promise<AddPageResult> {
    this.assertOpen();
    const asks = (question: 'not-article' | 'no-entities') => !options.force && !options.skip?.includes(question);
    const notArticle = !page.article.isArticle && asks('not-article');
    const records = pageRecords(page, this.spotter(), this.now());
    if (records.excerpts.length === 0) {
      if (notArticle) throw notArticleError(page, false);
      throw readerError('no-content', say('errors.noContent'));
    }
    const namesNothing = asks('no-entities') && records.excerpts.every((excerpt) => excerpt.entityIds.length === 0);
    if (notArticle) throw notArticleError(page, namesNothing);
    if (namesNothing) {
      throw readerError('no-entities', say('errors.noEntities'));
    }
    return this.replaceSource('add-page', records.source, records.excerpts, true);
  }

  /**
   * Correct the date, title or site of a reader page (corpus/edit-source.ts), checked first
   * (core/source-edit.ts): a date becomes the page's date "set by you". Returns the page as it was,
   * to undo with `restoreSource`.
   */
  async editSource(sourceId: string, edit: SourceEdit): Promise<EditedSource> {
    this.assertOpen();
    const now = this.now();
    // The reader's today, wherever they are: the later of the local and the UTC day.
    const utcDay = now.toISOString().slice(0, 10);
    const today = localDay(now) > utcDay ? localDay(now) : utcDay;
    const checked = checkSourceEdit(edit, today);
    if (!checked.ok) {
      throw new BackstoryError({
        code: 'bad-request',
        message: `Nothing was saved: ${firstEditError(checked.errors)}`,
        // The reading room's form checks each field in the reader's language before sending.
        text: [say('errors.edit.refused')],
      });
    }
    return editSource(this.writer, sourceId, checked.edit, localDay(now));
  }

  /**
   * Remember a page the reader read (corpus/reading.ts): kept when it is an article naming two or
   * more entities; the same article (or a syndicated copy) read again is refreshed, not doubled.
   */
  async rememberPage(page: ExtractedPage): Promise<RememberResult> {
    this.assertOpen();
    return rememberPage(this.writer, this.spotter(), page, this.now());
  }

  /** Forget remembered pages (all, one site's, or the oldest read) in one write; pages added on purpose stay. */
  async forgetRemembered(filter: ForgetFilter): Promise<SourceRecord[]> {
    this.assertOpen();
    return forgetRemembered(this.writer, filter);
  }

  /**
   * Keep the store within `budgetBytes`: when `usageBytes` (the browser's estimate for the whole
   * store) is over, forget the oldest remembered pages until about the excess is freed (at the
   * store's average cost per excerpt). Pages added on purpose are never dropped. The pages forgotten.
   */
  async keepWithinBudget(budgetBytes: number, usageBytes: number, spare?: string): Promise<SourceRecord[]> {
    this.assertOpen();
    if (usageBytes <= budgetBytes) return [];
    const excerpts = await this.db.count('excerpts');
    if (excerpts === 0) return [];
    const bytesPerExcerpt = usageBytes / excerpts;
    return forgetRemembered(this.writer, { oldestBytes: usageBytes - budgetBytes * 0.95, bytesPerExcerpt, spare });
  }

  /** Delete a source and its excerpts; returns them so that the reader can undo. */
  async deleteSource(sourceId: string): Promise<DeletedSource> {
    this.assertOpen();
    return this.writer.write('delete-source', async (tx) => {
      const source = await tx.objectStore('sources').get(sourceId);
      if (!source) throw readerError('not-found', say('errors.pageNotInCorpus'));
      const excerpts = await tx.objectStore('excerpts').index('by-source').getAll(sourceId);
      const excerptStore = tx.objectStore('excerpts');
      excerpts.sort((a, b) => a.position - b.position);
      return {
        result: { source, excerpts },
        write: () => [...excerpts.map((excerpt) => quiet(excerptStore.delete(excerpt.id))), quiet(tx.objectStore('sources').delete(sourceId))],
        removed: excerpts,
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

  /** Start a streamed import (corpus/import.ts): send it the file's lines, then finish or cancel it. */
  beginImport(): ImportSession {
    this.assertOpen();
    return new ImportSession(this.db, this.writer, { gazetteer: this.options.gazetteer, tracked: this.tracked });
  }

  /**
   * Import an export file held in memory (small files, tests). The same checks and the same single
   * transaction as a streamed import.
   */
  async importJsonl(text: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportResult> {
    const session = this.beginImport();
    const lines = text.split('\n');
    for (let start = 0; start < lines.length; start += 5000) {
      await session.addLines(lines.slice(start, start + 5000));
      onProgress?.({ phase: 'checking', done: Math.min(lines.length, start + 5000), total: lines.length });
    }
    return session.finish(onProgress);
  }

  /** Write the search-index snapshot now, if the index is loaded (and drop the journal it covers). */
  async flush(): Promise<void> {
    this.assertOpen();
    await this.writer.exclusive(() => this.snapshotNow());
  }

  /** False once closed, or once a newer Backstory asked for the database (open a new service then). */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Close the database. No snapshot is written: the journal covers whatever is not in one. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.schedule.cancel();
    this.db.close();
  }

  /** Figures for tests and benchmarks: the journal position and the search index, when loaded. */
  diagnostics(): { appliedSeq: number; snapshotSeq: number; indexedDocuments: number; tableRows: number; searchLoaded: boolean } {
    return {
      appliedSeq: this.engine?.appliedSeq ?? -1,
      snapshotSeq: this.engine?.snapshotSeq ?? -1,
      indexedDocuments: this.engine?.documentCount ?? 0,
      tableRows: this.engine?.table.count ?? 0,
      searchLoaded: this.engine !== undefined,
    };
  }

  /**
   * Compare the store with the shelves, the entity counts and (when loaded) the search index
   * (corpus/verify.ts); returns the problems found, none when all agree.
   */
  async verify(): Promise<string[]> {
    this.assertOpen();
    return verifyCorpus(this.db, this.engine);
  }

  // ───────────────────────────── internals ─────────────────────────────

  private assertOpen(): void {
    if (this.closed) throw new BackstoryError({ code: 'internal', message: this.closedReason });
  }

  /** Stop answering (the database connection is being closed under us). */
  private stop(reason: string): void {
    this.closedReason = reason;
    this.close();
  }

  private spotter(): Spotter {
    this.compiledSpotter ??= compileSpotter(this.taggingGazetteer());
    return this.compiledSpotter;
  }

  // ───────────────────────────── tracked names ─────────────────────────────

  /**
   * The names the reader tracks (core/tracked-names.ts): pages added or remembered from now on are
   * tagged with them as well, and search finds excerpts by them. Re-tagging what is stored is
   * `retagTracked`.
   */
  setTrackedNames(names: readonly TrackedName[]): void {
    this.tracked = [...names];
    this.compiledSpotter = undefined;
    this.trackedSpotter = names.length > 0 ? compileSpotter(trackedGazetteer(names)) : undefined;
    this.engine?.useEntityNames(new EntityNames(this.taggingGazetteer()));
  }

  get trackedNames(): readonly TrackedName[] {
    return this.tracked;
  }

  /**
   * Bring the stored excerpts' tracked tags in line with the tracked names, in batches
   * (corpus/retag.ts); `superseded` is asked between batches.
   */
  async retagTracked(options: { onProgress?: (progress: RetagProgressEvent) => void; superseded?: () => boolean } = {}): Promise<RetagResult> {
    this.assertOpen();
    return retagTracked(this.db, this.writer, {
      spotter: this.trackedSpotter,
      target: { bundled: this.options.bundled.checksum, keys: taggingKeys(this.tracked) },
      ...options,
    });
  }

  /** The next re-tagging reads every excerpt (after an import brought tracked tags of unknown names). */
  async retagEverything(): Promise<void> {
    this.assertOpen();
    await markDirty(this.writer, this.db);
  }

  /** The bundled gazetteer and the tracked names, as one (tagging, search). */
  private taggingGazetteer(): Gazetteer {
    if (this.tracked.length === 0) return this.options.gazetteer;
    return { ...this.options.gazetteer, entities: [...this.options.gazetteer.entities, ...this.tracked.map(trackedEntity)] };
  }

  /** Shelves written by another version of the code (or none yet, after the migration): rebuild them. */
  private rebuildShelves(): Promise<void> {
    return this.writer.exclusive(() => this.writer.atomically((tx) => rebuildShelves(tx)));
  }

  /** Replace a source and all its excerpts (add a page, restore). */
  private replaceSource(op: JournalOp, source: SourceRecord, excerpts: ExcerptRecord[], keepFirstAdded: boolean): Promise<AddPageResult> {
    return this.writer.write(op, async (tx: WriteTransaction) => {
      // Added on purpose after being remembered: no longer "remembered", but when it was read stays.
      const { record, records, existing, old, write } = await sourceReplacement(tx, source, excerpts, 'read', keepFirstAdded);
      if (existing && existing.origin !== source.origin && op === 'add-page') {
        throw readerError('bad-request', say('errors.alreadyBundled'));
      }
      return {
        result: { source: record, excerptCount: records.length, updated: existing !== undefined },
        write,
        removed: old,
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
    await this.writer.write('bundled', async (tx) => {
      const sourceStore = tx.objectStore('sources');
      const excerptStore = tx.objectStore('excerpts');
      const bySource = excerptStore.index('by-source');
      const oldSourceIds = await sourceStore.index('by-origin').getAllKeys('bundled');
      const oldExcerpts = (await Promise.all(oldSourceIds.map((id) => quiet(bySource.getAll(id))))).flat();
      const taken = new Set(await sourceStore.index('by-origin').getAllKeys('reader'));
      const sources = bundled.sources.filter((source) => !taken.has(source.id)).map((source) => ({ ...source, origin: 'bundled' as const }));
      const kept = new Set(sources.map((source) => source.id));
      const excerpts = bundled.excerpts.filter((excerpt) => kept.has(excerpt.sourceId));
      const newIds = new Set(excerpts.map((excerpt) => excerpt.id));
      return {
        result: undefined,
        write: () => [
          ...oldExcerpts.filter((excerpt) => !newIds.has(excerpt.id)).map((excerpt) => quiet(excerptStore.delete(excerpt.id))),
          ...oldSourceIds.filter((id) => !kept.has(id)).map((id) => quiet(sourceStore.delete(id))),
          ...sources.map((source) => quiet(sourceStore.put(source))),
          ...excerpts.map((excerpt) => quiet(excerptStore.put(excerpt))),
          quiet(tx.objectStore('meta').put({ key: 'bundledChecksum', value: bundled.checksum })),
        ],
        removed: oldExcerpts,
        added: excerpts,
        sourcesPut: sources,
        sourcesDeleted: oldSourceIds.filter((id) => !kept.has(id)),
      };
    });
    return true;
  }
}

