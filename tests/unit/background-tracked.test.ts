/**
 * The background following the tracked names (entrypoints/background/tracked.ts): a service that
 * opens takes the stored list and re-tags the corpus, publishing its progress; a change of the list
 * while a pass runs starts the next pass towards the new list.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { TrackedName } from '../../core/tracked-names';
import type { CorpusService } from '../../corpus/service';
import { followTrackedNames, retagging, trackedNamesChanged } from '../../entrypoints/background/tracked';
import { deleteTrackedName, getRetagProgress, saveTrackedName } from '../../lib/tracked-names';
import { openCorpus, page } from './corpus-fixtures';

const opened: CorpusService[] = [];
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

const STAMP = '2025-12-06T10:00:00.000Z';
const PUSHILIN: TrackedName = {
  id: 'tracked-pushilin-000001', name: 'Денис Пушилин', kind: 'person', langs: ['ru'], spellings: [],
  forms: ['Денис Пушилин', 'Пушилин', 'Пушилина', 'Пушилину', 'Пушилиным'], removed: [], added: [], created: STAMP, updated: STAMP,
};

describe('the background and the tracked names', () => {
  test('re-tags the corpus when the service opens and when the list changes, with its progress published', async () => {
    const { service } = await openCorpus();
    opened.push(service);
    for (let index = 0; index < 3; index++) {
      await service.addPage(page(`https://donetsk.example/${index}`, `Сводка ${index}`, [
        `Сводка ${index}: по словам Пушилина, в Херсоне и Бахмуте продолжаются обстрелы; Пушилин также рассказал о восстановлении водопровода и подстанций в пригородах.`,
      ], '2024-03-01'));
    }
    await saveTrackedName(PUSHILIN);
    await followTrackedNames(service);
    await vi.waitFor(async () => expect(await getRetagProgress()).toMatchObject({ state: 'done', changed: 3 }));
    expect((await service.entityCounts())[PUSHILIN.id]).toBe(3);
    expect(service.trackedNames.map((name) => name.id)).toEqual([PUSHILIN.id]);

    await deleteTrackedName(PUSHILIN.id);
    const first = trackedNamesChanged(service);
    // Changed again while the first pass may still run: the last list wins.
    await saveTrackedName({ ...PUSHILIN, forms: ['Пушилина'] });
    await Promise.all([first, trackedNamesChanged(service)]);
    expect(retagging()).toBe(false);
    expect((await service.entityCounts())[PUSHILIN.id]).toBe(3);
    expect(await service.verify()).toEqual([]);
    await deleteTrackedName(PUSHILIN.id);
    await trackedNamesChanged(service);
    expect((await service.entityCounts())[PUSHILIN.id]).toBeUndefined();
    expect(await getRetagProgress()).toMatchObject({ state: 'done', changed: 3 });
  });

  test('a pass stopped by a newer list after its last batch: the next one finds nothing left, and the run still reports what it changed', async () => {
    // A stand-in service: the first pass does all the work and is then told a newer list came.
    const passes = [
      { done: 3, total: 3, changed: 3, superseded: true },
      { done: 3, total: 3, changed: 0 },
    ];
    const service = {
      isOpen: true,
      setTrackedNames: () => undefined,
      retagTracked: async () => passes.shift() ?? { done: 0, total: 0, changed: 0 },
    } as unknown as CorpusService;
    await trackedNamesChanged(service);
    expect(passes).toEqual([]);
    expect(await getRetagProgress()).toMatchObject({ state: 'done', done: 3, total: 3, changed: 3 });
  });
});
