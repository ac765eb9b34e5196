import { afterEach, describe, expect, test } from 'vitest';
import { BackstoryError } from '../../core/protocol';
import { exportLines } from '../../core/corpus-export';
import { SEGMENT_ROWS } from '../../core/shelf-table';
import { readerSourceId } from '../../core/page-records';
import { CorpusService } from '../../corpus/service';
import { chronicleRecords } from '../../core/chronicle';
import { KHERSON_PAGE, KYIV_PAGE, type OpenedCorpus, bundledCorpus, gazetteer, openCorpus, page, rejection, reopen, spotter } from './corpus-fixtures';

const opened: CorpusService[] = [];
async function fresh(overrides: Parameters<typeof openCorpus>[0] = {}): Promise<OpenedCorpus> {
  const corpus = await openCorpus(overrides);
  opened.push(corpus.service);
  return corpus;
}
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

describe('first run', () => {
  test('installs the bundled corpus', async () => {
    const { service } = await fresh();
    expect(await service.stats()).toEqual({ sources: 2, excerpts: 5, readerSources: 0, entitiesTagged: 5 });
    expect((await service.listSources()).map((source) => source.id)).toEqual(['seed-two', 'seed-one']);
    expect(await service.verify()).toEqual([]);
    expect(await service.entityCounts()).toMatchObject({ kherson: 2, bakhmut: 2 });
  });

  test('reports usage when the browser can estimate it', async () => {
    const { service } = await fresh({ estimateUsage: async () => 12_345 });
    expect((await service.stats()).usageBytes).toBe(12_345);
  });
});

// Cards read shelves; search reads the full-text index (scored directly on MiniSearch's postings).
describe('cards, search and timelines', () => {
  describe('excerptsFor', () => {
    test('returns excerpts tagged with the entity, whatever alias the text used, ranked for the page', async () => {
      const { service } = await fresh();
      await service.addPage(KHERSON_PAGE);
      const { excerpts, total } = await service.excerptsFor('kherson', {
        entityIds: ['kherson', 'putin'],
        title: 'Putin orders retreat',
        date: '2022-11-09',
        url: 'https://elsewhere.example/story',
      });
      expect(total).toBe(4);
      // The seed excerpt naming Putin too comes first; the Ukrainian one (Херсоні) is a candidate.
      expect(excerpts[0]?.excerpt.id).toBe('seed-one#0');
      expect(excerpts.map((view) => view.excerpt.id)).toContain(`${readerSourceId(KHERSON_PAGE.url)}#1`);
      expect(excerpts[0]?.source).toMatchObject({ id: 'seed-one', title: 'Russia withdraws from Kherson', site: 'Seed Times' });
      for (const view of excerpts) expect(view.excerpt.entityIds).toContain('kherson');
    });

    test('leaves out the page being read', async () => {
      const { service } = await fresh();
      await service.addPage(KHERSON_PAGE);
      const { excerpts } = await service.excerptsFor('kherson', { entityIds: ['kherson'], url: 'https://news.example.com/2022/11/11/kherson-liberated' });
      expect(excerpts.map((view) => view.source.id)).toEqual(['seed-one', 'seed-one']);
    });

    test('respects the limit and reports the total', async () => {
      const { service } = await fresh();
      const { excerpts, total } = await service.excerptsFor('kherson', undefined, 1);
      expect(excerpts).toHaveLength(1);
      expect(total).toBe(2);
      expect(await service.excerptsFor('no-such-entity')).toEqual({ excerpts: [], total: 0, keyDates: [] });
    });

    test('collapses syndicated copies into one with "also in"', async () => {
      const { service } = await fresh();
      const wire = bundledCorpus().excerpts[0]?.text as string;
      await service.addPage(page('https://copy.example/a', 'Copy A', [`LONDON (Reuters) – ${wire}`], '2022-11-09'));
      await service.addPage(page('https://copy.example/b', 'Copy B', [`${wire} (AP)`], '2022-11-10'));
      const { excerpts, total } = await service.excerptsFor('kherson', { entityIds: ['kherson'] }, 5);
      expect(total).toBe(2);
      const copies = excerpts.find((view) => view.alsoIn.length > 0);
      expect(copies?.alsoIn.map((source) => source.title).sort()).toEqual(
        ['Copy A', 'Copy B', 'Russia withdraws from Kherson'].filter((title) => title !== copies?.source.title).sort(),
      );
    });
  });

  describe('pageExcerpts', () => {
    test('excerpts about the page’s main entities, co-mentions first', async () => {
      const { service } = await fresh();
      const views = await service.pageExcerpts({ entityIds: ['bakhmut', 'zelensky'], title: 'Bakhmut' }, 3);
      expect(views[0]?.excerpt.id).toBe('seed-two#0');
      expect(views.every((view) => view.excerpt.entityIds.includes('bakhmut') || view.excerpt.entityIds.includes('zelensky'))).toBe(true);
    });
  });

  describe('search', () => {
    test('prefix, fuzzy, Cyrillic and entity-name matching with highlighted ranges', async () => {
      const { service } = await fresh();
      await service.addPage(KHERSON_PAGE);
      const prefix = await service.search('bridg');
      expect(prefix.hits.map((hit) => hit.excerpt.id)).toEqual(['seed-one#2']);
      const text = prefix.hits[0]?.excerpt.text as string;
      expect(prefix.hits[0]?.matches?.map(([start, end]) => text.slice(start, end))).toEqual(['bridges']);

      const fuzzy = await service.search('withdrawl');
      expect(fuzzy.hits.map((hit) => hit.excerpt.id)).toContain('seed-one#1');

      // "Херсон" names Kherson: English excerpts tagged with it match, their mentions are highlighted.
      const byName = await service.search('Херсон');
      const ids = byName.hits.map((hit) => hit.excerpt.id);
      expect(ids).toEqual(expect.arrayContaining(['seed-one#0', 'seed-one#1', `${readerSourceId(KHERSON_PAGE.url)}#1`]));
      const english = byName.hits.find((hit) => hit.excerpt.id === 'seed-one#0');
      expect(english?.matches?.map(([start, end]) => english.excerpt.text.slice(start, end))).toEqual(['Kherson']);
      expect(byName.total).toBe(byName.hits.length);
      expect(byName.tookMs).toBeGreaterThanOrEqual(0);
    });

    test('filters by entity, source and date range', async () => {
      const { service } = await fresh();
      await service.addPage(KYIV_PAGE);
      expect((await service.search('air defence')).hits.map((hit) => hit.source.id).sort())
        .toEqual([readerSourceId(KYIV_PAGE.url), 'seed-one'].sort());
      expect((await service.search('air defence', { entityIds: ['kyiv'] })).hits.map((hit) => hit.source.id)).toEqual([readerSourceId(KYIV_PAGE.url)]);
      expect((await service.search('air defence', { sourceIds: ['seed-one'] })).hits.map((hit) => hit.source.id)).toEqual(['seed-one']);
      expect((await service.search('air defence', { from: '2022-11-15', to: '2022-11-30' })).hits.map((hit) => hit.source.id)).toEqual([readerSourceId(KYIV_PAGE.url)]);
      expect((await service.search('air defence', { to: '2022-11-09' })).hits.map((hit) => hit.source.id)).toEqual(['seed-one']);
      expect((await service.search('air defence', { entityIds: ['unknown-entity'] })).total).toBe(0);
    });

    test('an empty query lists the filtered excerpts, newest first', async () => {
      const { service } = await fresh();
      const result = await service.search('', { entityIds: ['bakhmut'] });
      expect(result.hits.map((hit) => hit.excerpt.id)).toEqual(['seed-two#0', 'seed-two#1']);
      expect(result.total).toBe(2);
      expect((await service.search('  ')).total).toBe(5);
    });
  });

  describe('entityTimeline', () => {
    test('monthly buckets and every excerpt, oldest first', async () => {
      const { service } = await fresh();
      await service.addPage(KHERSON_PAGE);
      await service.addPage(page('https://later.example/kherson', 'Kherson a year on', [
        'A year after its liberation, Kherson is still shelled daily from the left bank of the river, and most of the residents who fled have not returned to the city.',
      ], '2023-11-11'));
      const timeline = await service.entityTimeline('kherson');
      expect(timeline.buckets).toEqual([{ month: '2022-11', count: 4 }, { month: '2023-11', count: 1 }]);
      const dates = timeline.excerpts.map((view) => view.excerpt.date);
      expect(dates).toEqual([...dates].sort());
      expect(timeline.excerpts[0]?.excerpt.id).toBe('seed-one#0');
      expect(timeline.total).toBe(5);
      expect(await service.entityTimeline('nobody')).toEqual({ entityId: 'nobody', buckets: [], excerpts: [], total: 0, offset: 0 });
    });

    test('sends a page at a time, of one month when asked, counting every excerpt', async () => {
      const { service } = await fresh();
      await service.addPage(KHERSON_PAGE);
      await service.addPage(page('https://later.example/kherson', 'Kherson a year on', [
        'A year after its liberation, Kherson is still shelled daily from the left bank of the river, and most of the residents who fled have not returned to the city.',
      ], '2023-11-11'));
      const all = await service.entityTimeline('kherson');
      const first = await service.entityTimeline('kherson', { limit: 2 });
      const rest = await service.entityTimeline('kherson', { offset: 2, limit: 10 });
      expect(first.buckets).toEqual(all.buckets);
      expect(first.total).toBe(5);
      expect(first.excerpts).toHaveLength(2);
      expect(rest.offset).toBe(2);
      expect([...first.excerpts, ...rest.excerpts].map((view) => view.excerpt.id)).toEqual(all.excerpts.map((view) => view.excerpt.id));
      const november = await service.entityTimeline('kherson', { month: '2023-11' });
      expect(november.total).toBe(1);
      expect(november.excerpts.map((view) => view.excerpt.date.slice(0, 7))).toEqual(['2023-11']);
      expect(november.buckets).toEqual(all.buckets);
    });
  });
});

describe('addPage', () => {
  test('refuses a non-article unless forced, and a page without text', async () => {
    const { service } = await fresh();
    const front = page('https://news.example.com/', 'Front page', [KYIV_PAGE.blocks[1]?.text as string], undefined, false);
    const refused = await rejection(service.addPage(front));
    expect(refused.code).toBe('not-article');
    expect(refused.message).toBe('A front page with many links. You can add it anyway.');
    const forced = await service.addPage(front, { force: true });
    expect(forced.excerptCount).toBe(1);
    const empty = await rejection(service.addPage(page('https://news.example.com/empty', 'Empty', ['Short.'])));
    expect(empty.code).toBe('no-content');
    expect(await service.verify()).toEqual([]);
  });

  test('asks before adding a page that names none of the tracked entities; force or skip adds it', async () => {
    const { service } = await fresh();
    const garden = page('https://garden.example/tomatoes', 'Growing tomatoes', [
      'Tomatoes want six hours of sun, deep watering twice a week and a stake or a cage before the first trusses set, or the stems snap under the weight of the fruit.',
    ], '2024-05-20');
    const asked = await rejection(service.addPage(garden));
    expect(asked.code).toBe('no-entities');
    expect(asked.message).toBe('This page names none of the people, places and organisations Backstory follows, so no card would ever show it (search would still find it). Add it anyway?');
    expect((await service.stats()).readerSources).toBe(0);
    // Not an article either: one question that says both.
    const both = await rejection(service.addPage({ ...garden, article: { isArticle: false, reason: 'a front page with many links', textLength: 160 } }));
    expect(both.code).toBe('not-article');
    expect(both.message).toBe('A front page with many links. It also names none of the people, places and organisations Backstory follows. You can add it anyway.');
    // The keyboard command skips the first question, not the second.
    expect((await rejection(service.addPage({ ...garden, article: { isArticle: false, textLength: 160 } }, { skip: ['not-article'] }))).code).toBe('no-entities');
    expect((await service.addPage(garden, { skip: ['no-entities'] })).excerptCount).toBe(1);
    expect((await service.addPage(garden, { force: true })).updated).toBe(true);
    // A page naming one entity is added without a question.
    expect((await service.addPage(KYIV_PAGE)).excerptCount).toBe(2);
    expect(await service.verify()).toEqual([]);
  });

  test('adding the same page again updates it, keeping when it was first added', async () => {
    let now = new Date('2024-06-01T12:00:00Z');
    const { service } = await fresh({ now: () => now });
    const undated = page('https://blog.example/post?utm_source=a', 'First title', [KYIV_PAGE.blocks[1]?.text as string]);
    const first = await service.addPage(undated);
    expect(first.updated).toBe(false);
    now = new Date('2024-07-15T08:00:00Z');
    const second = await service.addPage({ ...undated, url: 'https://blog.example/post#comments', title: 'Second title' });
    expect(second.updated).toBe(true);
    expect(second.source.id).toBe(first.source.id);
    expect(second.source.title).toBe('Second title');
    expect(second.source.addedAt).toBe(first.source.addedAt);
    expect(second.source.date).toBe('2024-06-01');
    const stats = await service.stats();
    expect(stats.readerSources).toBe(1);
    expect((await service.search('second title')).hits).toHaveLength(1);
    expect((await service.search('first title')).hits).toHaveLength(0);
    expect(await service.verify()).toEqual([]);
  });

  test('a page that shrinks loses its old excerpts from store and index', async () => {
    const { service } = await fresh();
    await service.addPage(KYIV_PAGE);
    await service.addPage({ ...KYIV_PAGE, blocks: KYIV_PAGE.blocks.slice(0, 2) });
    expect((await service.search('substations')).total).toBe(0);
    expect(await service.verify()).toEqual([]);
  });
});

describe('delete and restore', () => {
  test('deleting removes a page from store and index; restoring puts it back', async () => {
    const { service } = await fresh();
    const added = await service.addPage(KYIV_PAGE);
    const deleted = await service.deleteSource(added.source.id);
    expect(deleted.source.id).toBe(added.source.id);
    expect(deleted.excerpts).toHaveLength(2);
    expect((await service.search('substations')).total).toBe(0);
    expect((await service.excerptsFor('kyiv')).total).toBe(0);
    expect(await service.verify()).toEqual([]);
    expect((await rejection(service.deleteSource(added.source.id))).code).toBe('not-found');

    const restored = await service.restoreSource(deleted.source, deleted.excerpts);
    expect(restored.excerptCount).toBe(2);
    expect((await service.search('substations')).total).toBe(1);
    expect(await service.verify()).toEqual([]);
  });

  test('restore checks what it is given', async () => {
    const { service } = await fresh();
    const deleted = await service.deleteSource('seed-one');
    const bad = await rejection(service.restoreSource({ ...deleted.source, url: 'javascript:alert(1)' }, deleted.excerpts));
    expect(bad.code).toBe('bad-request');
    const foreign = await rejection(service.restoreSource(deleted.source, [{ ...(deleted.excerpts[0] as (typeof deleted.excerpts)[number]), sourceId: 'seed-two' }]));
    expect(foreign.code).toBe('bad-request');
  });
});

describe('bundled corpus updates', () => {
  test('a new checksum replaces the bundled sources and leaves the reader’s pages alone', async () => {
    const corpus = await fresh();
    await corpus.service.addPage(KHERSON_PAGE);
    await corpus.service.addPage(KYIV_PAGE);
    corpus.service.close();
    const updated = bundledCorpus(1);
    const service = await reopen(corpus, { bundled: { ...updated, sources: updated.sources.filter((source) => source.id === 'seed-one'), excerpts: updated.excerpts.filter((excerpt) => excerpt.sourceId === 'seed-one') } });
    opened.push(service);
    const sources = await service.listSources();
    expect(sources.filter((source) => source.origin === 'bundled').map((source) => source.title)).toEqual(['Russia withdraws from Kherson (rev. 1)']);
    expect(sources.filter((source) => source.origin === 'reader')).toHaveLength(2);
    expect((await service.search('revised edition')).total).toBe(3);
    expect((await service.search('bakhmut seventh month')).total).toBe(0);
    expect((await service.search('substations')).total).toBe(1);
    expect(await service.verify()).toEqual([]);
  });

  test('the same checksum changes nothing', async () => {
    const corpus = await fresh();
    await corpus.service.deleteSource('seed-two');
    corpus.service.close();
    const service = await reopen(corpus);
    opened.push(service);
    expect((await service.listSources()).map((source) => source.id)).toEqual(['seed-one']);
  });
});

describe('the index is updated incrementally', () => {
  test('a change touches only its own excerpts; nothing is rebuilt', async () => {
    const corpus = await fresh();
    const { service } = corpus;
    await service.prepareSearch();
    await service.flush();
    const before = service.diagnostics();
    await service.addPage(KHERSON_PAGE);
    await service.addPage(KYIV_PAGE);
    const after = service.diagnostics();
    expect(after.indexedDocuments).toBe(before.indexedDocuments + 4);
    expect(after.appliedSeq).toBe(before.appliedSeq + 2);
    // No snapshot yet: the journal holds both changes.
    expect(after.snapshotSeq).toBe(before.snapshotSeq);
    await service.flush();
    expect(service.diagnostics().snapshotSeq).toBe(after.appliedSeq);
  });

  test('snapshots are written after enough changes, or after a quiet delay', async () => {
    const every = await fresh({ snapshotEvery: 2 });
    await every.service.prepareSearch();
    await every.service.flush();
    const start = every.service.diagnostics().snapshotSeq;
    await every.service.addPage(KHERSON_PAGE);
    expect(every.service.diagnostics().snapshotSeq).toBe(start);
    await every.service.addPage(KYIV_PAGE);
    await every.service.flush(); // waits for the queued snapshot
    expect(every.service.diagnostics().snapshotSeq).toBe(start + 2);

    const delayed = await fresh({ snapshotDelayMs: 10 });
    await delayed.service.prepareSearch();
    await delayed.service.addPage(KHERSON_PAGE);
    expect(delayed.service.diagnostics().snapshotSeq).toBeLessThan(delayed.service.diagnostics().appliedSeq);
    // Written by the timer, without any call: wait for it (no speed claim, just that it happens).
    for (let waited = 0; waited < 5000 && delayed.service.diagnostics().snapshotSeq !== delayed.service.diagnostics().appliedSeq; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(delayed.service.diagnostics().snapshotSeq).toBe(delayed.service.diagnostics().appliedSeq);
  });
});

describe('closed service', () => {
  test('answers with a typed error', async () => {
    const { service } = await fresh();
    service.close();
    await expect(service.stats()).rejects.toBeInstanceOf(BackstoryError);
  });
});

test('CorpusService.open refuses a database from a newer version with a clear message', async () => {
  const corpus = await fresh();
  corpus.service.close();
  await new Promise<void>((resolve, reject) => {
    const request = corpus.factory.open(corpus.name, 99);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
  await expect(reopen(corpus)).rejects.toThrow(/newer version of Backstory/u);
});

test('a wake loads no search index: cards, the popup and timelines read shelves; search loads it on first use', async () => {
  const corpus = await fresh();
  await corpus.service.addPage(KHERSON_PAGE);
  await corpus.service.addPage(KYIV_PAGE);
  corpus.service.close();
  const woken = await reopen(corpus);
  opened.push(woken);
  expect(woken.diagnostics().searchLoaded).toBe(false);
  expect((await woken.excerptsFor('kherson', { entityIds: ['kherson'] })).total).toBe(4);
  expect((await woken.pageExcerpts({ entityIds: ['kyiv', 'nato'] })).length).toBeGreaterThan(0);
  expect((await woken.entityTimeline('kyiv')).excerpts).toHaveLength(2);
  expect(await woken.entityCounts()).toMatchObject({ kherson: 4, kyiv: 2 });
  expect((await woken.stats()).excerpts).toBe(9);
  expect(woken.diagnostics().searchLoaded).toBe(false);
  // The reading room's first search loads it (the journal after the last snapshot is replayed).
  expect((await woken.search('substations')).total).toBe(1);
  expect(woken.diagnostics()).toMatchObject({ searchLoaded: true, indexedDocuments: 9 });
  expect(await woken.verify()).toEqual([]);
});

test('prepareSearch loads the index once and says how long it took', async () => {
  const { service } = await fresh();
  const first = await service.prepareSearch();
  expect(first.excerpts).toBe(5);
  expect(first.tookMs).toBeGreaterThanOrEqual(0);
  expect((await service.prepareSearch()).tookMs).toBe(0);
});

test('an upgrade by a newer version is not blocked: the open service steps aside with a clear message', async () => {
  const corpus = await fresh();
  await new Promise<void>((resolve, reject) => {
    const request = corpus.factory.open(corpus.name, 4);
    request.onupgradeneeded = () => undefined;
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onblocked = () => reject(new Error('blocked'));
    request.onerror = () => reject(request.error);
  });
  const error = await rejection(corpus.service.search('kherson'));
  expect(error.message).toMatch(/upgrading its corpus/u);
  expect(corpus.service.isOpen).toBe(false);
});

describe('shelves in segments', () => {
  const WORDS = ['river', 'bridge', 'ferry', 'shelling', 'evacuation', 'volunteers', 'water', 'power', 'school', 'hospital', 'market', 'harbour', 'drones', 'mines', 'fields', 'grain', 'trains', 'roads', 'generators', 'shelters'];
  /** `pages` reader pages of ten excerpts each, every excerpt about Kherson in different words. */
  function bigFile(pages: number): string {
    const entries = Array.from({ length: pages }, (_, p) => {
      const sourceId = `page-big${String(p).padStart(4, '0')}`;
      const excerpts = Array.from({ length: 10 }, (_, position) => {
        const words = Array.from({ length: 14 }, (_, w) => WORDS[(p * 7 + position * 3 + w * (p % 5 + 1)) % WORDS.length]).join(' ');
        const text = `Report ${p}.${position} from Kherson: ${words}, said officials on day ${p * 10 + position}.`;
        return { id: `${sourceId}#${position}`, sourceId, position, text, date: '2023-05-01', entityIds: ['kherson'], mentions: [[text.indexOf('Kherson'), text.indexOf('Kherson') + 7, 'kherson']] as [number, number, string][] };
      });
      return {
        source: { id: sourceId, origin: 'reader' as const, title: `Kherson report ${p}`, url: `https://big.example/${p}`, date: '2023-05-01', dateSource: 'meta' as const, dateConfidence: 0.9, datePrecision: 'day' as const, dateEvidence: 'test', addedAt: '2024-01-01T00:00:00.000Z', excerptCount: 10 },
        excerpts,
      };
    });
    return [...exportLines('reader', entries, new Date('2024-06-01T00:00:00Z'))].join('\n');
  }

  async function segmentsOf(corpus: OpenedCorpus, entityId: string): Promise<number[]> {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = corpus.factory.open(corpus.name);
      request.onsuccess = () => resolve(request.result);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const request = db.transaction('shelves').objectStore('shelves').getAllKeys(IDBKeyRange.bound([entityId, 0], [entityId, Number.MAX_SAFE_INTEGER]));
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return keys.map((key) => (key as [string, number])[1]);
  }

  test('a card reads every segment; adding, replacing and deleting pages edit only what they must', async () => {
    const corpus = await fresh();
    const { service } = corpus;
    await service.importJsonl(bigFile(230));
    expect((await service.entityCounts()).kherson).toBe(2302);
    // The two bundled excerpts first, then the file's in order, SEGMENT_ROWS to a segment.
    expect(await segmentsOf(corpus, 'kherson')).toEqual(Array.from({ length: Math.ceil(2302 / SEGMENT_ROWS) }, (_, index) => index));
    expect((await service.excerptsFor('kherson', { entityIds: ['kherson'] })).excerpts).toHaveLength(5);
    // A page added goes into the last segment; deleting one from the first leaves the others.
    await service.addPage(KHERSON_PAGE);
    await service.deleteSource('page-big0000');
    await service.addPage({ ...KHERSON_PAGE, title: 'Updated' });
    expect((await service.entityCounts()).kherson).toBe(2302 - 10 + 2);
    expect(await service.verify()).toEqual([]);
    // Deleting a page rewrites only the segment that held it.
    const prototype = globalThis.IDBObjectStore.prototype as unknown as { put: (...args: unknown[]) => IDBRequest };
    const original = prototype.put;
    const written: [string, number][] = [];
    prototype.put = function spy(this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'shelves') written.push([(args[0] as { entityId: string }).entityId, (args[0] as { segment: number }).segment]);
      return original.apply(this, args);
    };
    try {
      await service.deleteSource('page-big0150');
    } finally {
      prototype.put = original;
    }
    expect(written).toEqual([['kherson', Math.floor((2 + 150 * 10) / SEGMENT_ROWS)]]);
    const timeline = await service.entityTimeline('kherson', { limit: 5000 });
    expect(timeline.excerpts.some((view) => view.source.id === 'page-big0000')).toBe(false);
    expect(timeline.excerpts.some((view) => view.source.title === 'Updated')).toBe(true);
  });
});

describe('a card for a dated article', () => {
  test('what came before (or around) the article first; later excerpts after them, marked; at most two of one source', async () => {
    const { service } = await openCorpus();
    try {
      const passages = (place: string) => [0, 1, 2].map((index) =>
        `Report ${index + 1} from ${place}: Kherson residents queued for water and bread as engineers worked to restore power lines cut during the fighting near the river.`);
      await service.addPage(page('https://early.example/kherson', 'Kherson in March', passages('March'), '2022-03-15'));
      await service.addPage(page('https://late.example/kherson', 'Kherson a year later', passages('the next year'), '2023-11-20'));
      const card = await service.excerptsFor('kherson', { entityIds: ['kherson'], date: '2022-11-12', url: 'https://reading.example/now' }, 5);
      const days = card.excerpts.map((view) => view.excerpt.date.slice(0, 10));
      const after = card.excerpts.map((view) => view.afterPage === true);
      // Every excerpt dated after 2022-11-15 (three days' grace) is marked, and none comes before an unmarked one.
      days.forEach((day, index) => expect(after[index]).toBe(day > '2022-11-15'));
      expect(after.indexOf(true) === -1 || after.slice(after.indexOf(true)).every(Boolean)).toBe(true);
      expect(after.some(Boolean)).toBe(true);
      const perSource = new Map<string, number>();
      for (const view of card.excerpts) perSource.set(view.source.id, (perSource.get(view.source.id) ?? 0) + 1);
      for (const count of perSource.values()) expect(count).toBeLessThanOrEqual(2);
    } finally {
      service.close();
    }
  });
});

describe('names with excerpts behind them (the marks drawn in full)', () => {
  const keyDate = (id: string, entity: string, date: string, text: string) =>
    ({ id, entity, date, text, source: `https://records.example/${id}`, publisher: 'Example Records' });
  function withChronicle() {
    const base = bundledCorpus();
    const chronicle = chronicleRecords([{ asOf: '2024-05-01', entries: [
      keyDate('zelensky-2019-05-inauguration', 'zelensky', '2019-05-20', 'Volodymyr Zelensky was sworn in as president in Kyiv.'),
      keyDate('crimea-2014-03-annexation', 'crimea', '2014-03-18', 'Russia annexed Crimea after a referendum held under occupation.'),
    ] }], gazetteer, spotter);
    return { ...base, sources: [...base.sources, ...chronicle.sources], excerpts: [...base.excerpts, ...chronicle.excerpts] };
  }

  test('key dates alone do not count; a page naming the entity does, and deleting it undoes that', async () => {
    const { service } = await fresh({ bundled: withChronicle() });
    const counts = await service.entityCounts();
    // Kyiv and Crimea have key dates but no excerpts: they are counted, but not listed. Zelensky has
    // a key date and a seed excerpt.
    expect(counts).toMatchObject({ zelensky: 2, crimea: 1, kyiv: 1 });
    const before = await service.entitiesWithExcerpts();
    expect(before).toEqual(expect.arrayContaining(['kherson', 'bakhmut', 'zelensky']));
    expect(before).not.toContain('kyiv');
    expect(before).not.toContain('crimea');
    await service.addPage(KYIV_PAGE);
    const after = await service.entitiesWithExcerpts();
    expect(after).toContain('kyiv');
    await service.deleteSource(readerSourceId(KYIV_PAGE.url));
    expect(await service.entitiesWithExcerpts()).toEqual(before);
    expect(await service.verify()).toEqual([]);
  });

  test('a store written before key dates were counted apart counts them from the chronicle', async () => {
    const opened = await fresh({ bundled: withChronicle() });
    const expected = await opened.service.entitiesWithExcerpts();
    // As an older version left it: no keyDateCounts record.
    await (opened.service as unknown as { db: { delete(store: string, key: string): Promise<void> } }).db.delete('meta', 'keyDateCounts');
    expect(await opened.service.entitiesWithExcerpts()).toEqual(expected);
    await opened.service.addPage(KHERSON_PAGE);
    expect(await opened.service.entitiesWithExcerpts()).not.toContain('crimea');
  });
});
