/**
 * Corpus store benchmarks in Node with fake-indexeddb (`npm run bench -- store`): the store's own
 * code (corpus/), the shelves, the ranking and the full-text index are the real ones; fake-indexeddb's
 * storage is a JavaScript B-tree with structured cloning, so its IndexedDB times are not Chromium's.
 * The reader's path through the real extension, in Chromium, is bench/store-extension.bench.ts.
 *
 * Corpora of 1k, 10k and 100k excerpts (`--quick`: 1k and 10k) generated from the bundled corpus's
 * vocabulary (bench/store-corpus.ts), loaded with one import. Measured per size:
 * - a card (`excerptsFor`) with the worker awake, p50/p95 over 30 pages × up to 5 entities;
 * - the first card after a wake (open the service + the card) minus the same card awake, median
 *   over 5 wakes: what a reader coming back to reading pays;
 * - heap held by the woken service after that card (no full-text index loaded), and after the
 *   reading room loaded the index;
 * - loading the index for search (snapshot + journal, or a rebuild), then search p50/p95 over 60
 *   queries, against `MiniSearch#search` on an index of the same excerpts (the baseline);
 * - adding a page: the first after a wake and the median.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { exportLines } from '../core/corpus-export';
import type { ExtractedPage, PageContextInfo, SearchFilters } from '../core/protocol';
import type { CorpusFile } from '../core/schema';
import { EntityNames, buildSearchQuery, createSearchIndex, searchDocument, searchTerms } from '../core/search-index';
import { CorpusService, type CorpusServiceOptions } from '../corpus/service';
import bundledJson from '../data/corpus.json';
import { type BenchModule, type BenchRow, median, medianTimes, percentile, round } from './harness';
import { CorpusGenerator, benchGazetteer, queries, random, storeWorkload } from './store-corpus';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const bundled = bundledJson as CorpusFile;

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

async function measureSize(size: number, quick: boolean): Promise<BenchRow[]> {
  const gazetteer = benchGazetteer();
  const generator = new CorpusGenerator(gazetteer, size);
  const entries = generator.corpus(size);
  const options: CorpusServiceOptions = {
    indexedDB: new IDBFactory(), name: `bench-store-${size}`, gazetteer, bundled, snapshotEvery: 1_000_000,
    snapshotDelayMs: Number.POSITIVE_INFINITY, now: () => new Date('2025-06-01T12:00:00Z'),
  };
  const label = size >= 1000 ? `${size / 1000}k` : String(size);
  const big = size >= 100_000;
  const rounds = quick ? 1 : 3;
  const { pages, ...workload }: Workload & { pages: ExtractedPage[] } = storeWorkload(gazetteer, generator, entries, size, quick ? 6 : 12);

  // Load the corpus (one import) and make the baseline: MiniSearch over the same excerpts.
  let service = await CorpusService.open(options);
  let started = performance.now();
  const imported = await service.importJsonl([...exportLines('reader', entries, new Date('2024-06-01T00:00:00Z'))].join('\n'));
  const importMs = performance.now() - started;
  const names = new EntityNames(gazetteer);
  const miniSearch = createSearchIndex();
  miniSearch.addAll(entries.flatMap((entry) => entry.excerpts.map((excerpt) => searchDocument(excerpt, entry.source.title))));
  const baselineSearch = await medianTimes(workload.searches, async (item) => {
    const terms = searchTerms(item.query);
    return terms.length ? miniSearch.search(buildSearchQuery(terms, names)) : [];
  }, 1, gc);
  service.close();
  await settle();

  // Cards, from a woken service: the first after each wake, then the same card awake.
  const wakes: number[] = [];
  const awakeAgain: number[] = [];
  let heapAfterCard = 0;
  const wakeCalls = workload.calls.filter((_, index) => index % Math.max(1, Math.floor(workload.calls.length / 5)) === 0).slice(0, 5);
  for (const [index, call] of wakeCalls.entries()) {
    const before = heapMb();
    started = performance.now();
    service = await CorpusService.open(options);
    await service.excerptsFor(call.entityId, call.context, 5);
    wakes.push(performance.now() - started);
    if (index === 0) heapAfterCard = heapMb() - before;
    started = performance.now();
    await service.excerptsFor(call.entityId, { ...call.context, title: `${call.context.title ?? ''} ` }, 5);
    awakeAgain.push(performance.now() - started);
    if (index < wakeCalls.length - 1) {
      service.close();
      await settle();
    }
  }
  const cards = await medianTimes(workload.calls, (call) => service.excerptsFor(call.entityId, call.context, 5), rounds, gc);

  // Search: the index is loaded on the first search (or when the reading room opens).
  const beforeIndex = heapMb();
  started = performance.now();
  const prepared = await service.prepareSearch();
  const loadMs = performance.now() - started;
  const heapWithIndex = heapMb() - beforeIndex + heapAfterCard;
  const search = await medianTimes(workload.searches, (item) => service.search(item.query, item.filters ?? {}, 20), rounds, gc);

  // Adding pages (the index is loaded now, as when the reading room is open).
  service.close();
  await settle();
  service = await CorpusService.open(options);
  started = performance.now();
  await service.addPage(pages[0] as ExtractedPage);
  const firstAdd = performance.now() - started;
  const adds: number[] = [];
  for (const page of pages.slice(1)) {
    started = performance.now();
    await service.addPage(page);
    adds.push(performance.now() - started);
  }
  const problems = size <= 10_000 ? await service.verify() : [];
  service.close();
  await settle();
  if (problems.length) throw new Error(`store ${label}: inconsistent after the run: ${problems.slice(0, 3).join('; ')}`);

  const details = { excerpts: imported.excerpts, sources: imported.sources };
  const p95 = (values: number[]) => round(percentile(values, 95));
  const row = (measure: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({
    area: 'store (node)', name: `${measure} (${label})`, value: round(value), unit, ...extra, details: { ...details, ...(extra.details ?? {}) },
  });
  const target = (limit: number, value: number, text: string) => (big ? { target: text, pass: value <= limit } : {});
  const wakePenalty = median(wakes.map((time, index) => time - (awakeAgain[index] as number)));
  return [
    row('import corpus file', importMs, 'ms'),
    row('card p50 (worker awake)', percentile(cards, 50), 'ms', { details: { calls: workload.calls.length } }),
    row('card p95 (worker awake)', p95(cards), 'ms', { ...target(20, p95(cards), '≤ 20 ms'), details: { calls: workload.calls.length } }),
    row('first card after a wake, minus awake', wakePenalty, 'ms', { details: { wakes: wakes.map(round), awake: awakeAgain.map(round) } }),
    row('heap held after a wake and a card', heapAfterCard, 'MB', target(30, heapAfterCard, '≤ 30 MB')),
    row('load the search index', loadMs, 'ms', { details: { excerpts: prepared.excerpts } }),
    row('heap held with the search index loaded', heapWithIndex, 'MB'),
    row('search p50', percentile(search, 50), 'ms', { baseline: round(percentile(baselineSearch, 50)), baselineName: 'MiniSearch#search', ratio: round(percentile(baselineSearch, 50) / Math.max(percentile(search, 50), 1e-3)), ratioLabel: 'faster' }),
    row('search p95', p95(search), 'ms', { baseline: p95(baselineSearch), baselineName: 'MiniSearch#search', ratio: round(p95(baselineSearch) / Math.max(p95(search), 1e-3)), ratioLabel: 'faster', ...target(20, p95(search), '≤ 20 ms') }),
    row('add 1 page, first after wake', firstAdd, 'ms', target(100, firstAdd, '≤ 100 ms')),
    row('add 1 page, median', median(adds), 'ms', target(100, median(adds), '≤ 100 ms')),
  ];
}

const bench: BenchModule = {
  title: 'Corpus store in Node (fake-indexeddb): cards from shelves, search index on demand',
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
