/**
 * Tracked names in the corpus: pages added are tagged with them, the stored corpus is re-tagged in
 * batches when they change (and back when they go), a stopped pass resumes, search finds excerpts by
 * them, and export files carry them (format version 2), checked on import like the rest.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readerSourceId } from '../../core/page-records';
import { type TrackedName, taggingKeys } from '../../core/tracked-names';
import { APPLIED_KEY, PASS_KEY, planPass } from '../../corpus/retag';
import type { CorpusService } from '../../corpus/service';
import { translatorFor } from '../../lib/i18n/catalogs';
import { deleteTrackedName, getRetagProgress, getTrackedNames, mergeTrackedNames, parseRetagProgress, publishRetagProgress, saveTrackedName, watchTrackedNames } from '../../lib/tracked-names';
import { KHERSON_PAGE, type OpenedCorpus, bundledCorpus, openCorpus, page, rejection, reopen } from './corpus-fixtures';

const opened: CorpusService[] = [];
async function fresh(overrides: Parameters<typeof openCorpus>[0] = {}): Promise<OpenedCorpus> {
  const corpus = await openCorpus(overrides);
  opened.push(corpus.service);
  return corpus;
}
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

const STAMP = '2025-12-06T10:00:00.000Z';

function name(id: string, display: string, forms: string[], note?: string): TrackedName {
  return { id, name: display, kind: 'person', langs: ['ru'], spellings: [], forms, removed: [], added: [], created: STAMP, updated: STAMP, ...(note ? { note } : {}) };
}

const KHINSHTEIN = name('tracked-khinshtein-000001', 'Александр Хинштейн', ['Александр Хинштейн', 'Хинштейн', 'Хинштейна', 'Хинштейну', 'Хинштейном', 'Хинштейне'], 'Governor of the Kursk region.');
const FILASHKIN = name('tracked-filashkin-000002', 'Вадим Філашкін', ['Вадим Філашкін', 'Філашкін', 'Філашкіна', 'Філашкіним']);

const KURSK_PAGE = page('https://regional.example/2025/01/05/khinshtein', 'Губернатор о восстановлении Курской области', [
  'Врио губернатора Александр Хинштейн провёл совещание в Херсоне и Бахмуте, рассказав о восстановлении домов и дорог после обстрелов прошлой недели в приграничных районах.',
  'Жители, по словам Хинштейна, получат компенсации до конца месяца; вопросы о выплатах можно задать в приёмной администрации, которую курирует заместитель губернатора.',
  'Совещание прошло без журналистов, а итоги опубликованы на сайте администрации вечером того же дня вместе с графиком приёма граждан по личным вопросам.',
], '2025-01-05');

async function excerptIdsOf(service: CorpusService, entityId: string): Promise<string[]> {
  return (await service.excerptsFor(entityId, undefined, 50)).excerpts.map((view) => view.excerpt.id).sort();
}

describe('tagging with tracked names', () => {
  test('a page added after a name is tracked is tagged with it', async () => {
    const { service } = await fresh();
    service.setTrackedNames([KHINSHTEIN]);
    await service.addPage(KURSK_PAGE);
    const id = readerSourceId(KURSK_PAGE.url);
    expect(await excerptIdsOf(service, KHINSHTEIN.id)).toEqual([`${id}#0`, `${id}#1`]);
    expect(await service.verify()).toEqual([]);
  });

  test('the stored corpus is re-tagged when a name is tracked, edited and deleted, and cards follow', async () => {
    const { service } = await fresh();
    await service.addPage(KURSK_PAGE);
    await service.addPage(KHERSON_PAGE);
    const id = readerSourceId(KURSK_PAGE.url);
    expect(await excerptIdsOf(service, KHINSHTEIN.id)).toEqual([]);

    service.setTrackedNames([KHINSHTEIN]);
    const progress: number[] = [];
    const first = await service.retagTracked({ onProgress: ({ done }) => progress.push(done) });
    expect(first).toMatchObject({ changed: 2 });
    expect(first).not.toHaveProperty('superseded');
    expect(first.total).toBe(first.done);
    expect(progress[progress.length - 1]).toBe(first.total);
    expect(await excerptIdsOf(service, KHINSHTEIN.id)).toEqual([`${id}#0`, `${id}#1`]);
    expect((await service.entityCounts())[KHINSHTEIN.id]).toBe(2);
    expect(await service.verify()).toEqual([]);
    // Bundled tags are kept as they were.
    expect((await service.excerptsFor('kherson', undefined, 50)).excerpts.map((view) => view.excerpt.id)).toContain(`${id}#0`);

    // Nothing changed: nothing is read again.
    expect(await service.retagTracked()).toEqual({ done: 0, total: 0, changed: 0 });
    // A new note does not change the tags either.
    service.setTrackedNames([{ ...KHINSHTEIN, note: 'Governor since December 2024.' }]);
    expect(await service.retagTracked()).toEqual({ done: 0, total: 0, changed: 0 });

    // Edited: one form removed, the excerpt that only had that form loses the tag.
    service.setTrackedNames([{ ...KHINSHTEIN, forms: KHINSHTEIN.forms.filter((form) => form !== 'Хинштейна') }]);
    await service.retagTracked();
    expect(await excerptIdsOf(service, KHINSHTEIN.id)).toEqual([`${id}#0`]);

    // Deleted: only the excerpts tagged with it are read.
    service.setTrackedNames([]);
    const gone = await service.retagTracked();
    expect(gone).toMatchObject({ total: 1, done: 1, changed: 1 });
    expect(await excerptIdsOf(service, KHINSHTEIN.id)).toEqual([]);
    expect((await service.entityCounts())[KHINSHTEIN.id]).toBeUndefined();
    expect(await service.verify()).toEqual([]);
  });

  test('search finds excerpts by a tracked name, in any of its forms', async () => {
    const { service } = await fresh();
    await service.addPage(KURSK_PAGE);
    service.setTrackedNames([KHINSHTEIN]);
    await service.prepareSearch();
    await service.retagTracked();
    const result = await service.search('Хинштейном');
    // The form names the entity, whatever form the excerpt used.
    expect(result.hits.map((hit) => hit.excerpt.id).sort()).toEqual([`${readerSourceId(KURSK_PAGE.url)}#0`, `${readerSourceId(KURSK_PAGE.url)}#1`]);
    expect((await service.search('', { entityIds: [KHINSHTEIN.id] })).total).toBe(2);
    expect(await service.verify()).toEqual([]);
  });

  test('a pass stopped half-way resumes where it was, even in a new worker', async () => {
    const opened = await fresh();
    const { service } = opened;
    for (let index = 0; index < 6; index++) {
      await service.addPage(page(`https://regional.example/${index}`, `Сводка ${index}`, [
        `Сводка номер ${index}: губернатор Хинштейн сообщил о работе служб в Херсоне, где восстанавливают подстанции, дороги и школы после обстрелов минувшей ночи.`,
      ], '2025-01-06'));
    }
    service.setTrackedNames([KHINSHTEIN]);
    let batches = 0;
    const stopped = await opened.service.retagTracked({ superseded: () => batches++ >= 1 });
    expect(stopped.superseded).toBe(true);
    service.close();

    const woken = await reopen(opened);
    opened.service = woken;
    woken.setTrackedNames([KHINSHTEIN]);
    const resumed = await woken.retagTracked();
    expect(resumed.done).toBe(resumed.total);
    expect((await woken.entityCounts())[KHINSHTEIN.id]).toBe(6);
    expect(await woken.verify()).toEqual([]);
    woken.close();
  });

  test('plans: nothing, only the removed names, or everything', () => {
    const target = { bundled: 'b1', keys: taggingKeys([KHINSHTEIN]) };
    expect(planPass(target, undefined, target)).toBeUndefined();
    expect(planPass(undefined, undefined, { bundled: 'b1', keys: {} })).toBeUndefined();
    expect(planPass(undefined, undefined, target)?.mode).toBe('all');
    expect(planPass({ ...target, keys: taggingKeys([KHINSHTEIN, FILASHKIN]) }, undefined, target)).toMatchObject({ mode: 'entities', ids: [FILASHKIN.id] });
    // The bundled corpus was replaced by an update: its excerpts lost their tracked tags.
    expect(planPass({ ...target, bundled: 'b0' }, undefined, target)?.mode).toBe('all');
    // A pass towards a list that was changed again before it finished: everything, from the start.
    expect(planPass(target, { target: { bundled: 'b1', keys: taggingKeys([FILASHKIN]) }, mode: 'all', after: 'x' }, target)).toEqual({ target, mode: 'all' });
    expect(planPass({ ...target, dirty: true }, undefined, target)?.mode).toBe('all');
    expect([APPLIED_KEY, PASS_KEY]).toEqual(['trackedTagsApplied', 'trackedTagsPass']);
  });
});

describe('export and import', () => {
  test('an export carries the tracked names; importing it elsewhere brings them back, checked', async () => {
    const { service } = await fresh();
    await service.addPage(KURSK_PAGE);
    service.setTrackedNames([KHINSHTEIN]);
    await service.retagTracked();
    const { text } = await service.exportJsonl('reader');
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ version: 2, trackedNames: 1 });
    expect(JSON.parse(lines[1] as string)).toEqual({ trackedName: KHINSHTEIN });

    const other = (await fresh()).service;
    const session = other.beginImport();
    await session.addLines(lines);
    const result = await session.finish();
    expect(result).toMatchObject({ sources: 1, trackedNames: 1 });
    expect(session.trackedNames).toEqual([KHINSHTEIN]);
    expect(session.hasTrackedTags).toBe(true);
  });

  test('a file without tracked names is written as version 1, as before', async () => {
    const { service } = await fresh();
    await service.addPage(KHERSON_PAGE);
    const { text } = await service.exportJsonl('reader');
    expect(JSON.parse(text.split('\n')[0] as string)).toMatchObject({ version: 1 });
    expect(JSON.parse(text.split('\n')[0] as string)).not.toHaveProperty('trackedNames');
  });

  test('refuses a file whose tracked name collides, naming the line, and writes nothing', async () => {
    const { service } = await fresh();
    service.setTrackedNames([FILASHKIN]);
    const header = { format: 'backstory-corpus', version: 2, exportedAt: STAMP, scope: 'reader', sources: 0, excerpts: 0, trackedNames: 2 };
    const clash = name('tracked-clash-000003', 'Херсон-Сити', ['Херсон-Сити', 'Херсона']);
    const sameForm = name('tracked-other-000004', 'Філашкін В.', ['Філашкіна']);
    const file = (names: TrackedName[]) => [JSON.stringify({ ...header, trackedNames: names.length }), ...names.map((item) => JSON.stringify({ trackedName: item }))].join('\n');
    expect((await rejection(service.importJsonl(file([KHINSHTEIN, clash])))).message)
      .toBe('Line 3: tracked name "Херсон-Сити": the form "Херсона" is refused: Backstory already marks “Херсона” as Kherson: the same words cannot stand for two names.. Nothing was imported.');
    expect((await rejection(service.importJsonl(file([sameForm])))).message).toMatch(/^Line 2: tracked name "Філашкін В.": the form "Філашкіна" is also a form of "Вадим Філашкін"/u);
    // Version 1 files cannot hold tracked names; a count that does not match is a truncated file.
    expect((await rejection(service.importJsonl([JSON.stringify({ ...header, version: 1, trackedNames: undefined }), JSON.stringify({ trackedName: KHINSHTEIN })].join('\n')))).message)
      .toMatch(/^Line 2: each line must be \{"source": …\} or \{"excerpt": …\}/u);
    expect((await rejection(service.importJsonl([JSON.stringify({ ...header, trackedNames: 3 }), JSON.stringify({ trackedName: KHINSHTEIN })].join('\n')))).message)
      .toMatch(/announces 3 tracked names, it holds 1/u);
    expect((await rejection(service.importJsonl([JSON.stringify({ ...header, version: 3 })].join('\n')))).message).toMatch(/newer Backstory/u);
    expect(await service.stats()).toMatchObject({ sources: bundledCorpus().sources.length, readerSources: 0 });
  });
});

describe('storage (lib/tracked-names.ts)', () => {
  test('saves, replaces, deletes and merges, telling watchers', async () => {
    const seen: number[] = [];
    const unwatch = watchTrackedNames((names) => seen.push(names.length));
    await saveTrackedName(KHINSHTEIN);
    await saveTrackedName(FILASHKIN);
    await saveTrackedName({ ...KHINSHTEIN, note: 'Edited.' });
    expect((await getTrackedNames()).map((item) => [item.id, item.note])).toEqual([[KHINSHTEIN.id, 'Edited.'], [FILASHKIN.id, undefined]]);
    expect(await deleteTrackedName(FILASHKIN.id)).toEqual(FILASHKIN);
    expect(await deleteTrackedName(FILASHKIN.id)).toBeUndefined();
    expect(await mergeTrackedNames([{ ...KHINSHTEIN, note: 'Edited.' }, FILASHKIN])).toEqual({ added: 1, replaced: 0, unchanged: 1 });
    expect(await mergeTrackedNames([KHINSHTEIN])).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    expect(await mergeTrackedNames([KHINSHTEIN])).toEqual({ added: 0, replaced: 0, unchanged: 1 });
    unwatch();
    expect(seen).toEqual([1, 2, 2, 1, 2, 2]);
  });

  test('drops damaged entries, not the list', async () => {
    await fakeBrowser.storage.local.set({ trackedNames: [KHINSHTEIN, { id: 'nonsense' }, 7] });
    expect(await getTrackedNames()).toEqual([KHINSHTEIN]);
    await fakeBrowser.storage.local.set({ trackedNames: 'nonsense' });
    expect(await getTrackedNames()).toEqual([]);
  });

  test('keeps the re-tagging progress for the reading room', async () => {
    await publishRetagProgress({ state: 'running', done: 5, total: 10, changed: 1, at: STAMP });
    expect(await getRetagProgress()).toEqual({ state: 'running', done: 5, total: 10, changed: 1, at: STAMP });
    expect(parseRetagProgress({ state: 'exploded' })).toBeUndefined();
    expect(parseRetagProgress({ state: 'done', done: -3, total: 'x' })).toMatchObject({ done: 0, total: 0 });
    // A failure keeps the error's own words beside the English message, for the reader's language.
    expect(parseRetagProgress({ state: 'failed', message: 'Re-tagging your corpus stopped: boom', detail: 'boom' })).toMatchObject({ detail: 'boom' });
    expect(translatorFor('uk').t('errors.retagStopped', { detail: 'boom' })).toBe('Повторну розмітку вашого корпусу зупинено: boom Вона продовжиться під час наступного запуску Backstory.');
  });
});
