// @vitest-environment node
/**
 * The bundled corpus: data/corpus.json must be what `npm run corpus` builds from ../shared/seeds
 * with the current gazetteer, splitter and spotter; and what it builds must meet the corpus rules
 * (dated sources that say how the date was found, clean excerpts, timestamped video links).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CorpusFile } from '../../core/schema';
import { CORPUS_PATH, DEFAULT_SEEDS_DIR, readChronicle, readGazetteer, readSeeds, serialiseCorpus } from '../../data/build-corpus';
import { buildCorpus } from '../../data/corpus-builder';

const seedsPresent = existsSync(DEFAULT_SEEDS_DIR);
const committed = JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as CorpusFile;

describe.skipIf(!seedsPresent)('data/corpus.json is fresh', () => {
  it('equals a rebuild from the seeds (run `npm run corpus` after changing seeds, gazetteer, splitter or spotter)', () => {
    const rebuilt = buildCorpus(readSeeds(), readGazetteer(), readChronicle());
    expect(serialiseCorpus(rebuilt)).toBe(readFileSync(CORPUS_PATH, 'utf8'));
  });
});

describe('the bundled corpus', () => {
  const sources = new Map(committed.sources.map((source) => [source.id, source]));

  const documents = committed.sources.filter((source) => source.kind !== 'chronicle');
  it('has one dated source per seed, each saying how its date was found', () => {
    expect(documents).toHaveLength(5);
    const dates = Object.fromEntries(documents.map((source) => [source.id, [source.date, source.dateSource]]));
    expect(dates).toEqual({
      'seed-dd1ce97433807155': ['2022-11-09', 'date-line'],
      'seed-8cb48b3a64db822c': ['2022-11-09', 'latest-event'],
      'seed-218d49ae1c1b48fc': ['2022-11-13', 'month-day+context-year'],
      'seed-d8da9db63790416d': ['2024-10-15T13:56:00-04:00', 'dateline'],
      'seed-a68cfd0830c52992': ['2022-03-29', 'month-day+context-year'],
    });
    for (const source of documents) {
      expect(source.dateConfidence).toBeGreaterThan(0);
      expect(source.dateConfidence).toBeLessThanOrEqual(1);
      expect(source.dateEvidence.length).toBeGreaterThan(10);
      expect(source.title.length).toBeGreaterThan(10);
    }
    // An implicit date is less sure than an explicit one.
    expect(sources.get('seed-8cb48b3a64db822c')!.dateConfidence).toBeLessThan(sources.get('seed-dd1ce97433807155')!.dateConfidence);
  });

  it('names publishers and authors where the text does', () => {
    expect(sources.get('seed-dd1ce97433807155')).toMatchObject({ site: 'The Independent', author: 'Kim Sengupta' });
    expect(sources.get('seed-d8da9db63790416d')).toMatchObject({ site: 'essanews.com' });
    expect(sources.get('seed-218d49ae1c1b48fc')).toMatchObject({ site: 'YouTube', author: 'bonus_professor', url: 'https://www.youtube.com/watch?v=chIqmlJA2i0' });
  });

  it('links every excerpt of the video transcript to its moment in the video', () => {
    const video = committed.excerpts.filter((excerpt) => excerpt.sourceId === 'seed-218d49ae1c1b48fc');
    expect(video.length).toBeGreaterThan(10);
    for (const excerpt of video) expect(excerpt.url).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=chIqmlJA2i0&t=\d+s$/u);
    expect(video[0]!.url).toBe('https://www.youtube.com/watch?v=chIqmlJA2i0&t=81s');
  });

  const documentExcerpts = committed.excerpts.filter((excerpt) => !excerpt.sourceId.startsWith('chronicle:'));
  it('keeps excerpts readable on their own, without boilerplate or markup', () => {
    for (const excerpt of documentExcerpts) {
      expect(excerpt.text.length).toBeGreaterThanOrEqual(80);
      expect(excerpt.text.length).toBeLessThanOrEqual(600);
      expect(excerpt.text).toMatch(/[.!?”"»)]$/u);
      expect(excerpt.text).not.toMatch(/<[a-z/]|\[\[|\]\]|\*\*|yt-timestamp|\[\d+\]|\[\d\d:\d\d:\d\d\]/u);
      expect(excerpt.text).not.toMatch(/Register for free|reCAPTCHA|Cookie policy|Popular posts|Downloading, reproduction|Join our new commenting|Images source|essanews\.com|See, also|Obamacare/iu);
      expect(sources.get(excerpt.sourceId)?.date).toBe(excerpt.date);
    }
  });

  it('tags excerpts with the spotter, offsets included', () => {
    for (const excerpt of documentExcerpts) {
      expect([...new Set(excerpt.mentions.map(([, , id]) => id))].sort()).toEqual(excerpt.entityIds);
      for (const [start, end] of excerpt.mentions) expect(end).toBeGreaterThan(start);
    }
    const tagged = (text: string) => committed.excerpts.find((excerpt) => excerpt.text.includes(text))!.entityIds;
    expect(tagged('Russia lost the “Moscow”')).toEqual(expect.arrayContaining(['moskva-cruiser', 'black-sea-fleet', 'snake-island']));
    expect(tagged('Russia lost the “Moscow”')).not.toContain('moscow');
    expect(tagged('western bank of the River Dnipro')).toEqual(expect.arrayContaining(['dnipro-river', 'kherson', 'crimea']));
    expect(tagged('General Serhiy Surovikin')).toContain('surovikin');
    expect(tagged('Black Bird Group')).toEqual(expect.arrayContaining(['black-bird-group', 'emil-kastehelmi', 'kursk']));
  });
});

describe('the chronicle in the bundled corpus', () => {
  const chronicle = committed.sources.filter((source) => source.kind === 'chronicle');
  it('is one source per entity, apart from the documents, each entry dated by its event and linked to its record', () => {
    expect(chronicle.length).toBe(readGazetteer().entities.length);
    for (const source of chronicle) expect(source).toMatchObject({ origin: 'bundled', site: 'Backstory chronicle', dateEvidence: expect.stringMatching(/^key dates as of /u) });
    const entries = committed.excerpts.filter((excerpt) => excerpt.sourceId.startsWith('chronicle:'));
    for (const entry of entries) {
      expect(entry.url).toMatch(/^https:\/\//u);
      expect(entry.cite?.length).toBeGreaterThan(1);
      expect(entry.entityIds).toContain(entry.sourceId.slice('chronicle:'.length));
      expect(entry.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/u);
    }
  });
});
