/**
 * Importing an export file of any size, streamed: the reading room reads the file in chunks and
 * sends its lines as they come (entrypoints/background/file-ports.ts). Each chunk is checked line
 * by line (core/corpus-export.ts `CorpusFileChecker`) and its records are put aside in the
 * `staging` store, in small transactions of their own. Nothing touches the corpus until the last
 * line has arrived and the whole file has passed; then ONE write transaction moves the staged
 * records into the corpus, updates the shelves and writes the journal entry.
 *
 * So an import is all or nothing, however it ends: a bad line, a cancel, the page closed or the
 * service worker stopped mid-way leave the corpus exactly as it was (staged batches are deleted
 * then, or on the next start), and a worker stopped during the final transaction aborts it.
 *
 * Rules, as before: sources already present and identical are left alone (importing twice changes
 * nothing); other reader sources are replaced; bundled sources in the file are never written over
 * this version's bundled corpus (unchanged when identical, skipped otherwise).
 *
 * Tracked names in the file (format version 2) are checked with the rest (`trackedRules`: the
 * gazetteer and the reader's own names) and kept in memory (`trackedNames`, a short list); the
 * background stores them once the corpus is committed (entrypoints/background/file-ports.ts).
 */
import { readerError, say } from '../lib/i18n/reader-error';

/** A refused import file, said with its line (or, for a whole-file problem, in its own sentence). */
function invalidFile(error: InvalidLine): BackstoryError {
  const first = error.kind
    ? say(`errors.import.${error.kind}`, { line: error.lineNumber, ...error.params })
    : say('errors.import.line', { line: error.lineNumber, detail: error.reason });
  // The reading room says "Nothing was imported from …" around it.
  return new BackstoryError({ code: 'invalid-file', message: `${error.message} Nothing was imported.`, text: [first] });
}
import { CorpusFileChecker, InvalidLine, type TrackedNameRules, canonicalJson } from '../core/corpus-export';
import type { TrackedName } from '../core/tracked-names';
import { BackstoryError, type ImportProgressEvent, type ImportResult } from '../core/protocol';
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import type { CorpusDb, StagedBatch } from './db';
import { quiet, storageError } from './errors';
import { NearCopies } from './near-copies';
import { ShelfBatch, type ShelvedExcerpt, urlKey } from './shelves';
import type { CorpusWriter, WriteOutcome } from './writes';

/** Records per staged batch. */
const STAGE_BATCH = 2000;

let importCounter = 0;

export class ImportSession {
  readonly id = `import-${Date.now().toString(36)}-${(++importCounter).toString(36)}`;
  private readonly checker: CorpusFileChecker;
  private pending: StagedBatch = { importId: this.id, sources: [], excerpts: [] };
  private nextLine = 1;
  private ended = false;

  constructor(
    private readonly db: CorpusDb,
    private readonly writer: CorpusWriter,
    trackedRules?: TrackedNameRules,
  ) {
    this.checker = new CorpusFileChecker(trackedRules);
  }

  /** The file's tracked names (all checked once `finish` has passed). */
  get trackedNames(): readonly TrackedName[] {
    return this.checker.trackedNames;
  }

  /** Whether an excerpt of the file is tagged with a tracked name (the corpus must be re-tagged after). */
  get hasTrackedTags(): boolean {
    return this.checker.hasTrackedTags;
  }

  /** Lines read so far. */
  get linesRead(): number {
    return this.nextLine - 1;
  }

  /**
   * Check and stage the next lines of the file (in order, without line breaks). A bad line ends
   * the import: its staged records are dropped and an `invalid-file` error names the line.
   */
  async addLines(lines: readonly string[]): Promise<void> {
    this.assertActive();
    try {
      for (const line of lines) {
        const checked = this.checker.line(line, this.nextLine++);
        if (!checked) continue;
        if ('source' in checked) this.pending.sources.push(checked.source);
        else if ('excerpt' in checked) this.pending.excerpts.push(checked.excerpt);
        if (this.pending.sources.length + this.pending.excerpts.length >= STAGE_BATCH) await this.stage();
      }
    } catch (error) {
      await this.cancel();
      if (error instanceof InvalidLine) throw invalidFile(error);
      throw error;
    }
  }

  private async stage(): Promise<void> {
    const batch = this.pending;
    this.pending = { importId: this.id, sources: [], excerpts: [] };
    if (batch.sources.length + batch.excerpts.length === 0) return;
    try {
      await this.db.add('staging', batch);
    } catch (error) {
      throw storageError(error);
    }
  }

  /** Forget this import: its staged records are deleted; the corpus was never touched. */
  async cancel(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await clearStaging(this.db, this.id).catch(() => undefined);
  }

  private assertActive(): void {
    if (this.ended) throw readerError('bad-request', say('errors.importEnded'));
  }

  /** The whole file has arrived: check what needs all of it, then commit in one transaction. */
  async finish(onProgress?: (progress: ImportProgressEvent) => void): Promise<ImportResult> {
    this.assertActive();
    try {
      this.checker.finish();
      await this.stage();
    } catch (error) {
      await this.cancel();
      if (error instanceof InvalidLine) throw invalidFile(error);
      throw error;
    }
    this.ended = true;
    const total = this.checker.counts.excerpts;
    try {
      const result = await this.writer.write('import', (tx) => commitStaged(tx, this.id, this.checker, (done) => onProgress?.({ phase: 'writing', done, total })),
        () => onProgress?.({ phase: 'indexing', done: 0, total }));
      onProgress?.({ phase: 'indexing', done: total, total });
      return this.trackedNames.length > 0 ? { ...result, trackedNames: this.trackedNames.length } : result;
    } finally {
      await clearStaging(this.db, this.id).catch(() => undefined);
    }
  }
}

/** Delete the staged batches of one import, or of every import (on start: none survives a restart). */
export async function clearStaging(db: CorpusDb, importId?: string): Promise<void> {
  const tx = db.transaction('staging', 'readwrite');
  if (importId === undefined) await tx.store.clear();
  else for (let cursor = await tx.store.index('by-import').openKeyCursor(importId); cursor; cursor = await cursor.continue()) await tx.store.delete(cursor.primaryKey);
  await tx.done;
}

function sameSource(existing: SourceRecord, existingExcerpts: readonly ExcerptRecord[], source: SourceRecord, excerpts: readonly ExcerptRecord[]): boolean {
  if (canonicalJson(existing) !== canonicalJson(source) || existingExcerpts.length !== excerpts.length) return false;
  const byId = new Map(existingExcerpts.map((excerpt) => [excerpt.id, excerpt]));
  return excerpts.every((excerpt) => {
    const other = byId.get(excerpt.id);
    return other !== undefined && canonicalJson(other) === canonicalJson(excerpt);
  });
}

/**
 * Inside the import's write transaction: read the staged batches twice (first the sources, to
 * decide each one; then the excerpts, to write those of the sources being written), streaming
 * them into the corpus and the shelf changes without holding the file in memory.
 */
async function commitStaged(
  tx: Parameters<Parameters<CorpusWriter['write']>[1]>[0],
  importId: string,
  checker: CorpusFileChecker,
  onWritten: (done: number) => void,
): Promise<WriteOutcome<ImportResult>> {
  const sourceStore = tx.objectStore('sources');
  const excerptStore = tx.objectStore('excerpts');
  const staged = tx.objectStore('staging').index('by-import');
  const existing = new Map((await quiet(sourceStore.getAll())).map((source) => [source.id, source]));

  // Pass 1: the file's sources, and the file's excerpts of sources already stored (to compare).
  const sources = new Map<string, SourceRecord>();
  const toCompare = new Map<string, ExcerptRecord[]>();
  for (let cursor = await quiet(staged.openCursor(importId)); cursor; cursor = await quiet(cursor.continue())) {
    for (const source of cursor.value.sources) sources.set(source.id, { ...source, excerptCount: checker.excerptCountOf(source.id) });
    for (const excerpt of cursor.value.excerpts) {
      if (!existing.has(excerpt.sourceId)) continue;
      const list = toCompare.get(excerpt.sourceId);
      if (list) list.push(excerpt);
      else toCompare.set(excerpt.sourceId, [excerpt]);
    }
  }
  const result: ImportResult = { sources: 0, excerpts: 0, unchanged: 0 };
  let skipped = 0;
  const writing = new Set<string>();
  const removed: ShelvedExcerpt[] = [];
  const removedIds: Promise<unknown>[] = [];
  const candidates = [...sources.values()];
  const stored = await Promise.all(candidates.map((source) =>
    existing.has(source.id) ? quiet(excerptStore.index('by-source').getAll(source.id)) : Promise.resolve([] as ExcerptRecord[])));
  for (const [index, source] of candidates.entries()) {
    const before = existing.get(source.id);
    const beforeExcerpts = stored[index] as ExcerptRecord[];
    if (before && sameSource(before, beforeExcerpts, source, (toCompare.get(source.id) ?? []).sort((a, b) => a.position - b.position))) {
      result.unchanged++;
      continue;
    }
    if (source.origin === 'bundled' || before?.origin === 'bundled') {
      skipped++;
      continue;
    }
    writing.add(source.id);
    for (const old of beforeExcerpts) {
      removed.push({ id: old.id, sourceId: old.sourceId, entityIds: old.entityIds });
      removedIds.push(quiet(excerptStore.delete(old.id)));
    }
    removedIds.push(quiet(sourceStore.put(source)));
  }
  toCompare.clear();
  await Promise.all(removedIds);

  // Pass 2: the excerpts of the sources being written.
  const urls = new Map<string, string>();
  for (const id of writing) {
    const url = sources.get(id)?.url;
    if (url) urls.set(id, urlKey(url));
  }
  const shelves = new ShelfBatch((sourceId) => urls.get(sourceId));
  const copies = await NearCopies.open(tx, checker.counts.excerpts);
  copies.forget(removed.map((excerpt) => excerpt.id));
  const addedIds: string[] = [];
  for (let cursor = await quiet(staged.openCursor(importId)); cursor; cursor = await quiet(cursor.continue())) {
    const excerpts = cursor.value.excerpts.filter((excerpt) => writing.has(excerpt.sourceId));
    const puts = excerpts.map((excerpt) => quiet(excerptStore.put(excerpt)));
    const clusters = await copies.assignAll(excerpts);
    excerpts.forEach((excerpt, index) => {
      shelves.add(excerpt, (clusters[index] as { cluster: number }).cluster);
      addedIds.push(excerpt.id);
    });
    await Promise.all(puts);
    onWritten(addedIds.length);
  }
  result.sources = writing.size;
  result.excerpts = addedIds.length;
  if (skipped) result.skipped = skipped;
  return {
    result,
    removed,
    added: [],
    sourcesPut: [...writing].map((id) => sources.get(id) as SourceRecord),
    sourcesDeleted: [],
    noop: writing.size === 0,
    bulk: { shelves, copies, addedIds },
  };
}
