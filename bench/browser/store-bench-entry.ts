/**
 * The page side of the Chromium store benchmark (bench/store-chromium.bench.ts bundles this file
 * with esbuild and serves it from 127.0.0.1). It runs the corpus service against Chromium's real
 * IndexedDB and exposes `window.storeBench`, which the bench drives step by step through
 * playwright: populate a database once per size, open it again after each page load (cold start),
 * then add pages and time searches and `excerptsFor` calls, all timed here with `performance.now()`.
 *
 * The corpus and workload come from bench/store-corpus.ts, as in the Node run. The workload is
 * generated while populating and handed back to the bench, which passes it in again after each
 * page load, so a cold start does not regenerate (and allocate) a corpus first.
 *
 * Needs `gc()` (Chromium started with --js-flags=--expose-gc): like the Node run, each timed pass
 * starts after a collection.
 */
import { exportLines } from '../../core/corpus-export';
import type { SerializedTable } from '../../core/excerpt-table';
import type { ExtractedPage } from '../../core/protocol';
import type { CorpusFile } from '../../core/schema';
import { packedSize } from '../../core/search-postings';
import bundledJson from '../../data/corpus.json';
import { CorpusService, type CorpusServiceOptions, type ImportProgress } from '../../lib/corpus-service';
import { medianTimes } from '../harness';
import { CorpusGenerator, type StoreWorkload, benchGazetteer, fingerprint, storeWorkload } from '../store-corpus';

const bundled = bundledJson as CorpusFile;
const gazetteer = benchGazetteer();

/** What populating one database took and produced. */
export interface PopulateResult {
  excerpts: number;
  sources: number;
  lines: number;
  generateMs: number;
  importMs: number;
  /** The import by the phases it reports: parse and check, write requests, commit, index in memory. */
  importPhases: ImportPhases;
  snapshotMs: number;
  packedBytes: number;
  tableBytes: number;
  jsonBytes: number;
  /** navigator.storage.estimate() usage before and after (the origin's IndexedDB on disk). */
  usageBefore: number | undefined;
  usageAfter: number | undefined;
  corpusFingerprint: string;
  workloadFingerprint: string;
  workload: StoreWorkload;
  /** The page the baseline adds before writing its MiniSearch JSON snapshot. */
  baselinePage: ExtractedPage;
}

export interface ImportPhases {
  checkMs: number;
  writeMs: number;
  commitMs: number;
  indexMs: number;
}

/** Times the phases of an import from its progress events (lib/corpus-service.ts ImportProgress). */
function phaseClock(): { onProgress: (progress: ImportProgress) => void; phases: (ended: number) => ImportPhases } {
  const started = performance.now();
  let checked = started;
  let written = Number.NaN;
  let indexing = Number.NaN;
  let indexed = Number.NaN;
  return {
    onProgress(progress) {
      const now = performance.now();
      if (progress.phase === 'checking') checked = now;
      else if (progress.phase === 'writing' && progress.done === progress.total) written = now;
      else if (progress.phase === 'indexing' && progress.done === 0) indexing = now;
      else if (progress.phase === 'indexing' && progress.done === progress.total) indexed = now;
    },
    phases: (ended) => ({
      checkMs: checked - started,
      writeMs: written - checked,
      commitMs: indexing - written,
      indexMs: (Number.isNaN(indexed) ? ended : indexed) - indexing,
    }),
  };
}

export interface OpenResult {
  ms: number;
  /** From the start of the navigation to the service being open (includes loading this bundle). */
  sinceNavigationMs: number;
  directScoring: boolean;
  excerpts: number;
}

export interface ExerciseResult {
  firstAddMs: number;
  addMs: number[];
  search: number[];
  excerpts: number[];
  problems: string[];
}

export interface StoreBenchApi {
  populate(size: number, name: string, pageCount: number): Promise<PopulateResult>;
  setWorkload(workload: StoreWorkload): void;
  open(name: string, directScoring: boolean): Promise<OpenResult>;
  /** Adds the workload's pages (the first one timed alone), then times the queries. */
  exercise(rounds: number, verify: boolean): Promise<ExerciseResult>;
  queries(rounds: number): Promise<{ search: number[]; excerpts: number[] }>;
  addPage(page: ExtractedPage): Promise<number>;
  flush(): Promise<number>;
  close(): Promise<void>;
  deleteDatabase(name: string): Promise<void>;
  usage(): Promise<number | undefined>;
}

declare global {
  interface Window {
    storeBench?: StoreBenchApi;
    gc?: () => void;
  }
}

function options(name: string, directScoring: boolean): CorpusServiceOptions {
  return {
    indexedDB,
    name,
    gazetteer,
    bundled,
    snapshotEvery: 1_000_000,
    snapshotDelayMs: Number.POSITIVE_INFINITY,
    now: () => new Date('2025-06-01T12:00:00Z'),
    directScoring,
  };
}

function collect(): void {
  if (typeof window.gc !== 'function') throw new Error('gc() is not exposed: start Chromium with --js-flags=--expose-gc');
  window.gc();
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    request.onblocked = () => reject(new Error(`Deleting ${name} is blocked by an open connection`));
  });
}

async function usage(): Promise<number | undefined> {
  return (await navigator.storage?.estimate?.())?.usage;
}

function tableSize(table: SerializedTable): number {
  let bytes = 0;
  for (const value of Object.values(table)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) bytes += value.reduce((sum: number, item: unknown) => sum + (typeof item === 'string' ? item.length * 2 : 0), 0);
  }
  return bytes;
}

let service: CorpusService | undefined;
let workload: StoreWorkload | undefined;

function openService(): CorpusService {
  if (!service) throw new Error('No corpus service is open');
  return service;
}

function currentWorkload(): StoreWorkload {
  if (!workload) throw new Error('No workload: call setWorkload() after the page loads');
  return workload;
}

async function timeQueries(rounds: number): Promise<{ search: number[]; excerpts: number[] }> {
  const current = openService();
  const { searches, calls } = currentWorkload();
  const search = await medianTimes(searches, (item) => current.search(item.query, item.filters ?? {}, 20), rounds, collect);
  const excerpts = await medianTimes(calls, (call) => current.excerptsFor(call.entityId, call.context, 5), rounds, collect);
  return { search, excerpts };
}

const api: StoreBenchApi = {
  async populate(size, name, pageCount) {
    if (service) throw new Error('A corpus service is already open');
    await deleteDatabase(name);
    const usageBefore = await usage();
    let started = performance.now();
    const generator = new CorpusGenerator(gazetteer, size);
    const entries = generator.corpus(size);
    let file = [...exportLines('reader', entries, new Date('2024-06-01T00:00:00Z'))].join('\n');
    const generated = storeWorkload(gazetteer, generator, entries, size, pageCount);
    const baselinePage = generator.page();
    const generateMs = performance.now() - started;
    const corpusFingerprint = fingerprint(file);
    const workloadFingerprint = fingerprint(JSON.stringify([generated, baselinePage]));
    const lines = file.split('\n').length;

    const populating = await CorpusService.open(options(name, true));
    try {
      const clock = phaseClock();
      started = performance.now();
      const imported = await populating.importJsonl(file, clock.onProgress);
      const ended = performance.now();
      const importMs = ended - started;
      const importPhases = clock.phases(ended);
      file = '';
      started = performance.now();
      await populating.flush();
      const snapshotMs = performance.now() - started;
      const excerpts = (await populating.stats()).excerpts;
      const serialised = populating.serialisedIndex();
      const packedBytes = serialised.packed ? packedSize(serialised.packed) : Number.NaN;
      const tableBytes = tableSize(serialised.table);
      const jsonBytes = new TextEncoder().encode(JSON.stringify(serialised.json())).byteLength;
      return {
        excerpts, sources: imported.sources, lines, generateMs, importMs, importPhases, snapshotMs, packedBytes, tableBytes, jsonBytes,
        usageBefore, usageAfter: await usage(), corpusFingerprint, workloadFingerprint, workload: generated, baselinePage,
      };
    } finally {
      populating.close();
    }
  },

  setWorkload(next) {
    workload = next;
  },

  async open(name, directScoring) {
    if (service) throw new Error('A corpus service is already open');
    collect();
    const started = performance.now();
    service = await CorpusService.open(options(name, directScoring));
    const ended = performance.now();
    const diagnostics = service.diagnostics();
    return { ms: ended - started, sinceNavigationMs: ended, directScoring: diagnostics.directScoring, excerpts: diagnostics.indexedDocuments };
  },

  async exercise(rounds, verify) {
    const current = openService();
    const [first, ...rest] = currentWorkload().pages;
    if (!first) throw new Error('The workload has no pages to add');
    let started = performance.now();
    await current.addPage(first);
    const firstAddMs = performance.now() - started;
    const addMs: number[] = [];
    for (const page of rest) {
      started = performance.now();
      await current.addPage(page);
      addMs.push(performance.now() - started);
    }
    const { search, excerpts } = await timeQueries(rounds);
    const problems = verify ? await current.verify() : [];
    return { firstAddMs, addMs, search, excerpts, problems };
  },

  queries: timeQueries,

  async addPage(page) {
    const started = performance.now();
    await openService().addPage(page);
    return performance.now() - started;
  },

  async flush() {
    const started = performance.now();
    await openService().flush();
    return performance.now() - started;
  },

  async close() {
    service?.close();
    service = undefined;
    // IndexedDB closes a connection once its transactions are done: give it a task.
    await new Promise((resolve) => setTimeout(resolve, 50));
  },

  deleteDatabase,
  usage,
};

window.storeBench = api;
