/**
 * Remembering what the reader reads (corpus/reading.ts, lib/settings.ts): which pages are kept,
 * re-reads and syndicated copies refresh instead of doubling, pages added on purpose are never
 * touched, forgetting (all, a site, the budget) removes only remembered pages and keeps the store
 * consistent, and remembered pages survive export and import.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { parseCorpusJsonl } from '../../core/corpus-export';
import { readerSourceId } from '../../core/page-records';
import type { CorpusService } from '../../corpus/service';
import { DEFAULT_SETTINGS, parseSettings, rememberBlocker } from '../../lib/settings';
import { KHERSON_PAGE, KYIV_PAGE, type OpenedCorpus, openCorpus, page } from './corpus-fixtures';

const opened: CorpusService[] = [];
let clock = Date.parse('2024-06-01T12:00:00Z');
async function fresh(): Promise<OpenedCorpus> {
  clock = Date.parse('2024-06-01T12:00:00Z');
  const corpus = await openCorpus({ now: () => new Date(clock) });
  opened.push(corpus.service);
  return corpus;
}
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

const BAKHMUT_READ = page('https://wire.example/2023/05/21/bakhmut', 'Bakhmut falls after months of fighting', [
  'Russian forces and Wagner fighters claimed full control of Bakhmut on Saturday, while Volodymyr Zelensky said the town was not occupied and Ukrainian units still held positions on its western edge.',
  'The fight for Bakhmut lasted almost ten months and left the town in ruins; analysts in Kyiv said its value was now mostly symbolic, though the losses on both sides had been very heavy indeed.',
], '2023-05-21');

describe('remembering a page the reader read', () => {
  test('keeps an article naming two or more entities, marked as read', async () => {
    const { service } = await fresh();
    const result = await service.rememberPage(BAKHMUT_READ);
    expect(result).toMatchObject({ kept: true, updated: false });
    const source = (await service.listSources()).find((candidate) => candidate.id === readerSourceId(BAKHMUT_READ.url));
    expect(source).toMatchObject({ origin: 'reader', remembered: true, readAt: '2024-06-01T12:00:00.000Z', date: '2023-05-21' });
    // Cards use it like an added page, and say it was read.
    const card = await service.excerptsFor('bakhmut', { entityIds: ['bakhmut'] });
    const view = card.excerpts.find((candidate) => candidate.source.id === source?.id);
    expect(view?.source).toMatchObject({ remembered: true, readAt: '2024-06-01T12:00:00.000Z' });
    expect(await service.verify()).toEqual([]);
  });

  test('leaves out pages that are not articles, or name fewer than two entities', async () => {
    const { service } = await fresh();
    const front = page('https://wire.example/', 'Front page', BAKHMUT_READ.blocks.slice(1).map((block) => block.text), undefined, false);
    expect(await service.rememberPage(front)).toMatchObject({ kept: false, reason: 'not an article' });
    const single = page('https://wire.example/kyiv-only', 'Kyiv weather', [
      'Snow fell across Kyiv overnight and the city council said that buses and trams would run on a reduced timetable until the main roads had been cleared later in the morning.',
    ]);
    expect((await service.rememberPage(single)).kept).toBe(false);
    expect((await service.stats()).readerSources).toBe(0);
  });

  test('the same article read again is refreshed, not doubled; first read and undated day stay', async () => {
    const { service } = await fresh();
    const undated = { ...BAKHMUT_READ, date: undefined };
    await service.rememberPage(undated);
    clock += 3 * 86_400_000;
    const again = await service.rememberPage(undated);
    expect(again).toMatchObject({ kept: true, updated: true });
    const sources = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({ addedAt: '2024-06-01T12:00:00.000Z', readAt: '2024-06-04T12:00:00.000Z', date: '2024-06-01' });
    expect(await service.verify()).toEqual([]);
  });

  test('a syndicated copy on another site refreshes the page first read', async () => {
    const { service } = await fresh();
    await service.rememberPage(BAKHMUT_READ);
    clock += 86_400_000;
    const copy = { ...BAKHMUT_READ, url: 'https://another-paper.example/world/bakhmut-control', site: 'Another Paper' };
    const result = await service.rememberPage(copy);
    expect(result).toMatchObject({ kept: true, updated: true });
    expect(result.source?.id).toBe(readerSourceId(BAKHMUT_READ.url));
    const reader = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(reader.map((source) => source.readAt)).toEqual(['2024-06-02T12:00:00.000Z']);
  });

  test('never touches a page added on purpose; adding a remembered page makes it an added one', async () => {
    const { service } = await fresh();
    await service.addPage(KYIV_PAGE);
    expect(await service.rememberPage(KYIV_PAGE)).toMatchObject({ kept: false, reason: 'already in your pages' });
    await service.rememberPage(BAKHMUT_READ);
    await service.addPage(BAKHMUT_READ);
    const bakhmut = (await service.listSources()).find((source) => source.id === readerSourceId(BAKHMUT_READ.url));
    expect(bakhmut?.remembered).toBeUndefined();
    expect(bakhmut?.readAt).toBe('2024-06-01T12:00:00.000Z');
  });
});

describe('forgetting remembered pages', () => {
  async function reading(): Promise<CorpusService> {
    const { service } = await fresh();
    await service.addPage(KHERSON_PAGE); // added on purpose: never forgotten
    await service.rememberPage(BAKHMUT_READ);
    clock += 60_000;
    await service.rememberPage(KYIV_PAGE);
    return service;
  }

  test('everything remembered, or one site; pages added on purpose stay', async () => {
    const service = await reading();
    expect((await service.forgetRemembered({ site: 'other.example.org' })).map((source) => source.url)).toEqual([KYIV_PAGE.url]);
    expect((await service.forgetRemembered({ all: true })).map((source) => source.url)).toEqual([BAKHMUT_READ.url]);
    const left = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(left.map((source) => source.id)).toEqual([readerSourceId(KHERSON_PAGE.url)]);
    expect((await service.entityCounts()).bakhmut).toBe(2); // the seed's two, none of the forgotten page
    expect(await service.verify()).toEqual([]);
  });

  test('over the budget, the page read longest ago goes first; never an added page, never the one just read', async () => {
    const service = await reading();
    const excerpts = (await service.stats()).excerpts;
    // 1,000 bytes per excerpt in use; over the budget by about one page's worth.
    expect(await service.keepWithinBudget(excerpts * 1000, excerpts * 1000)).toEqual([]);
    const forgotten = await service.keepWithinBudget((excerpts - 1) * 1000, excerpts * 1000, readerSourceId(KYIV_PAGE.url));
    expect(forgotten.map((source) => source.url)).toEqual([BAKHMUT_READ.url]);
    const everything = await service.keepWithinBudget(1, excerpts * 1000, readerSourceId(KYIV_PAGE.url));
    expect(everything).toEqual([]); // only the spared page is left to forget
    expect((await service.listSources()).filter((source) => source.origin === 'reader').map((source) => source.url).sort())
      .toEqual([KYIV_PAGE.url, KHERSON_PAGE.url].sort());
    expect(await service.verify()).toEqual([]);
  });
});

test('remembered pages travel in export files and come back as remembered', async () => {
  const { service } = await fresh();
  await service.rememberPage(BAKHMUT_READ);
  const file = (await service.exportJsonl('reader')).text;
  const parsed = parseCorpusJsonl(file);
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.corpus.sources[0]?.source).toMatchObject({ remembered: true, readAt: '2024-06-01T12:00:00.000Z' });
  const other = await fresh();
  await other.service.importJsonl(file);
  expect((await other.service.listSources()).find((source) => source.origin === 'reader')).toMatchObject({ remembered: true });
  expect(parseCorpusJsonl(file.replace('"remembered":true', '"remembered":"yes"'))).toMatchObject({ ok: false, message: expect.stringMatching(/remembered/u) });
});

describe('when a page may be remembered (settings)', () => {
  const on = { ...DEFAULT_SETTINGS, remember: true };
  const url = 'https://news.example/story';
  test('off by default, and every reason it would not be', () => {
    expect(parseSettings(undefined).remember).toBe(false);
    expect(rememberBlocker(DEFAULT_SETTINGS, url, false)).toBe('remembering is off');
    expect(rememberBlocker(on, url, false)).toBeUndefined();
    expect(rememberBlocker(on, url, true)).toBe('a private window');
    expect(rememberBlocker({ ...on, rememberPaused: true }, url, false)).toBe('remembering is paused');
    expect(rememberBlocker({ ...on, paused: true }, url, false)).toBe('Backstory is off here');
    expect(rememberBlocker({ ...on, disabledSites: ['news.example'] }, url, false)).toBe('Backstory is off here');
    expect(rememberBlocker({ ...on, neverRememberSites: ['news.example'] }, url, false)).toBe('this site is never remembered');
  });
  test('damaged values fall back, numbers are kept in range', () => {
    const parsed = parseSettings({ remember: 'yes', dwellSeconds: 1, budgetMb: 1e9, neverRememberSites: ['a.example', 3, 'a.example'] });
    expect(parsed).toMatchObject({ remember: false, dwellSeconds: 3, budgetMb: 20_000, neverRememberSites: ['a.example'] });
  });
});
