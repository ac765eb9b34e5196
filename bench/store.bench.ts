/**
 * Corpus store benchmarks (`npm run bench -- store`), in Node with fake-indexeddb: the IndexedDB
 * code paths, the MiniSearch index and the ranking are the real ones; fake-indexeddb's storage is a
 * JavaScript B-tree with structured cloning, so IndexedDB times here are not Chromium's (a
 * real-IndexedDB run in Chromium is to be added beside this one).
 *
 * Corpora of 1k, 10k and 100k excerpts (`--quick`: 1k and 10k) are generated from the bundled
 * corpus's vocabulary: sentences of data/corpus.json recombined two or three at a time, 15% of
 * their words swapped for other words of the seeds, entity mentions re-pointed at entities drawn
 * with a Zipf distribution (the gazetteer's, topped up with generated names to 190), dates spread
 * over 2014–2025 (most in 2022–2024), sources of ~10 excerpts, 3% syndicated copies of another
 * source. They are loaded with `importJsonl` (one transaction), then snapshotted.
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
import { exportLines, type ExportedSource } from '../core/corpus-export';
import { sentences } from '../core/excerpts';
import type { Entity, Gazetteer } from '../core/gazetteer';
import type { ExtractedPage, PageContextInfo, SearchFilters } from '../core/protocol';
import type { CorpusFile, ExcerptMention, ExcerptRecord, SourceRecord } from '../core/schema';
import { searchTerms } from '../core/search-index';
import bundledJson from '../data/corpus.json';
import entitiesJson from '../data/entities.json';
import type { SerializedTable } from '../core/excerpt-table';
import { packedSize } from '../core/search-postings';
import { CorpusService, type CorpusServiceOptions } from '../lib/corpus-service';
import { type BenchModule, type BenchRow, median, percentile, round } from './harness';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const bundled = bundledJson as CorpusFile;
const realGazetteer = entitiesJson as Gazetteer;
const TARGET_ENTITIES = 190;

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ro', 'vi', 'no', 'dar', 'hi', 'lo', 'mir', 'sla', 'vo', 'ne', 'tsk', 'pol', 'ya', 'zh', 'yn', 'ov', 'ka', 'do', 'ba'];

/** The gazetteer's entities, topped up with generated places and people up to TARGET_ENTITIES. */
function benchGazetteer(): Gazetteer {
  const next = random(7);
  const entities: Entity[] = [...realGazetteer.entities];
  const taken = new Set(entities.map((entity) => entity.id));
  while (entities.length < TARGET_ENTITIES) {
    const parts = 2 + Math.floor(next() * 2);
    let name = '';
    for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    name = name[0]?.toUpperCase() + name.slice(1);
    const person = next() < 0.3;
    const full = person ? `General ${name}` : `${name}ivka`;
    const id = `bench-${full.toLowerCase().replace(/\s+/gu, '-')}`;
    if (taken.has(id)) continue;
    taken.add(id);
    entities.push({ id, name: full, kind: person ? 'person' : 'place', description: 'Generated for benchmarks.', aliases: [full] });
  }
  return { ...realGazetteer, entities };
}

interface Sentence {
  text: string;
  mentions: ExcerptMention[];
}

/** The bundled corpus cut into sentences, with the mentions inside each. */
function seedSentences(): Sentence[] {
  const result: Sentence[] = [];
  for (const excerpt of bundled.excerpts) {
    for (const sentence of sentences(excerpt.text)) {
      if (sentence.text.length < 40) continue;
      const end = sentence.start + sentence.text.length;
      const mentions = excerpt.mentions
        .filter(([start, stop]) => start >= sentence.start && stop <= end)
        .map(([start, stop, id]) => [start - sentence.start, stop - sentence.start, id] as ExcerptMention);
      result.push({ text: sentence.text, mentions });
    }
  }
  return result;
}

class CorpusGenerator {
  private readonly next: () => number;
  private readonly sentences = seedSentences();
  private readonly vocabulary: string[];
  private readonly entities: Entity[];
  private readonly zipf: number[];
  private readonly titleWords: string[];
  private serial = 0;

  constructor(gazetteer: Gazetteer, seed: number) {
    this.next = random(seed);
    this.entities = gazetteer.entities;
    const weights = this.entities.map((_, rank) => 1 / (rank + 1) ** 0.9);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let acc = 0;
    this.zipf = weights.map((weight) => (acc += weight / total));
    this.vocabulary = bundled.excerpts.flatMap((excerpt) => excerpt.text.split(/\s+/u)).filter((word) => /^[\p{L}]{4,}$/u.test(word));
    this.titleWords = bundled.sources.flatMap((source) => searchTerms(source.title));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  private entity(): Entity {
    const roll = this.next();
    const index = this.zipf.findIndex((bound) => roll <= bound);
    return this.entities[index < 0 ? this.entities.length - 1 : index] as Entity;
  }

  /** One sentence, its words varied and its mentions re-pointed; offsets kept exact. */
  private sentence(): Sentence {
    const seed = this.pick(this.sentences);
    let text = '';
    const mentions: ExcerptMention[] = [];
    let cursor = 0;
    const vary = (chunk: string) => chunk.replace(/[\p{L}]{4,}/gu, (word) => (this.next() < 0.15 ? this.pick(this.vocabulary) : word));
    for (const [start, end, id] of seed.mentions) {
      text += vary(seed.text.slice(cursor, start));
      let surface = seed.text.slice(start, end);
      let entityId = id;
      if (this.next() < 0.6) {
        const other = this.entity();
        surface = other.name;
        entityId = other.id;
      }
      mentions.push([text.length, text.length + surface.length, entityId]);
      text += surface;
      cursor = end;
    }
    text += vary(seed.text.slice(cursor));
    if (mentions.length === 0 && this.next() < 0.7) {
      const other = this.entity();
      const lead = `In ${other.name}, `;
      mentions.push([3, 3 + other.name.length, other.id]);
      text = lead + text.charAt(0).toLowerCase() + text.slice(1);
    }
    return { text, mentions };
  }

  /** An excerpt text of two or three sentences with its mentions. */
  passage(): Sentence {
    const count = 2 + Math.floor(this.next() * 2);
    let text = '';
    const mentions: ExcerptMention[] = [];
    for (let i = 0; i < count; i++) {
      const part = this.sentence();
      const offset = text ? text.length + 1 : 0;
      text = text ? `${text} ${part.text}` : part.text;
      for (const [start, end, id] of part.mentions) mentions.push([start + offset, end + offset, id]);
    }
    return { text, mentions };
  }

  date(): string {
    const roll = this.next();
    const start = roll < 0.75 ? Date.UTC(2022, 1, 24) : Date.UTC(2014, 1, 20);
    const span = roll < 0.75 ? Date.UTC(2024, 11, 31) - start : Date.UTC(2025, 11, 31) - start;
    return new Date(start + Math.floor(this.next() * span)).toISOString().slice(0, 10);
  }

  title(entityName: string): string {
    const words: string[] = [];
    const count = 4 + Math.floor(this.next() * 5);
    for (let i = 0; i < count; i++) words.push(this.pick(this.titleWords));
    words.splice(Math.floor(this.next() * words.length), 0, entityName);
    const title = words.join(' ');
    return title.charAt(0).toUpperCase() + title.slice(1);
  }

  /** Reader sources totalling `excerpts` excerpts. */
  corpus(excerpts: number): ExportedSource[] {
    const entries: ExportedSource[] = [];
    let made = 0;
    while (made < excerpts) {
      const serial = ++this.serial;
      const id = `page-bench${serial.toString(16).padStart(12, '0')}`;
      const copyOf = entries.length > 10 && this.next() < 0.03 ? this.pick(entries) : undefined;
      const size = Math.min(excerpts - made, copyOf ? copyOf.excerpts.length : 6 + Math.floor(this.next() * 9));
      const date = copyOf?.source.date ?? this.date();
      const records: ExcerptRecord[] = [];
      for (let position = 0; position < size; position++) {
        let passage: Sentence;
        const original = copyOf?.excerpts[position];
        if (original) {
          const dateline = 'KYIV (Reuters) – ';
          passage = { text: dateline + original.text, mentions: original.mentions.map(([s, e, i]) => [s + dateline.length, e + dateline.length, i] as ExcerptMention) };
        } else {
          passage = this.passage();
        }
        const entityIds = [...new Set(passage.mentions.map((mention) => mention[2]))].sort();
        records.push({ id: `${id}#${position}`, sourceId: id, position, text: passage.text, date, entityIds, mentions: passage.mentions });
      }
      const lead = records[0]?.mentions[0]?.[2];
      const leadName = this.entities.find((entity) => entity.id === lead)?.name ?? 'Ukraine';
      const source: SourceRecord = {
        id, origin: 'reader', title: this.title(leadName), site: `site${serial % 97}.example`, url: `https://site${serial % 97}.example/${serial}`,
        lang: 'en', date, dateSource: 'meta', dateConfidence: 0.9, datePrecision: 'day', dateEvidence: 'generated',
        addedAt: '2024-06-01T00:00:00.000Z', excerptCount: records.length,
      };
      entries.push({ source, excerpts: records });
      made += records.length;
    }
    return entries;
  }

  /** A page as the content script extracts it: six paragraphs of generated text. */
  page(): ExtractedPage {
    const serial = ++this.serial;
    const paragraphs = Array.from({ length: 6 }, () => this.passage().text);
    return {
      url: `https://added.example/story/${serial}`,
      title: this.title(this.entity().name),
      lang: 'en',
      date: { date: this.date(), source: 'meta', confidence: 0.9, precision: 'day', evidence: 'generated' },
      blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
      article: { isArticle: true, textLength: paragraphs.join(' ').length },
    };
  }

  /** The page context a content script would send for a source: its title, date, entities by frequency. */
  context(entry: ExportedSource): PageContextInfo {
    const counts = new Map<string, number>();
    for (const excerpt of entry.excerpts) for (const [, , id] of excerpt.mentions) counts.set(id, (counts.get(id) ?? 0) + 1);
    const entityIds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    return { url: `https://reading.example/${entry.source.id}`, title: entry.source.title, date: entry.source.date, entityIds };
  }
}

function queries(gazetteer: Gazetteer, next: () => number): { query: string; filters?: SearchFilters }[] {
  const list: { query: string; filters?: SearchFilters }[] = [
    { query: 'Kherson' }, { query: 'Херсон' }, { query: 'Херсоні' }, { query: 'Putin' }, { query: 'Zelensky' },
    { query: 'Bakhmut' }, { query: 'Kyiv' }, { query: 'NATO' }, { query: 'Cherson' }, { query: 'Путин' },
    { query: 'withdrawal' }, { query: 'withdrawl' }, { query: 'withdr' }, { query: 'russian forces' }, { query: 'strategic defeat' },
    { query: 'counteroffensive' }, { query: 'talks leverage' }, { query: 'river bank' }, { query: 'ammunition' }, { query: 'winter' },
    { query: 'troops regroup' }, { query: 'Kremlin' }, { query: 'bridge' }, { query: 'occupation' }, { query: 'analysts' },
    { query: 'Ukraine' }, { query: 'Russia' }, { query: 'war' }, { query: 'offensive' }, { query: 'negotiations' },
    { query: 'sanctions' }, { query: 'power' }, { query: 'defeat Putin' }, { query: 'campaign' }, { query: 'milestone' },
    { query: 'Kh' }, { query: 'Kursk' }, { query: 'gains' }, { query: 'artillery' }, { query: 'civilians' },
  ];
  for (let i = 0; i < 10; i++) {
    const entity = gazetteer.entities[Math.floor(next() * Math.min(40, gazetteer.entities.length))] as Entity;
    list.push({ query: entity.name });
  }
  const some = gazetteer.entities.slice(0, 5).map((entity) => entity.id);
  list.push(
    { query: 'withdrawal', filters: { from: '2022-06-01', to: '2022-12-31' } },
    { query: 'russian', filters: { entityIds: [some[0] as string] } },
    { query: 'forces', filters: { from: '2023-01-01' } },
    { query: '', filters: { entityIds: [some[1] as string] } },
    { query: 'defeat', filters: { to: '2021-12-31' } },
    { query: 'Kherson troops', filters: { from: '2024-01-01', to: '2024-12-31' } },
    { query: 'talks', filters: { entityIds: [some[0] as string, some[2] as string] } },
    { query: 'attack' }, { query: 'drone' }, { query: 'regional capital' },
  );
  return list;
}

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

/** Each item's median time over `rounds` passes (after one warm-up pass). */
async function medianTimes<T>(items: readonly T[], run: (item: T) => Promise<unknown>, rounds: number): Promise<number[]> {
  const perItem: number[][] = items.map(() => []);
  for (const item of items) await run(item);
  for (let round = 0; round < rounds; round++) {
    gc();
    for (let i = 0; i < items.length; i++) {
      const started = performance.now();
      await run(items[i] as T);
      (perItem[i] as number[]).push(performance.now() - started);
    }
  }
  return perItem.map((times) => median(times));
}

async function measureQueries(service: CorpusService, workload: Workload, rounds: number): Promise<{ search: number[]; excerpts: number[] }> {
  const search = await medianTimes(workload.searches, (item) => service.search(item.query, item.filters ?? {}, 20), rounds);
  const excerpts = await medianTimes(workload.calls, (call) => service.excerptsFor(call.entityId, call.context, 5), rounds);
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
  const next = random(size + 1);
  const contexts = Array.from({ length: 30 }, () => generator.context(entries[Math.floor(next() * entries.length)] as ExportedSource));
  const workload: Workload = {
    searches: queries(gazetteer, next),
    calls: contexts.flatMap((context) => context.entityIds.slice(0, 5).map((entityId) => ({ entityId, context }))),
  };
  const pages = Array.from({ length: quick ? 6 : 12 }, () => generator.page());

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
