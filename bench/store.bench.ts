/**
 * Corpus store benchmarks (`npm run bench -- store`), in Node with fake-indexeddb: the IndexedDB
 * code paths, the MiniSearch index and the ranking are the real ones; fake-indexeddb's storage is a
 * JavaScript B-tree with structured cloning, so IndexedDB times here are not Chromium's (the
 * real-IndexedDB run in Chromium is bench/store-chromium.bench.ts, with the same corpora).
 *
 * Corpora of 1k, 10k and 100k excerpts (`--quick`: 1k and 10k) are generated from the bundled
 * corpus's vocabulary (bench/store-corpus.ts, shared with the Chromium run). They are loaded with
 * `importJsonl` (one transaction), then snapshotted.
 *
 * Measured per size:
 * - add 1 page (6 excerpts): the first after a wake (it builds the near-duplicate lookup) and the
 *   median of the next ones. Target ≤ 100 ms.
 * - search p50/p95 over 60 queries (entity names in four scripts, common and rare words, prefixes,
 *   typos, filters). Target p95 ≤ 20 ms.
 * - excerptsFor p50/p95: 30 pages, 5 entities each (a card per mention kind of the page), with the
 *   page's title, date and entities. Target p95 ≤ 20 ms.
 *   Each query's time is its median over 3 passes (1 with --quick) after a warm-up pass, with a
 *   GC before each pass (the generator's garbage is not the store's); p50/p95 are over queries.
 * - cold start: open the database and load the index snapshot (median of runs). Target ≤ 1 s.
 * - index size: bytes of the MiniSearch JSON and of the ranking table as persisted.
 * - heap held by a freshly woken service: heap used (after GC) with it open, minus after closing it.
 * Baselines, measured in the same run on the same database and workload: MiniSearch's own paths
 * (`directScoring: false`: `MiniSearch#search`, and a snapshot saved with `toJSON()` and loaded
 * with `loadJS`). Targets are the absolute ones, checked at 100k.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { exportLines } from '../core/corpus-export';
import type { ExtractedPage, PageContextInfo, SearchFilters } from '../core/protocol';
import type { CorpusFile } from '../core/schema';
import bundledJson from '../data/corpus.json';
import type { SerializedTable } from '../core/excerpt-table';
import { packedSize } from '../core/search-postings';
import { CorpusService, type CorpusServiceOptions } from '../lib/corpus-service';
import { type BenchModule, type BenchRow, median, medianTimes, percentile, round } from './harness';
import { CorpusGenerator, benchGazetteer, queries, random, storeWorkload } from './store-corpus';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const bundled = bundledJson as CorpusFile;

async function timeEach<T>(items: readonly T[], run: (item: T) => Promise<unknown>, warmup = 5): Promise<number[]> {
  for (const item of items.slice(0, warmup)) await run(item);
  const times: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    times.push(performance.now() - start);
  }
  return times;
}

/** Let fake-indexeddb finish closing connections (it releases them a task later). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

interface Workload {
  searches: { query: string; filters?: SearchFilters }[];
  calls: { entityId: string; context: PageContextInfo }[];
}

async function measureQueries(service: CorpusService, workload: Workload, rounds: number): Promise<{ search: number[]; excerpts: number[] }> {
  const search = await medianTimes(workload.searches, (item) => service.search(item.query, item.filters ?? {}, 20), rounds, gc);
  const excerpts = await medianTimes(workload.calls, (call) => service.excerptsFor(call.entityId, call.context, 5), rounds, gc);
  return { search, excerpts };
}

async function coldStarts(options: CorpusServiceOptions, runs: number): Promise<{ times: number[]; service: CorpusService }> {
  const times: number[] = [];
  for (let run = 0; ; run++) {
    gc();
    const started = performance.now();
    const woken = await CorpusService.open(options);
    times.push(performance.now() - started);
    if (run === runs - 1) return { times, service: woken };
    woken.close();
    await settle();
  }
}

async function measureSize(size: number, quick: boolean): Promise<BenchRow[]> {
  const gazetteer = benchGazetteer();
  const generator = new CorpusGenerator(gazetteer, size);
  const entries = generator.corpus(size);
  let file = [...exportLines('reader', entries, new Date('2024-06-01T00:00:00Z'))].join('\n');
  const lines = file.split('\n').length;
  const options: CorpusServiceOptions = {
    indexedDB: new IDBFactory(), name: `bench-store-${size}`, gazetteer, bundled, snapshotEvery: 1_000_000,
    snapshotDelayMs: Number.POSITIVE_INFINITY, now: () => new Date('2025-06-01T12:00:00Z'),
  };
  const label = size >= 1000 ? `${size / 1000}k` : String(size);
  const big = size >= 100_000;
  const coldRuns = big || quick ? 3 : 5;
  const rounds = quick ? 1 : 3;

  // Load the corpus (one import transaction) and write the first snapshot.
  let service: CorpusService | undefined = await CorpusService.open(options);
  let started = performance.now();
  const imported = await service.importJsonl(file);
  const importMs = performance.now() - started;
  file = '';
  started = performance.now();
  await service.flush();
  const snapshotMs = performance.now() - started;
  const excerptCount = (await service.stats()).excerpts;
  const serialised = service.serialisedIndex();
  const packedBytes = serialised.packed ? packedSize(serialised.packed) : Number.NaN;
  const tableBytes = tableSize(serialised.table);
  const jsonBytes = Buffer.byteLength(JSON.stringify(serialised.json()));
  service.close();
  service = undefined;

  // The workload, the same for both paths.
  const { pages, ...workload } = storeWorkload(gazetteer, generator, entries, size, quick ? 6 : 12);

  // Direct path: cold start, heap, adds, queries.
  let cold: { times: number[]; service: CorpusService } | undefined = await coldStarts(options, coldRuns);
  const coldTimes = cold.times;
  service = cold.service;
  cold = undefined;
  // Heap held by the woken service: measured with it alive, then again once closed and dropped.
  await settle();
  const heapWithService = heapMb();
  started = performance.now();
  await service.addPage(pages[0] as ExtractedPage);
  const firstAdd = performance.now() - started;
  const addTimes = await timeEach(pages.slice(1), (extracted) => (service as CorpusService).addPage(extracted), 0);
  const direct = await measureQueries(service, workload, rounds);
  const problems = size <= 10_000 ? await service.verify() : [];
  // Write the snapshot the baseline loads: MiniSearch's own toJSON, in the same database.
  service.close();
  service = undefined;
  await settle();
  const heap = heapWithService - heapMb();
  if (problems.length) throw new Error(`store ${label}: inconsistent after the run: ${problems.slice(0, 3).join('; ')}`);
  const baselineOptions = { ...options, directScoring: false };
  service = await CorpusService.open(baselineOptions);
  await service.addPage(generator.page());
  started = performance.now();
  await service.flush();
  const jsonSnapshotMs = performance.now() - started;
  service.close();
  service = undefined;

  // Baseline path: MiniSearch#search, toJSON/loadJS.
  const baselineCold = await coldStarts(baselineOptions, big ? 1 : coldRuns);
  service = baselineCold.service;
  const baseline = await measureQueries(service, workload, 1);
  service.close();
  service = undefined;

  const details = { excerpts: excerptCount, sources: imported.sources };
  const p95 = (values: number[]) => round(percentile(values, 95));
  const row = (measure: string, value: number, unit: string, extra: Partial<BenchRow> & { details?: Record<string, unknown> } = {}): BenchRow => ({
    area: 'store', name: `${measure} (${label})`, value: round(value), unit, ...extra, details: { ...details, ...(extra.details ?? {}) },
  });
  const target = (limit: number, value: number, text: string) => (big ? { target: text, pass: value <= limit } : {});
  const faster = (value: number, baselineValue: number, name: string) => ({
    baseline: round(baselineValue), baselineName: name, ratio: round(baselineValue / Math.max(value, 1e-3)), ratioLabel: 'faster',
  });
  const searchP95 = p95(direct.search);
  const excerptsP95 = p95(direct.excerpts);
  const coldMedian = median(coldTimes);
  return [
    row('import corpus file', importMs, 'ms', { details: { lines } }),
    row('write index snapshot (packed)', snapshotMs, 'ms', faster(snapshotMs, jsonSnapshotMs, 'MiniSearch toJSON')),
    row('add 1 page, first after wake', firstAdd, 'ms', { ...target(100, firstAdd, '≤ 100 ms'), details: { excerptsPerPage: 6, note: 'compiles the spotter, builds the near-duplicate lookup' } }),
    row('add 1 page, median', median(addTimes), 'ms', { ...target(100, median(addTimes), '≤ 100 ms'), details: { runs: addTimes.length, excerptsPerPage: 6 } }),
    row('search p50', round(percentile(direct.search, 50)), 'ms', { ...faster(percentile(direct.search, 50), percentile(baseline.search, 50), 'MiniSearch#search'), details: { queries: workload.searches.length } }),
    row('search p95', searchP95, 'ms', { ...faster(searchP95, p95(baseline.search), 'MiniSearch#search'), ...target(20, searchP95, '≤ 20 ms'), details: { queries: workload.searches.length, max: round(Math.max(...direct.search)) } }),
    row('excerptsFor p50', round(percentile(direct.excerpts, 50)), 'ms', { ...faster(percentile(direct.excerpts, 50), percentile(baseline.excerpts, 50), 'title via MiniSearch#search'), details: { calls: workload.calls.length } }),
    row('excerptsFor p95', excerptsP95, 'ms', { ...faster(excerptsP95, p95(baseline.excerpts), 'title via MiniSearch#search'), ...target(20, excerptsP95, '≤ 20 ms'), details: { calls: workload.calls.length, max: round(Math.max(...direct.excerpts)) } }),
    row('cold start (open + load index)', coldMedian, 'ms', { ...faster(coldMedian, median(baselineCold.times), 'toJSON/loadJS'), ...target(1000, coldMedian, '≤ 1000 ms'), details: { runs: coldTimes.map((time) => round(time)) } }),
    row('index size, packed snapshot', packedBytes, 'bytes', { baseline: jsonBytes, baselineName: 'MiniSearch JSON', ratio: round(jsonBytes / packedBytes), ratioLabel: 'smaller' }),
    row('ranking table size', tableBytes, 'bytes'),
    row('heap used by a woken service', heap, 'MB'),
  ];
}

function tableSize(table: SerializedTable): number {
  let bytes = 0;
  for (const value of Object.values(table)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) bytes += value.reduce((sum: number, item: unknown) => sum + (typeof item === 'string' ? item.length * 2 : 0), 0);
  }
  return bytes;
}

const bench: BenchModule = {
  title: 'Corpus store: IndexedDB (fake-indexeddb), MiniSearch index, ranking',
  async run({ quick }) {
    const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const rows: BenchRow[] = [];
    for (const size of sizes) {
      console.error(`  store: ${size} excerpts…`);
      rows.push(...(await measureSize(size, quick)));
    }
    return rows;
  },
};

export default bench;
export { CorpusGenerator, benchGazetteer, queries, random };
