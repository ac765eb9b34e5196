import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, test } from 'vitest';
import { BackstoryError } from '../../core/protocol';
import type { CorpusService, ImportProgress } from '../../corpus/service';
import { KHERSON_PAGE, KYIV_PAGE, type OpenedCorpus, bundledCorpus, openCorpus, page } from './corpus-fixtures';

const services: CorpusService[] = [];
async function fresh(overrides: Parameters<typeof openCorpus>[0] = {}): Promise<OpenedCorpus> {
  const corpus = await openCorpus(overrides);
  services.push(corpus.service);
  return corpus;
}
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

async function withPages(): Promise<OpenedCorpus> {
  const corpus = await fresh();
  await corpus.service.addPage(KHERSON_PAGE);
  await corpus.service.addPage(KYIV_PAGE);
  await corpus.service.addPage(page('https://blog.example/undated', '<b>Undated</b> notes', [
    'Residents of Kherson described months of occupation: searches, arrests and a shortage of medicine, <script>alert(1)</script> and water that had to be carried from the river.',
  ]));
  return corpus;
}

/** Everything a corpus holds, as an "all" export without its date line. */
async function contents(service: CorpusService): Promise<string[]> {
  return (await service.exportJsonl('all')).text.trim().split('\n').slice(1);
}

describe('export → wipe → import', () => {
  test('the reader’s pages come back identical', async () => {
    const original = await withPages();
    const exported = await original.service.exportJsonl('reader');
    expect(exported.lines).toBe(1 + 3 + 5);
    expect(exported.fileName).toMatch(/^backstory-my-pages-\d{4}-\d{2}-\d{2}\.jsonl$/u);

    const wiped = await fresh({ indexedDB: new IDBFactory() });
    expect((await wiped.service.stats()).readerSources).toBe(0);
    const result = await wiped.service.importJsonl(exported.text);
    expect(result).toEqual({ sources: 3, excerpts: 5, unchanged: 0 });
    expect(await contents(wiped.service)).toEqual(await contents(original.service));
    expect(await wiped.service.listSources()).toEqual(await original.service.listSources());
    expect((await wiped.service.search('Херсоні')).total).toBe((await original.service.search('Херсоні')).total);
    expect(await wiped.service.verify()).toEqual([]);
  });

  test('an "all" export round-trips too; the bundled part is recognised as unchanged', async () => {
    const original = await withPages();
    const exported = await original.service.exportJsonl('all');
    const wiped = await fresh({ indexedDB: new IDBFactory() });
    expect(await wiped.service.importJsonl(exported.text)).toEqual({ sources: 3, excerpts: 5, unchanged: 2 });
    expect(await contents(wiped.service)).toEqual(await contents(original.service));
  });
});

describe('import', () => {
  test('is idempotent: importing the same file twice changes nothing the second time', async () => {
    const original = await withPages();
    const file = (await original.service.exportJsonl('reader')).text;
    const target = await fresh({ indexedDB: new IDBFactory() });
    await target.service.importJsonl(file);
    await target.service.prepareSearch();
    const seq = target.service.diagnostics().appliedSeq;
    const before = await contents(target.service);
    expect(await target.service.importJsonl(file)).toEqual({ sources: 0, excerpts: 0, unchanged: 3 });
    expect(target.service.diagnostics().appliedSeq).toBe(seq);
    expect(await contents(target.service)).toEqual(before);
  });

  test('a newer version of a page in the file replaces the stored one', async () => {
    const corpus = await withPages();
    const file = (await corpus.service.exportJsonl('reader')).text;
    await corpus.service.addPage({ ...KYIV_PAGE, title: 'Changed locally', blocks: KYIV_PAGE.blocks.slice(0, 2) });
    const result = await corpus.service.importJsonl(file);
    expect(result).toEqual({ sources: 1, excerpts: 2, unchanged: 2 });
    expect((await corpus.service.listSources()).map((source) => source.title)).toContain(KYIV_PAGE.title);
    expect(await corpus.service.verify()).toEqual([]);
  });

  test('bundled sources from another version are not written over this version’s', async () => {
    const other = await fresh({ bundled: bundledCorpus(3) });
    const file = (await other.service.exportJsonl('all')).text;
    const target = await fresh();
    expect(await target.service.importJsonl(file)).toEqual({ sources: 0, excerpts: 0, unchanged: 0, skipped: 2 });
    expect((await target.service.listSources()).map((source) => source.title)).not.toContain('Russia withdraws from Kherson (rev. 3)');
  });

  test('reports progress: checking, writing, indexing', async () => {
    const corpus = await withPages();
    const file = (await corpus.service.exportJsonl('reader')).text;
    const target = await fresh({ indexedDB: new IDBFactory() });
    const seen: ImportProgress[] = [];
    await target.service.importJsonl(file, (progress) => seen.push(progress));
    expect([...new Set(seen.map((progress) => progress.phase))]).toEqual(['checking', 'writing', 'indexing']);
    for (const progress of seen) expect(progress.done).toBeLessThanOrEqual(progress.total);
    const last = seen[seen.length - 1] as ImportProgress;
    expect(last.done).toBe(last.total);
  });

  test('a bad file is refused with the line named, and nothing is written', async () => {
    const corpus = await withPages();
    const lines = (await corpus.service.exportJsonl('reader')).text.trim().split('\n');
    const target = await fresh({ indexedDB: new IDBFactory() });
    const before = await contents(target.service);
    const bad = lines.findLastIndex((line) => line.startsWith('{"excerpt"'));
    lines[bad] = (lines[bad] as string).replace('"position":', '"position":"x","ignored":');
    let error: unknown;
    try {
      await target.service.importJsonl(lines.join('\n'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BackstoryError);
    expect((error as BackstoryError).code).toBe('invalid-file');
    expect((error as BackstoryError).message).toMatch(new RegExp(`^Line ${bad + 1}: .* Nothing was imported\\.$`, 'u'));
    expect(await contents(target.service)).toEqual(before);
    await target.service.prepareSearch();
    expect(target.service.diagnostics().appliedSeq).toBe(1);
  });
});
