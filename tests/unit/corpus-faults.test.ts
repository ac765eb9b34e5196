/**
 * Faults: the service worker stopped mid-write or between a commit and the index snapshot, the disk
 * full, two writes at once. After each, the store must be consistent (every stored excerpt indexed,
 * nothing else; every excerpt with its source) and nothing committed may be lost.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { exportLines } from '../../core/corpus-export';
import { readerSourceId } from '../../core/page-records';
import type { CorpusService } from '../../corpus/service';
import { KHERSON_PAGE, KYIV_PAGE, type OpenedCorpus, openCorpus, page, rejection, reopen } from './corpus-fixtures';

const services: CorpusService[] = [];
const restores: (() => void)[] = [];
async function fresh(overrides: Parameters<typeof openCorpus>[0] = {}): Promise<OpenedCorpus> {
  const corpus = await openCorpus(overrides);
  services.push(corpus.service);
  return corpus;
}
async function wake(corpus: OpenedCorpus): Promise<CorpusService> {
  const service = await reopen(corpus);
  services.push(service);
  return service;
}
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const service of services.splice(0)) service.close();
});

type Method = 'put' | 'add';
/**
 * Intercept `method` on object stores named `storeName`: `fault(call)` runs before the real call
 * (1-based call number) and may abort the transaction or throw.
 */
function intercept(method: Method, storeName: string, fault: (store: IDBObjectStore, call: number) => void): void {
  const prototype = globalThis.IDBObjectStore.prototype as unknown as Record<Method, (...args: unknown[]) => IDBRequest>;
  const original = prototype[method];
  let calls = 0;
  prototype[method] = function patched(this: IDBObjectStore, ...args: unknown[]) {
    if (this.name === storeName) fault(this, ++calls);
    return original.apply(this, args);
  };
  restores.push(() => {
    prototype[method] = original;
  });
}

/** The service worker is stopped: the browser aborts the open transaction. */
function stopWorkerAt(storeName: string, call: number): void {
  intercept('put', storeName, (store, count) => {
    if (count === call) store.transaction.abort();
  });
}

function quotaAt(method: Method, storeName: string, call = 1): void {
  intercept(method, storeName, (_store, count) => {
    if (count >= call) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

async function snapshotOf(service: CorpusService) {
  return {
    sources: await service.listSources(),
    stats: await service.stats(),
    kherson: (await service.excerptsFor('kherson')).excerpts.map((view) => view.excerpt),
    search: (await service.search('air defence')).hits.map((hit) => hit.excerpt.id),
  };
}

describe('stopped between the commit and the index snapshot', () => {
  test('nothing is lost: the journal is replayed on wake', async () => {
    const corpus = await fresh();
    await corpus.service.prepareSearch();
    await corpus.service.flush();
    await corpus.service.addPage(KHERSON_PAGE);
    await corpus.service.addPage(KYIV_PAGE);
    await corpus.service.deleteSource('seed-two');
    const expected = await snapshotOf(corpus.service);
    const { appliedSeq, snapshotSeq } = corpus.service.diagnostics();
    expect(snapshotSeq).toBeLessThan(appliedSeq);
    // The worker dies: the object is dropped, no snapshot is written, the connection is never closed.
    services.pop();

    const woken = await wake(corpus);
    expect(woken.diagnostics().searchLoaded).toBe(false);
    await woken.prepareSearch();
    expect(woken.diagnostics()).toMatchObject({ appliedSeq, snapshotSeq });
    expect(await snapshotOf(woken)).toEqual(expected);
    expect((await woken.search('Херсоні')).hits.map((hit) => hit.source.id)).toContain(readerSourceId(KHERSON_PAGE.url));
    expect(await woken.verify()).toEqual([]);
  });

  test('a replayed journal is folded into the next snapshot and then dropped', async () => {
    const corpus = await fresh();
    await corpus.service.prepareSearch();
    await corpus.service.flush();
    await corpus.service.addPage(KHERSON_PAGE);
    services.pop();
    const woken = await wake(corpus);
    await woken.prepareSearch();
    await woken.flush();
    const seq = woken.diagnostics().appliedSeq;
    expect(woken.diagnostics().snapshotSeq).toBe(seq);
    woken.close();
    const again = await wake(corpus);
    await again.prepareSearch();
    expect(again.diagnostics()).toMatchObject({ appliedSeq: seq, snapshotSeq: seq });
    expect(await again.verify()).toEqual([]);
  });

  test('stopped while writing the snapshot: the old snapshot and the journal still hold everything', async () => {
    const corpus = await fresh();
    await corpus.service.prepareSearch();
    await corpus.service.flush();
    await corpus.service.addPage(KYIV_PAGE);
    const expected = await snapshotOf(corpus.service);
    stopWorkerAt('snapshot', 1);
    await corpus.service.flush();
    expect(corpus.service.diagnostics().snapshotSeq).toBeLessThan(corpus.service.diagnostics().appliedSeq);
    services.pop();
    const woken = await wake(corpus);
    expect(await snapshotOf(woken)).toEqual(expected);
    expect(await woken.verify()).toEqual([]);
  });
});

describe('stopped in the middle of a write', () => {
  test('mid-add: the page is not there at all, the store is as before', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KHERSON_PAGE);
    const before = await snapshotOf(corpus.service);
    stopWorkerAt('excerpts', 2);
    const error = await rejection(corpus.service.addPage(KYIV_PAGE));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/nothing was changed/u);
    expect(await snapshotOf(corpus.service)).toEqual(before);
    expect(await corpus.service.verify()).toEqual([]);
    services.pop();
    const woken = await wake(corpus);
    expect(await snapshotOf(woken)).toEqual(before);
    expect(await woken.verify()).toEqual([]);
  });

  test('mid-update: the earlier version of the page survives whole', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KYIV_PAGE);
    const before = await snapshotOf(corpus.service);
    stopWorkerAt('excerpts', 2);
    await rejection(corpus.service.addPage({ ...KYIV_PAGE, title: 'Rewritten', blocks: [...KYIV_PAGE.blocks, ...KHERSON_PAGE.blocks] }));
    expect(await snapshotOf(corpus.service)).toEqual(before);
    services.pop();
    const woken = await wake(corpus);
    expect((await woken.listSources()).find((source) => source.origin === 'reader')?.title).toBe(KYIV_PAGE.title);
    expect(await woken.verify()).toEqual([]);
  });

  test('mid-import: nothing of the file is written; importing again completes it', async () => {
    const corpus = await fresh();
    const pages = [KHERSON_PAGE, KYIV_PAGE, page('https://third.example/x', 'Third', [KYIV_PAGE.blocks[2]?.text as string])];
    for (const extracted of pages) await corpus.service.addPage(extracted);
    const file = (await corpus.service.exportJsonl('reader')).text;
    for (const extracted of pages) await corpus.service.deleteSource(readerSourceId(extracted.url));
    const before = await snapshotOf(corpus.service);

    stopWorkerAt('excerpts', 4);
    const error = await rejection(corpus.service.importJsonl(file));
    expect(error.code).toBe('internal');
    expect(await snapshotOf(corpus.service)).toEqual(before);
    expect(await corpus.service.verify()).toEqual([]);
    restores.pop()?.();

    const result = await corpus.service.importJsonl(file);
    expect(result).toMatchObject({ sources: 3, excerpts: 5, unchanged: 0 });
    expect(await corpus.service.verify()).toEqual([]);
  });

  test('stopped while an import is still arriving: the corpus is untouched and the staged lines are gone after the wake', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KHERSON_PAGE);
    await corpus.service.addPage(KYIV_PAGE);
    const file = (await corpus.service.exportJsonl('reader')).text.split('\n');
    for (const extracted of [KHERSON_PAGE, KYIV_PAGE]) await corpus.service.deleteSource(readerSourceId(extracted.url));
    const before = await snapshotOf(corpus.service);
    const session = corpus.service.beginImport();
    await session.addLines(file.slice(0, 4));
    // A batch is staged, not written: force it out as the next chunk would.
    await (session as unknown as { stage(): Promise<void> }).stage();
    expect(await countStaged(corpus)).toBeGreaterThan(0);
    expect(await snapshotOf(corpus.service)).toEqual(before);
    services.pop(); // the worker dies with the import half-read
    const woken = await wake(corpus);
    expect(await countStaged(corpus)).toBe(0);
    expect(await snapshotOf(woken)).toEqual(before);
    expect(await woken.verify()).toEqual([]);
  });
});

async function countStaged(corpus: { factory: IDBFactory; name: string }): Promise<number> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const request = corpus.factory.open(corpus.name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const count = await new Promise<number>((resolve) => {
    const request = db.transaction('staging').objectStore('staging').count();
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return count;
}

describe('quota exhausted', () => {
  test('adding a page fails with a clear "quota" error and keeps everything stored', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KHERSON_PAGE);
    const before = await snapshotOf(corpus.service);
    quotaAt('put', 'excerpts', 2);
    const error = await rejection(corpus.service.addPage(KYIV_PAGE));
    expect(error.code).toBe('quota');
    expect(error.message).toMatch(/no room left/u);
    expect(error.message).toMatch(/intact/u);
    expect(await snapshotOf(corpus.service)).toEqual(before);
    expect(await corpus.service.verify()).toEqual([]);
    // Space freed: the same page can be added.
    restores.pop()?.();
    expect((await corpus.service.addPage(KYIV_PAGE)).excerptCount).toBe(2);
    expect(await corpus.service.verify()).toEqual([]);
  });

  test('even when the last step of the transaction (the journal) is refused', async () => {
    const corpus = await fresh();
    const before = await snapshotOf(corpus.service);
    quotaAt('add', 'journal');
    expect((await rejection(corpus.service.addPage(KYIV_PAGE))).code).toBe('quota');
    expect(await snapshotOf(corpus.service)).toEqual(before);
    services.pop();
    const woken = await wake(corpus);
    expect(await snapshotOf(woken)).toEqual(before);
  });

  test('an import that does not fit writes nothing', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KYIV_PAGE);
    const file = (await corpus.service.exportJsonl('reader')).text;
    await corpus.service.deleteSource(readerSourceId(KYIV_PAGE.url));
    const before = await snapshotOf(corpus.service);
    quotaAt('put', 'excerpts');
    expect((await rejection(corpus.service.importJsonl(file))).code).toBe('quota');
    expect(await snapshotOf(corpus.service)).toEqual(before);
  });

  test('a snapshot that does not fit loses nothing: the journal stays', async () => {
    const corpus = await fresh();
    await corpus.service.prepareSearch();
    await corpus.service.flush();
    await corpus.service.addPage(KYIV_PAGE);
    const expected = await snapshotOf(corpus.service);
    quotaAt('put', 'snapshot');
    await corpus.service.flush();
    expect(corpus.service.lastSnapshotError).toMatch(/no room left/u);
    services.pop();
    restores.pop()?.();
    const woken = await wake(corpus);
    expect(await snapshotOf(woken)).toEqual(expected);
  });
});

describe('two writes at once', () => {
  test('two different pages added concurrently both succeed', async () => {
    const { service } = await fresh();
    const [a, b] = await Promise.all([service.addPage(KHERSON_PAGE), service.addPage(KYIV_PAGE)]);
    expect(a.source.id).not.toBe(b.source.id);
    expect((await service.stats()).readerSources).toBe(2);
    expect(await service.verify()).toEqual([]);
  });

  test('the same page twice at once gives one source, updated', async () => {
    const { service } = await fresh();
    const results = await Promise.all([service.addPage(KYIV_PAGE), service.addPage({ ...KYIV_PAGE, title: 'Kyiv (updated)' })]);
    expect(results.map((result) => result.updated)).toEqual([false, true]);
    const reader = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(reader.map((source) => source.title)).toEqual(['Kyiv (updated)']);
    expect(await service.verify()).toEqual([]);
  });

  test('two service instances (two workers) on one database: each write lands, the index catches up', async () => {
    const corpus = await fresh();
    await corpus.service.flush();
    const other = await wake(corpus);
    await Promise.all([corpus.service.addPage(KHERSON_PAGE), other.addPage(KYIV_PAGE)]);
    await other.addPage(page('https://third.example/x', 'Third', [KYIV_PAGE.blocks[2]?.text as string]));
    // `other` saw a gap in the journal and reloaded: it knows all three pages.
    expect((await other.stats()).readerSources).toBe(3);
    expect(await other.verify()).toEqual([]);
    await corpus.service.flush();
    await other.flush();
    services.splice(0).forEach((service) => service.close());
    const woken = await wake(corpus);
    expect((await woken.stats()).readerSources).toBe(3);
    expect(await woken.verify()).toEqual([]);
  });

  test('a write and a delete racing leave a consistent store', async () => {
    const { service } = await fresh();
    await service.addPage(KYIV_PAGE);
    await Promise.all([
      service.deleteSource(readerSourceId(KYIV_PAGE.url)),
      service.addPage(KHERSON_PAGE),
      service.search('kyiv'),
      service.excerptsFor('kyiv'),
    ]);
    expect(await service.verify()).toEqual([]);
  });
});

test('a hostile import line is refused before anything is written', async () => {
  const { service } = await fresh();
  const before = await snapshotOf(service);
  const lines = [...exportLines('reader', [], new Date())];
  const header = JSON.parse(lines[0] as string);
  const file = [JSON.stringify({ ...header, sources: 1, excerpts: 0 }), '{"source":{"__proto__":{"admin":true}}}'].join('\n');
  const error = await rejection(service.importJsonl(file));
  expect(error.code).toBe('invalid-file');
  expect(error.message).toMatch(/^Line 2: .*Nothing was imported\.$/u);
  expect(await snapshotOf(service)).toEqual(before);
});
