/**
 * Correcting a reader page in the store (corpus/edit-source.ts through the service): one write that
 * changes the source record, its excerpts' dates, the shelves cards rank from, the search index
 * (titles are indexed) and its table, the journal and the caches; its date "set by you" survives
 * adding the page again, an export and an import; undo puts the page back as it was; bad edits, a
 * bundled source and a full disk change nothing.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, test } from 'vitest';
import { parseCorpusJsonl } from '../../core/corpus-export';
import { readerSourceId } from '../../core/page-records';
import type { CorpusService } from '../../corpus/service';
import { KHERSON_PAGE, type OpenedCorpus, openCorpus, rejection, reopen } from './corpus-fixtures';

const services: CorpusService[] = [];
const restores: (() => void)[] = [];
async function fresh(overrides: Parameters<typeof openCorpus>[0] = {}): Promise<OpenedCorpus> {
  const corpus = await openCorpus(overrides);
  services.push(corpus.service);
  return corpus;
}
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const service of services.splice(0)) service.close();
});

const PAGE_ID = readerSourceId(KHERSON_PAGE.url);
/** The article a card is shown on: read on 2022-11-12, so the page (2022-11-11) is "around" it. */
const READING = { entityIds: ['kherson'], date: '2022-11-12', url: 'https://reading.example/now' };

async function withPage(): Promise<OpenedCorpus> {
  const corpus = await fresh();
  await corpus.service.addPage(KHERSON_PAGE);
  return corpus;
}

function pageViews(card: Awaited<ReturnType<CorpusService['excerptsFor']>>) {
  return card.excerpts.filter((view) => view.source.id === PAGE_ID);
}

describe('editing a reader page', () => {
  test('a new date reaches the record, its excerpts, the card’s ranking, the timeline and the search filters at once', async () => {
    const { service } = await withPage();
    await service.prepareSearch();
    // Read once before the edit: the shelf and the sources are cached now.
    const before = await service.excerptsFor('kherson', READING);
    expect(pageViews(before).every((view) => view.afterPage === undefined && view.source.date === '2022-11-11')).toBe(true);

    const edited = await service.editSource(PAGE_ID, { date: '2023-06-01' });
    expect(edited.changed).toBe(true);
    expect(edited.source).toMatchObject({ date: '2023-06-01', dateSource: 'reader', dateConfidence: 1, datePrecision: 'day' });
    expect(edited.source.dateEvidence).toBe('corrected on 2024-06-01; before: 2022-11-11 (meta: 2022-11-11)');
    expect(edited.before.source).toMatchObject({ date: '2022-11-11', dateSource: 'meta' });
    expect(edited.before.excerpts.map((excerpt) => excerpt.date)).toEqual(['2022-11-11', '2022-11-11']);

    const [stored] = (await service.listSources()).filter((source) => source.id === PAGE_ID);
    expect(stored).toMatchObject({ date: '2023-06-01', dateSource: 'reader', addedAt: '2024-06-01T12:00:00.000Z' });

    // The card ranks it with the new date: now months after the article, so after the rest, marked.
    const after = await service.excerptsFor('kherson', READING);
    const views = pageViews(after);
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) {
      expect(view.excerpt.date).toBe('2023-06-01');
      expect(view.source).toMatchObject({ date: '2023-06-01', dateSource: 'reader', dateConfidence: 1 });
      expect(view.afterPage).toBe(true);
    }
    const order = after.excerpts.map((view) => view.afterPage === true);
    expect(order.slice(order.indexOf(true)).every(Boolean)).toBe(true);

    const timeline = await service.entityTimeline('kherson', { month: '2023-06' });
    expect(timeline.total).toBe(2);
    expect(timeline.excerpts.every((view) => view.source.id === PAGE_ID && view.source.dateSource === 'reader')).toBe(true);
    expect((await service.entityTimeline('kherson')).buckets.find((bucket) => bucket.month === '2022-11')?.count).toBe(2);

    const june = await service.search('', { from: '2023-06-01', to: '2023-06-30' });
    expect(june.hits.map((hit) => hit.excerpt.id).sort()).toEqual([`${PAGE_ID}#0`, `${PAGE_ID}#1`]);
    expect((await service.search('', { from: '2022-11-11', to: '2022-11-11' })).total).toBe(0);
    expect(await service.verify()).toEqual([]);
  });

  test('a new title is searchable at once, the old one no longer; a new site shows in cards and lists', async () => {
    const { service } = await withPage();
    await service.prepareSearch();
    expect((await service.search('cheering')).total).toBeGreaterThan(0);
    expect((await service.search('enter')).hits.some((hit) => hit.source.id === PAGE_ID)).toBe(true);
    await service.excerptsFor('kherson', READING);

    const edited = await service.editSource(PAGE_ID, { title: '  Liberation   of Kherson ', site: ' Kyiv Wire ' });
    expect(edited.source).toMatchObject({ title: 'Liberation of Kherson', site: 'Kyiv Wire', date: '2022-11-11', dateSource: 'meta' });

    const byTitle = await service.search('liberation');
    expect(byTitle.hits.map((hit) => hit.source.id)).toContain(PAGE_ID);
    expect(byTitle.hits.find((hit) => hit.source.id === PAGE_ID)?.source).toMatchObject({ title: 'Liberation of Kherson', site: 'Kyiv Wire' });
    expect((await service.search('enter troops')).hits.some((hit) => hit.source.id === PAGE_ID)).toBe(false);
    const card = await service.excerptsFor('kherson', READING);
    for (const view of pageViews(card)) expect(view.source).toMatchObject({ title: 'Liberation of Kherson', site: 'Kyiv Wire' });
    // The title's words rank the page's excerpts for a page with the same title, as for any page.
    const titled = await service.excerptsFor('kherson', { ...READING, title: 'Liberation' });
    expect(titled.excerpts[0]?.source.id).toBe(PAGE_ID);
    expect(await service.verify()).toEqual([]);
  });

  test('is one write with one journal entry; a woken worker replays it into its search index', async () => {
    const corpus = await withPage();
    await corpus.service.prepareSearch();
    await corpus.service.flush();
    const seq = corpus.service.diagnostics().appliedSeq;
    await corpus.service.editSource(PAGE_ID, { date: '2023-06-01', title: 'Liberation of Kherson' });
    expect(corpus.service.diagnostics().appliedSeq).toBe(seq + 1);
    // The same title and date again: nothing changes, nothing is written.
    const again = await corpus.service.editSource(PAGE_ID, { title: 'Liberation of Kherson' });
    expect(again.changed).toBe(false);
    expect(corpus.service.diagnostics().appliedSeq).toBe(seq + 1);

    services.pop();
    const woken = await reopen(corpus);
    services.push(woken);
    expect((await woken.search('liberation')).hits.map((hit) => hit.source.id)).toContain(PAGE_ID);
    expect((await woken.search('', { from: '2023-06-01', to: '2023-06-01' })).total).toBe(2);
    expect(await woken.verify()).toEqual([]);
  });

  test('undo puts the page back as it was, with the date as the page gave it', async () => {
    const { service } = await withPage();
    const before = await service.listSources();
    const edited = await service.editSource(PAGE_ID, { date: '2023-06-01', title: 'Wrong', site: 'Somewhere' });
    await service.restoreSource(edited.before.source, edited.before.excerpts);
    expect(await service.listSources()).toEqual(before);
    const card = await service.excerptsFor('kherson', READING);
    for (const view of pageViews(card)) expect(view.source).toMatchObject({ date: '2022-11-11', dateSource: 'meta', title: KHERSON_PAGE.title });
    expect(await service.verify()).toEqual([]);
  });

  test('a date set by the reader stays when the page is added again; a second correction keeps what the page said', async () => {
    const { service } = await withPage();
    await service.editSource(PAGE_ID, { date: '2022-11-12' });
    const readded = await service.addPage({ ...KHERSON_PAGE, title: 'Ukrainian troops enter Kherson (updated)' });
    expect(readded.updated).toBe(true);
    expect(readded.source).toMatchObject({ date: '2022-11-12', dateSource: 'reader', title: 'Ukrainian troops enter Kherson (updated)' });
    expect((await service.excerptsFor('kherson', READING)).excerpts.filter((view) => view.source.id === PAGE_ID)
      .every((view) => view.excerpt.date === '2022-11-12')).toBe(true);
    const twice = await service.editSource(PAGE_ID, { date: '2022-11-10' });
    expect(twice.source.dateEvidence).toBe('corrected on 2024-06-01; before: 2022-11-11 (meta: 2022-11-11)');
    expect(await service.verify()).toEqual([]);
  });

  test('"set by you" survives an export and an import into a fresh store', async () => {
    const original = await withPage();
    await original.service.editSource(PAGE_ID, { date: '2023-06-01', site: 'Kyiv Wire' });
    const exported = await original.service.exportJsonl('reader');
    const parsed = parseCorpusJsonl(exported.text);
    expect(parsed.ok && parsed.corpus.sources[0]?.source).toMatchObject({ dateSource: 'reader', dateConfidence: 1, site: 'Kyiv Wire' });

    const wiped = await fresh({ indexedDB: new IDBFactory() });
    expect(await wiped.service.importJsonl(exported.text)).toEqual({ sources: 1, excerpts: 2, unchanged: 0 });
    const [imported] = (await wiped.service.listSources()).filter((source) => source.id === PAGE_ID);
    expect(imported).toMatchObject({ date: '2023-06-01', dateSource: 'reader', dateConfidence: 1, site: 'Kyiv Wire' });
    expect((await wiped.service.entityTimeline('kherson', { month: '2023-06' })).total).toBe(2);
    expect(await wiped.service.verify()).toEqual([]);
  });
});

describe('edits that change nothing', () => {
  test('invalid values are refused with what is wrong, and nothing is written', async () => {
    const { service } = await withPage();
    const before = await service.listSources();
    const cases: [Parameters<CorpusService['editSource']>[1], RegExp][] = [
      [{ date: '2024-06-02' }, /cannot be later than today/u],
      [{ date: '2023-02-30' }, /not a real date/u],
      [{ date: '9 November 2022' }, /not a real date/u],
      [{ date: '1899-12-31' }, /from 1900 on/u],
      [{ title: '   ' }, /title cannot be empty/u],
      [{ site: '' }, /site cannot be empty/u],
      [{ title: 'x'.repeat(2001) }, /title is too long: 2,001 characters, at most 2,000/u],
      [{ site: 'Bell\u0007' }, /control characters/u],
    ];
    for (const [edit, message] of cases) {
      const error = await rejection(service.editSource(PAGE_ID, edit));
      expect(error.code).toBe('bad-request');
      expect(error.message).toMatch(/^Nothing was saved: /u);
      expect(error.message).toMatch(message);
    }
    expect(await service.listSources()).toEqual(before);
  });

  test('the bundled corpus is read-only; a deleted page cannot be edited', async () => {
    const { service } = await withPage();
    const bundled = await rejection(service.editSource('seed-one', { title: 'Mine now' }));
    expect(bundled.code).toBe('bad-request');
    expect(bundled.message).toMatch(/bundled corpus cannot be edited/u);
    await service.deleteSource(PAGE_ID);
    expect((await rejection(service.editSource(PAGE_ID, { title: 'Gone' }))).code).toBe('not-found');
    expect((await service.listSources()).find((source) => source.id === 'seed-one')?.title).toBe('Russia withdraws from Kherson');
  });

  test('a full disk: a clear "quota" error, and the page, its shelves and the index as they were', async () => {
    const { service } = await withPage();
    await service.prepareSearch();
    const snapshot = async () => ({
      sources: await service.listSources(),
      card: await service.excerptsFor('kherson', READING),
      search: (await service.search('', { from: '2022-11-11', to: '2022-11-11' })).total,
    });
    const before = await snapshot();
    const prototype = globalThis.IDBObjectStore.prototype as unknown as { put: (...args: unknown[]) => IDBRequest };
    const original = prototype.put;
    prototype.put = function put(this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'excerpts') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    };
    restores.push(() => {
      prototype.put = original;
    });
    const error = await rejection(service.editSource(PAGE_ID, { date: '2023-06-01', title: 'Liberation of Kherson' }));
    expect(error.code).toBe('quota');
    expect(error.message).toMatch(/nothing was written/u);
    expect(await snapshot()).toEqual(before);
    expect(await service.verify()).toEqual([]);
    restores.pop()?.();
    expect((await service.editSource(PAGE_ID, { date: '2023-06-01' })).changed).toBe(true);
  });
});
