/**
 * The generated corpora and workloads of the corpus store benchmarks, shared by the Node run
 * (bench/store.bench.ts, fake-indexeddb), the run through the real extension in Chromium
 * (bench/store-extension.bench.ts, through bench/store-files.ts) and the e2e round trip at 100k.
 *
 * Corpora are generated from the bundled corpus's vocabulary: sentences of data/corpus.json
 * recombined two or three at a time, 15% of their words swapped for other words of the seeds,
 * entity mentions re-pointed at entities drawn with a Zipf distribution (the gazetteer's, topped
 * up with generated names to 190), dates spread over 2014–2025 (most in 2022–2024), sources of ~10
 * excerpts, 3% syndicated copies of another source. Everything is drawn from a seeded PRNG, so the
 * same size gives the same corpus and workload in both runs (sentence splitting goes through
 * Intl.Segmenter, whose ICU data may differ between Node and Chromium: the Chromium bench compares
 * fingerprints).
 */
import type { ExportedSource } from '../core/corpus-export';
import { sentences } from '../core/excerpts';
import type { Entity, Gazetteer } from '../core/gazetteer';
import type { ExtractedPage, PageContextInfo, SearchFilters } from '../core/protocol';
import type { CorpusFile, ExcerptMention, ExcerptRecord, SourceRecord } from '../core/schema';
import { searchTerms } from '../core/search-index';
import bundledJson from '../data/corpus.json';
import entitiesJson from '../data/entities.json';

const bundled = bundledJson as CorpusFile;
const realGazetteer = entitiesJson as Gazetteer;
const TARGET_ENTITIES = 190;

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
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
export function benchGazetteer(): Gazetteer {
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

export interface Sentence {
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

export class CorpusGenerator {
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

export function queries(gazetteer: Gazetteer, next: () => number): { query: string; filters?: SearchFilters }[] {
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

export interface StoreSearch {
  query: string;
  filters?: SearchFilters;
}

/** What each corpus size is measured with: searches, `excerptsFor` calls and pages to add. */
export interface StoreWorkload {
  searches: StoreSearch[];
  calls: { entityId: string; context: PageContextInfo }[];
  pages: ExtractedPage[];
}

/**
 * The workload for a corpus `generator.corpus(size)` just made: 60 searches, 30 pages read with
 * up to 5 entities each (an `excerptsFor` call per entity), then `pageCount` pages to add.
 */
export function storeWorkload(gazetteer: Gazetteer, generator: CorpusGenerator, entries: readonly ExportedSource[], size: number, pageCount: number): StoreWorkload {
  const next = random(size + 1);
  const contexts = Array.from({ length: 30 }, () => generator.context(entries[Math.floor(next() * entries.length)] as ExportedSource));
  const searches = queries(gazetteer, next);
  const calls = contexts.flatMap((context) => context.entityIds.slice(0, 5).map((entityId) => ({ entityId, context })));
  const pages = Array.from({ length: pageCount }, () => generator.page());
  return { searches, calls, pages };
}

/** FNV-1a (32 bits) of a text, as 8 hex digits: tells whether two runs generated the same corpus. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
