/**
 * Test data for the corpus store tests: a small gazetteer (with Cyrillic inflections), a tiny
 * bundled corpus built with it, and extracted pages. Independent of data/entities.json, which other
 * work changes.
 */
import { IDBFactory } from 'fake-indexeddb';
import type { Gazetteer } from '../../core/gazetteer';
import { hashText } from '../../core/page-records';
import type { DateFinding, ExcerptRecord, SourceRecord, CorpusFile } from '../../core/schema';
import { BackstoryError, type ExtractedPage } from '../../core/protocol';
import { compileSpotter } from '../../core/spotter';
import { tagText } from '../../core/tagger';
import { CorpusService, type CorpusServiceOptions } from '../../corpus/service';

export const gazetteer: Gazetteer = {
  version: 1,
  paradigms: {
    'ru-m': ['', 'а', 'у', 'ом', 'е'],
    'uk-m': ['', 'а', 'у', 'ом', 'і', 'ові'],
    'ru-surname': ['', 'а', 'у', 'ым', 'е'],
  },
  entities: [
    { id: 'kherson', name: 'Kherson', kind: 'place', description: 'City.', aliases: ['Kherson', 'Херсон{ru-m|uk-m}', { form: 'Cherson', lang: 'de' }] },
    { id: 'putin', name: 'Vladimir Putin', kind: 'person', description: 'President of Russia.', aliases: ['Vladimir Putin', 'Putin', 'Путин{ru-surname}'] },
    { id: 'zelensky', name: 'Volodymyr Zelensky', kind: 'person', description: 'President of Ukraine.', aliases: ['Volodymyr Zelensky', 'Zelensky', 'Zelenskyy', 'Зеленский'] },
    { id: 'nato', name: 'NATO', kind: 'organisation', description: 'Alliance.', aliases: [{ form: 'NATO', case: 'acronym' }] },
    { id: 'bakhmut', name: 'Bakhmut', kind: 'place', description: 'City.', aliases: ['Bakhmut', 'Бахмут{ru-m|uk-m}'] },
    { id: 'kyiv', name: 'Kyiv', kind: 'place', description: 'Capital.', aliases: ['Kyiv', 'Kiev', 'Київ'] },
    { id: 'crimea', name: 'Crimea', kind: 'place', description: 'Peninsula.', aliases: ['Crimea', 'Крым'] },
    // Ambiguous on its own (a city and a river): tagged only when the page is about the war.
    { id: 'dnipro', name: 'Dnipro', kind: 'place', description: 'City.', aliases: [{ form: 'Dnipro', confidence: 0.55 }] },
  ],
};

export const spotter = compileSpotter(gazetteer);

const SEED_TEXTS: [string, string, string, string[]][] = [
  ['seed-one', 'Russia withdraws from Kherson', '2022-11-09', [
    'Russia announced on Wednesday that its troops would leave the city of Kherson, the only regional capital captured since the invasion began, in a significant defeat for Vladimir Putin and his generals.',
    'Ukrainian officials were cautious, saying the withdrawal from Kherson could be a trap, while NATO allies welcomed the news and promised more air defence systems before winter arrived.',
    'Soldiers on the western bank of the Dnipro were seen blowing up bridges behind them as they crossed the river, leaving the city without electricity or running water for its remaining residents.',
  ]],
  ['seed-two', 'Fighting around Bakhmut intensifies', '2023-02-20', [
    'The battle for Bakhmut entered its seventh month as Russian forces pressed from three sides, and Volodymyr Zelensky vowed that the town in Donetsk would be held for as long as possible.',
    'Military analysts said the defence of Bakhmut was costly for both armies, with thousands of casualties reported each week, and that the town had little strategic value left for either side.',
  ]],
];

/** A bundled corpus built with the fixture spotter; `variant` changes its text and checksum. */
export function bundledCorpus(variant = 0): CorpusFile {
  const sources: SourceRecord[] = [];
  const excerpts: ExcerptRecord[] = [];
  for (const [id, title, date, paragraphs] of SEED_TEXTS) {
    paragraphs.forEach((paragraph, position) => {
      const text = variant ? `${paragraph} (Revised edition ${variant}.)` : paragraph;
      const tags = tagText(spotter, text);
      excerpts.push({ id: `${id}#${position}`, sourceId: id, position, text, date, entityIds: tags.entityIds, mentions: tags.mentions });
    });
    sources.push({
      id, origin: 'bundled', title: variant ? `${title} (rev. ${variant})` : title, site: 'Seed Times', lang: 'en', date,
      dateSource: 'date-line', dateConfidence: 0.95, datePrecision: 'day', dateEvidence: `date line ${date}`,
      excerptCount: paragraphs.length,
    });
  }
  return { version: 1, checksum: hashText(JSON.stringify([sources, excerpts])), sources, excerpts };
}

/** An extracted article page made of paragraphs (each should be ≥ 150 characters to be kept alone). */
export function page(url: string, title: string, paragraphs: string[], date?: string, isArticle = true): ExtractedPage {
  const finding: DateFinding | undefined = date
    ? { date, source: 'meta', confidence: 0.9, precision: 'day', evidence: `meta: ${date}` }
    : undefined;
  return {
    url,
    title,
    site: 'Example News',
    lang: 'en',
    ...(finding ? { date: finding } : {}),
    blocks: [{ kind: 'heading', text: title }, ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text }))],
    article: { isArticle, textLength: paragraphs.join(' ').length, ...(isArticle ? {} : { reason: 'a front page with many links' }) },
  };
}

export const KHERSON_PAGE = page(
  'https://news.example.com/2022/11/11/kherson-liberated?utm_source=feed#top',
  'Ukrainian troops enter Kherson',
  [
    'Ukrainian soldiers entered Kherson on Friday to cheering crowds, two days after Moscow ordered its retreat. Residents waved flags in the central square as the first armoured vehicles arrived from the north.',
    'В Херсоні люди вийшли на вулиці, щоб зустріти військових. Жителі міста розповідали про вісім місяців окупації, про обшуки, затримання та нестачу ліків і води.',
  ],
  '2022-11-11',
);

export const KYIV_PAGE = page(
  'https://other.example.org/world/kyiv-air-defence',
  'Kyiv braces for winter strikes',
  [
    'Officials in Kyiv prepared shelters and generators as Russian missile strikes on power stations left millions without heat. NATO members pledged additional air defence batteries for the capital.',
    'Volodymyr Zelensky urged residents of Kyiv to conserve electricity during the evening peak, while engineers worked around the clock to repair substations damaged in the latest wave of attacks.',
  ],
  '2022-11-20',
);

let databaseCounter = 0;

export interface OpenedCorpus {
  service: CorpusService;
  factory: IDBFactory;
  name: string;
  options: CorpusServiceOptions;
}

/** A service on a fresh in-memory IndexedDB. Snapshots only on flush() unless told otherwise. */
export async function openCorpus(overrides: Partial<CorpusServiceOptions> = {}): Promise<OpenedCorpus> {
  const factory = (overrides.indexedDB as IDBFactory | undefined) ?? new IDBFactory();
  const name = overrides.name ?? `corpus-test-${++databaseCounter}`;
  const options: CorpusServiceOptions = {
    indexedDB: factory,
    gazetteer,
    bundled: bundledCorpus(),
    now: () => new Date('2024-06-01T12:00:00Z'),
    name,
    snapshotEvery: 1000,
    snapshotDelayMs: Number.POSITIVE_INFINITY,
    ...overrides,
  };
  const service = await CorpusService.open(options);
  return { service, factory, name, options };
}

/** Open another service on the same database (a service worker waking up). */
export function reopen(opened: OpenedCorpus, overrides: Partial<CorpusServiceOptions> = {}): Promise<CorpusService> {
  return CorpusService.open({ ...opened.options, ...overrides });
}

/** The typed error a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<BackstoryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackstoryError) return error;
    throw error;
  }
  throw new Error('expected a BackstoryError');
}
