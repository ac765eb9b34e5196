/**
 * Corpus store benchmarks in Chromium (`npm run bench -- store-chromium`): the same corpora and
 * measurements as bench/store.bench.ts, but with Chromium's real IndexedDB instead of
 * fake-indexeddb. Rows have the area "store (chromium)" and the Node run's measure names, so the
 * two tables line up.
 *
 * How: bench/browser/store-bench-entry.ts (the corpus service, the generator of
 * bench/store-corpus.ts) is bundled with esbuild's JS API at bench time, served with a page from a
 * small HTTP server on 127.0.0.1 (cross-origin isolated, so `performance.now()` has 5 µs
 * resolution instead of 100 µs), and driven with playwright-core in Debian's Chromium (new headless,
 * a fresh profile per run, `--js-flags=--expose-gc` so each timed pass starts after a GC as in
 * Node). Nothing here ships: the extension build only includes entrypoints/.
 *
 * Per size (1k, 10k, 100k excerpts; `--quick`: 1k and 10k):
 * 1. Populate once, in a first page load: generate the corpus and workload in the page, import the
 *    corpus file (`importJsonl`, one transaction), write the packed snapshot. Reported: each phase
 *    and the total. The corpus's and the workload's fingerprints are compared with the same
 *    generation in Node, so the comparison with the Node run holds (a mismatch is reported).
 * 2. Cold start: reload the page (a fresh document: nothing of the service is left in memory) and
 *    open the service (open the database + load the index snapshot), timed in the page; median
 *    over 5 reloads (3 at 100k or with --quick). Target ≤ 1 s at 100k.
 * 3. Cold start after a browser restart: the context is closed and Chromium started again on the
 *    same profile, so its IndexedDB backend re-opens the database files too. Then, in that page:
 *    JS heap held by the woken service (CDP `Runtime.getHeapUsage` after `gc()`, with the service
 *    open minus after closing it; array buffers, outside the JS heap as in Node's heapUsed, in the
 *    details), add 1 page (first after wake, then the median), search and `excerptsFor` p50/p95
 *    (each query's median over 3 passes, 1 with --quick), `verify()` up to 10k.
 * 4. Baselines, as in the Node run: MiniSearch's own paths (`directScoring: false`): a
 *    `toJSON()` snapshot written after one more page, then cold start with `loadJS` (after a
 *    reload) and `MiniSearch#search` on the same workload.
 * Index size (packed snapshot vs MiniSearch JSON, ranking table) is computed as in Node; the
 * origin's storage use (navigator.storage.estimate) is reported beside it.
 */
import { rmSync, mkdtempSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { exportLines } from '../core/corpus-export';
import type { ExtractedPage } from '../core/protocol';
import type { ExerciseResult, OpenResult, StoreBenchApi } from './browser/store-bench-entry';
import { type BenchModule, type BenchRow, median, percentile, round } from './harness';
import { CorpusGenerator, type StoreWorkload, benchGazetteer, fingerprint, storeWorkload } from './store-corpus';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, 'browser', 'store-bench-entry.ts');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // gc() in the page: each timed pass starts after a collection, as in the Node run.
  '--js-flags=--expose-gc',
];
const AREA = 'store (chromium)';

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Backstory store bench</title></head>
<body><p>Backstory corpus store benchmark (real IndexedDB).</p>
<script type="module" src="/store-bench.js"></script></body></html>`;

/** The page script: the entry and everything it imports (lib/, core/, data/) in one ES module. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the store bench page');
  return output.text;
}

interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the page and its script, cross-origin isolated (fine-grained performance.now()). */
async function serve(script: string): Promise<BenchServer> {
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolation });
      response.end(PAGE_HTML);
    } else if (path === '/store-bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...isolation });
      response.end(script);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Chromium on one profile, with the bench page loaded; can be restarted on the same profile. */
class ChromiumSession {
  private context: BrowserContext | undefined;
  private current: Page | undefined;

  constructor(
    private readonly profile: string,
    private readonly origin: string,
  ) {}

  get page(): Page {
    if (!this.current) throw new Error('Chromium is not running');
    return this.current;
  }

  async start(): Promise<void> {
    const context = await chromium.launchPersistentContext(this.profile, { executablePath: CHROMIUM_PATH, headless: false, args: CHROMIUM_ARGS });
    this.context = context;
    this.current = context.pages()[0] ?? (await context.newPage());
    this.current.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
    this.current.on('console', (message) => {
      if (message.type() === 'error') console.error(`  [page console] ${message.text()}`);
    });
  }

  /** A fresh document: load the page (again) and wait for its script. */
  async load(): Promise<void> {
    await this.page.goto(`${this.origin}/`, { waitUntil: 'load' });
    await this.page.waitForFunction(() => window.storeBench !== undefined);
    if (!(await this.page.evaluate(() => window.crossOriginIsolated))) throw new Error('The bench page is not cross-origin isolated');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.context?.close();
    this.context = undefined;
    this.current = undefined;
  }

  /** JS heap used after two collections, and array buffer / external string storage (CDP). */
  async heap(): Promise<{ usedMb: number; backingMb: number }> {
    await this.page.evaluate(() => {
      window.gc?.();
      window.gc?.();
    });
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const usage = await cdp.send('Runtime.getHeapUsage');
      return { usedMb: usage.usedSize / 1e6, backingMb: (usage.backingStorageSize ?? Number.NaN) / 1e6 };
    } finally {
      await cdp.detach();
    }
  }
}

/** Call a method of the page's `window.storeBench` with JSON-serialisable arguments. */
function call<K extends keyof StoreBenchApi>(page: Page, method: K, ...args: Parameters<StoreBenchApi[K]>): Promise<Awaited<ReturnType<StoreBenchApi[K]>>> {
  return page.evaluate(
    async ([name, values]) => {
      const api = window.storeBench as unknown as Record<string, (...params: unknown[]) => unknown> | undefined;
      if (!api) throw new Error('The bench page did not load');
      const method = api[name];
      if (typeof method !== 'function') throw new Error(`The bench page has no ${name}()`);
      return method(...values);
    },
    [method, args as unknown[]] as const,
  ) as Promise<Awaited<ReturnType<StoreBenchApi[K]>>>;
}

/** The same generation in Node: fingerprints of the corpus file and of the workload. */
function nodeFingerprints(size: number, pageCount: number): { corpus: string; workload: string } {
  const gazetteer = benchGazetteer();
  const generator = new CorpusGenerator(gazetteer, size);
  const entries = generator.corpus(size);
  const corpus = fingerprint([...exportLines('reader', entries, new Date('2024-06-01T00:00:00Z'))].join('\n'));
  const workload = storeWorkload(gazetteer, generator, entries, size, pageCount);
  const baselinePage = generator.page();
  return { corpus, workload: fingerprint(JSON.stringify([workload, baselinePage])) };
}

async function measureSize(session: ChromiumSession, size: number, quick: boolean): Promise<BenchRow[]> {
  const name = `bench-store-chromium-${size}`;
  const label = size >= 1000 ? `${size / 1000}k` : String(size);
  const big = size >= 100_000;
  const coldRuns = big || quick ? 3 : 5;
  const rounds = quick ? 1 : 3;
  const pageCount = quick ? 6 : 12;
  const log = (text: string) => console.error(`    ${label}: ${text}`);

  // 1. Populate once.
  await session.load();
  let started = performance.now();
  const populated = await call(session.page, 'populate', size, name, pageCount);
  const populateWallMs = performance.now() - started;
  const workload: StoreWorkload = populated.workload;
  const baselinePage: ExtractedPage = populated.baselinePage;
  log(`populated in ${Math.round(populateWallMs)} ms (generate ${Math.round(populated.generateMs)}, import ${Math.round(populated.importMs)}, snapshot ${Math.round(populated.snapshotMs)})`);
  const phases = populated.importPhases;
  log(`import: check ${Math.round(phases.checkMs)}, write ${Math.round(phases.writeMs)}, commit ${Math.round(phases.commitMs)}, index ${Math.round(phases.indexMs)} ms`);
  const node = nodeFingerprints(size, pageCount);
  const sameAsNode = node.corpus === populated.corpusFingerprint && node.workload === populated.workloadFingerprint;
  if (!sameAsNode) {
    console.error(`    ${label}: WARNING the page generated another corpus or workload than Node (corpus ${populated.corpusFingerprint} vs ${node.corpus}, workload ${populated.workloadFingerprint} vs ${node.workload})`);
  }

  // 2. Cold starts, each in a fresh page load.
  const open = async (directScoring: boolean): Promise<OpenResult> => {
    await session.load();
    await call(session.page, 'setWorkload', workload);
    const opened = await call(session.page, 'open', name, directScoring);
    if (opened.directScoring !== directScoring) throw new Error(`store-chromium ${label}: opened with directScoring ${opened.directScoring}, wanted ${directScoring}`);
    if (opened.excerpts < size) throw new Error(`store-chromium ${label}: the index holds ${opened.excerpts} excerpts after a cold start`);
    return opened;
  };
  const close = () => call(session.page, 'close');
  const cold: OpenResult[] = [];
  for (let run = 0; run < coldRuns; run++) {
    cold.push(await open(true));
    await close();
  }
  log(`cold starts ${cold.map((result) => Math.round(result.ms)).join(', ')} ms`);

  // 3. After a browser restart: cold start, heap, adds, queries.
  await session.restart();
  const restarted = await open(true);
  const heapWith = await session.heap();
  const exercised: ExerciseResult = await call(session.page, 'exercise', rounds, size <= 10_000);
  await close();
  const heapWithout = await session.heap();
  if (exercised.problems.length) throw new Error(`store-chromium ${label}: inconsistent after the run: ${exercised.problems.slice(0, 3).join('; ')}`);
  log(`after restart: cold start ${Math.round(restarted.ms)} ms; adds and queries done`);

  // 4. Baselines: MiniSearch toJSON snapshot, loadJS cold start, MiniSearch#search.
  await open(false);
  await call(session.page, 'addPage', baselinePage);
  const jsonSnapshotMs = await call(session.page, 'flush');
  await close();
  const baselineCold: OpenResult[] = [];
  const baselineRuns = big ? 1 : coldRuns;
  let baseline: { search: number[]; excerpts: number[] } | undefined;
  for (let run = 0; run < baselineRuns; run++) {
    baselineCold.push(await open(false));
    if (run === baselineRuns - 1) baseline = await call(session.page, 'queries', 1);
    await close();
  }
  if (!baseline) throw new Error('no baseline queries');
  await call(session.page, 'deleteDatabase', name);
  log(`baselines done (toJSON snapshot ${Math.round(jsonSnapshotMs)} ms, loadJS cold start ${baselineCold.map((result) => Math.round(result.ms)).join(', ')} ms)`);

  const details = { excerpts: populated.excerpts, sources: populated.sources, sameCorpusAsNode: sameAsNode };
  const p95 = (values: number[]) => round(percentile(values, 95));
  const row = (measure: string, value: number, unit: string, extra: Partial<BenchRow> & { details?: Record<string, unknown> } = {}): BenchRow => ({
    area: AREA, name: `${measure} (${label})`, value: round(value), unit, ...extra, details: { ...details, ...(extra.details ?? {}) },
  });
  const target = (limit: number, value: number, text: string) => (big ? { target: text, pass: value <= limit } : {});
  const faster = (value: number, baselineValue: number, baselineName: string) => ({
    baseline: round(baselineValue), baselineName, ratio: round(baselineValue / Math.max(value, 1e-3)), ratioLabel: 'faster',
  });
  const searchP95 = p95(exercised.search);
  const excerptsP95 = p95(exercised.excerpts);
  const coldMedian = median(cold.map((result) => result.ms));
  const baselineColdMedian = median(baselineCold.map((result) => result.ms));
  const addMedian = median(exercised.addMs);
  const populateMs = populated.generateMs + populated.importMs + populated.snapshotMs;
  const usageBytes = populated.usageAfter !== undefined && populated.usageBefore !== undefined ? populated.usageAfter - populated.usageBefore : Number.NaN;
  const heap = heapWith.usedMb - heapWithout.usedMb;
  return [
    row('populate (generate + import + snapshot)', populateMs, 'ms', {
      details: { generateMs: round(populated.generateMs), importMs: round(populated.importMs), snapshotMs: round(populated.snapshotMs), wallMs: round(populateWallMs) },
    }),
    row('import corpus file', populated.importMs, 'ms', {
      details: { lines: populated.lines, ...Object.fromEntries(Object.entries(populated.importPhases).map(([phase, ms]) => [phase, round(ms)])) },
    }),
    row('write index snapshot (packed)', populated.snapshotMs, 'ms', faster(populated.snapshotMs, jsonSnapshotMs, 'MiniSearch toJSON')),
    row('add 1 page, first after wake', exercised.firstAddMs, 'ms', {
      ...target(100, exercised.firstAddMs, '≤ 100 ms'),
      details: { excerptsPerPage: 6, note: 'after a browser restart; compiles the spotter, builds the near-duplicate lookup' },
    }),
    row('add 1 page, median', addMedian, 'ms', { ...target(100, addMedian, '≤ 100 ms'), details: { runs: exercised.addMs.length, excerptsPerPage: 6 } }),
    row('search p50', round(percentile(exercised.search, 50)), 'ms', {
      ...faster(percentile(exercised.search, 50), percentile(baseline.search, 50), 'MiniSearch#search'), details: { queries: workload.searches.length },
    }),
    row('search p95', searchP95, 'ms', {
      ...faster(searchP95, p95(baseline.search), 'MiniSearch#search'), ...target(20, searchP95, '≤ 20 ms'),
      details: { queries: workload.searches.length, max: round(Math.max(...exercised.search)) },
    }),
    row('excerptsFor p50', round(percentile(exercised.excerpts, 50)), 'ms', {
      ...faster(percentile(exercised.excerpts, 50), percentile(baseline.excerpts, 50), 'title via MiniSearch#search'), details: { calls: workload.calls.length },
    }),
    row('excerptsFor p95', excerptsP95, 'ms', {
      ...faster(excerptsP95, p95(baseline.excerpts), 'title via MiniSearch#search'), ...target(20, excerptsP95, '≤ 20 ms'),
      details: { calls: workload.calls.length, max: round(Math.max(...exercised.excerpts)) },
    }),
    row('cold start (open + load index)', coldMedian, 'ms', {
      ...faster(coldMedian, baselineColdMedian, 'toJSON/loadJS'), ...target(1000, coldMedian, '≤ 1000 ms'),
      details: {
        runs: cold.map((result) => round(result.ms)), fresh: 'page reloaded before each run',
        sinceNavigationMs: cold.map((result) => round(result.sinceNavigationMs)), baselineRuns: baselineCold.map((result) => round(result.ms)),
      },
    }),
    row('cold start after a browser restart', restarted.ms, 'ms', {
      ...target(1000, restarted.ms, '≤ 1000 ms'), details: { runs: 1, sinceNavigationMs: round(restarted.sinceNavigationMs) },
    }),
    row('index size, packed snapshot', populated.packedBytes, 'bytes', {
      baseline: populated.jsonBytes, baselineName: 'MiniSearch JSON', ratio: round(populated.jsonBytes / populated.packedBytes), ratioLabel: 'smaller',
    }),
    row('ranking table size', populated.tableBytes, 'bytes'),
    row('IndexedDB storage used', usageBytes, 'bytes', { details: { source: 'navigator.storage.estimate(), after populating minus before' } }),
    row('heap used by a woken service', heap, 'MB', {
      details: {
        source: 'CDP Runtime.getHeapUsage after gc(), service open minus closed', withServiceMb: round(heapWith.usedMb), closedMb: round(heapWithout.usedMb),
        arrayBuffersMb: round(heapWith.backingMb - heapWithout.backingMb),
      },
    }),
  ];
}

const bench: BenchModule = {
  title: 'Corpus store in Chromium: real IndexedDB, MiniSearch index, ranking',
  async run({ quick }) {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or install Debian's chromium).`);
    const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const started = performance.now();
    const server = await serve(await bundle());
    const profile = mkdtempSync(join(tmpdir(), 'backstory-store-bench-'));
    const session = new ChromiumSession(profile, server.origin);
    const rows: BenchRow[] = [];
    try {
      await session.start();
      for (const size of sizes) {
        console.error(`  store-chromium: ${size} excerpts…`);
        rows.push(...(await measureSize(session, size, quick)));
      }
    } finally {
      await session.stop();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
    console.error(`  store-chromium: done in ${Math.round((performance.now() - started) / 1000)} s`);
    return rows;
  },
};

export default bench;
