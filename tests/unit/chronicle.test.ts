// @vitest-environment node
/**
 * The chronicle of key dates (data/chronicle, core/chronicle.ts): the committed chronicle passes
 * every check (the validation step of `npm test`), and the checks catch what they promise to.
 */
import { describe, expect, it } from 'vitest';
import { type ChronicleFile, chronicleProblems, chronicleRecords } from '../../core/chronicle';
import { compileSpotter } from '../../core/spotter';
import { readChronicle, readGazetteer } from '../../data/build-corpus';
import { gazetteer as tinyGazetteer } from './corpus-fixtures';

const gazetteer = readGazetteer();
const spotter = compileSpotter(gazetteer);

describe('the committed chronicle', () => {
  const chronicle = readChronicle();
  it('has no entry without a date, an https source, a publisher or a known entity named in its sentence, and no date out of range', () => {
    expect(chronicleProblems(chronicle, gazetteer, spotter)).toEqual([]);
  });
  it('gives every one of the gazetteer’s entities at least two entries', () => {
    const records = chronicleRecords(chronicle, gazetteer, spotter);
    const counts = new Map(records.sources.map((source) => [source.id.replace('chronicle:', ''), source.excerptCount]));
    for (const entity of gazetteer.entities) expect(counts.get(entity.id) ?? 0, entity.id).toBeGreaterThanOrEqual(2);
  });
});

describe('the chronicle checks', () => {
  const tinySpotter = compileSpotter(tinyGazetteer);
  const entry = { id: 'kherson-2022-11-liberation', entity: 'kherson', date: '2022-11-11', text: 'Ukrainian troops entered Kherson after Russian forces withdrew across the Dnipro.', source: 'https://news.example/kherson', publisher: 'Example News' };
  const file = (entries: object[]): ChronicleFile[] => [{ asOf: '2026-12-01', entries: entries as ChronicleFile['entries'] }];
  const problems = (entries: object[]) => chronicleProblems(file(entries), tinyGazetteer, tinySpotter, 0);

  it('accepts a sound entry, with a day or a month', () => {
    expect(problems([entry, { ...entry, id: 'kherson-2022-03-occupation', date: '2022-03' }])).toEqual([]);
  });
  it('refuses what the issue names, each with a reason', () => {
    expect(problems([{ ...entry, date: '' }])).toEqual([expect.stringMatching(/no valid date/u)]);
    expect(problems([{ ...entry, date: '2022-02-30' }])).toEqual([expect.stringMatching(/no valid date/u)]);
    expect(problems([{ ...entry, date: '2031-01-01' }])).toEqual([expect.stringMatching(/outside the chronicle's range/u)]);
    expect(problems([{ ...entry, date: '1812-06' }])).toEqual([expect.stringMatching(/outside the chronicle's range/u)]);
    expect(problems([{ ...entry, source: '' }])).toEqual([expect.stringMatching(/https address/u)]);
    expect(problems([{ ...entry, source: 'http://news.example/x' }])).toEqual([expect.stringMatching(/https address/u)]);
    expect(problems([{ ...entry, entity: 'atlantis' }])).toEqual([expect.stringMatching(/unknown entity/u)]);
    expect(problems([{ ...entry, text: 'Troops entered the city after the other side withdrew across the river.' }])).toEqual([expect.stringMatching(/does not name Kherson/u)]);
    expect(problems([{ ...entry, text: 'Fighting near Kherson left 1,200 soldiers killed in a week, officials said.' }])).toEqual([expect.stringMatching(/casualties/u)]);
    expect(problems([entry, entry])).toEqual([expect.stringMatching(/used twice/u)]);
    expect(problems([{ ...entry, publisher: '' }])).toEqual([expect.stringMatching(/no publisher/u)]);
  });
  it('asks for a minimum of entries per entity', () => {
    expect(chronicleProblems(file([entry]), tinyGazetteer, tinySpotter, 2)).toContain('entity "kherson" has 1 chronicle entry (at least 2)');
  });
  it('bundles entries as excerpts of a chronicle source, dated by the event and linked to the record', () => {
    const records = chronicleRecords(file([entry, { ...entry, id: 'kherson-2022-03-occupation', date: '2022-03', text: 'Russian forces occupied Kherson in the first days of March.' }]), tinyGazetteer, tinySpotter);
    expect(records.sources).toEqual([expect.objectContaining({ id: 'chronicle:kherson', kind: 'chronicle', origin: 'bundled', site: 'Backstory chronicle', date: '2026-12-01', excerptCount: 2 })]);
    expect(records.excerpts.map((excerpt) => [excerpt.date, excerpt.url, excerpt.cite, excerpt.entryId])).toEqual([
      ['2022-03', 'https://news.example/kherson', 'Example News', 'kherson-2022-03-occupation'],
      ['2022-11-11', 'https://news.example/kherson', 'Example News', 'kherson-2022-11-liberation'],
    ]);
    expect(records.excerpts[1]!.entityIds).toContain('kherson');
  });
});
