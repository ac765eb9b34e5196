/**
 * Schema upgrade from version 1 (a database created by the older schema, tests/unit/corpus-db-v1.fixture.ts)
 * to the current version: every page the reader added survives, with every excerpt and tag.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, test } from 'vitest';
import { CORPUS_DB_VERSION } from '../../corpus/db';
import { CorpusService } from '../../corpus/service';
import { type V1Contents, createV1Database, describeDatabase } from './corpus-db-v1.fixture';
import { bundledCorpus, gazetteer, spotter } from './corpus-fixtures';
import { tagText } from '../../core/tagger';

const services: CorpusService[] = [];
const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const service of services.splice(0)) service.close();
});

const READER_TEXTS = [
  'Ukrainian soldiers entered Kherson on Friday to cheering crowds, two days after Moscow ordered its retreat from the only regional capital it had captured.',
  'В Херсоні люди вийшли на вулиці, щоб зустріти військових. Жителі міста розповідали про вісім місяців окупації, про обшуки, затримання та нестачу ліків.',
  'Officials in Kyiv prepared shelters and generators as Russian missile strikes on power stations left millions without heat during the first frosts.',
  'Volodymyr Zelensky urged residents of Kyiv to conserve electricity during the evening peak, while engineers repaired substations damaged in the attacks.',
  'Fighting around Bakhmut continued through the winter, with both armies losing thousands of soldiers in trench warfare reminiscent of the First World War.',
];

function v1Contents(): V1Contents {
  const sources = [
    { id: 'page-aaa', origin: 'reader' as const, title: 'Kherson liberated', site: 'Example News', url: 'https://news.example.com/kherson', date: '2022-11-11', dateSource: 'meta', addedAt: '2023-01-02T10:00:00.000Z', excerptCount: 2 },
    { id: 'page-bbb', origin: 'reader' as const, title: 'Kyiv in the dark', url: 'https://other.example.org/kyiv', date: '2023-01-05', dateSource: 'added', addedAt: '2023-01-05T18:30:00.000Z', excerptCount: 2 },
    { id: 'page-ccc', origin: 'reader' as const, title: 'Bakhmut winter', url: 'https://third.example/bakhmut', date: '2023-02-20T08:00:00+02:00', dateSource: 'json-ld', addedAt: '2023-02-21T07:00:00.000Z', excerptCount: 1 },
    { id: 'seed-old', origin: 'bundled' as const, title: 'An old bundled source', date: '2022-03-01', dateSource: 'date-line', excerptCount: 1 },
  ];
  const owners = ['page-aaa', 'page-aaa', 'page-bbb', 'page-bbb', 'page-ccc'];
  const excerpts = READER_TEXTS.map((text, index) => {
    const sourceId = owners[index] as string;
    const tags = tagText(spotter, text);
    return {
      id: `${sourceId}#${owners.slice(0, index).filter((owner) => owner === sourceId).length}`,
      sourceId,
      position: owners.slice(0, index).filter((owner) => owner === sourceId).length,
      text,
      date: sources.find((source) => source.id === sourceId)?.date as string,
      // Version 1 did not sort or deduplicate.
      entities: [...tags.entityIds].reverse().concat(tags.entityIds.slice(0, 1)),
      mentions: tags.mentions,
    };
  });
  excerpts.push({ id: 'seed-old#0', sourceId: 'seed-old', position: 0, text: 'An old bundled excerpt about Kherson and the river crossing, long enough to be an excerpt of its own in a card.', date: '2022-03-01', entities: ['kherson'], mentions: [] });
  return { sources, excerpts, settings: [{ key: 'bundledChecksum', value: 'old-checksum' }, { key: 'hoverNote', value: 'kept' }] };
}

async function openMigrated(factory: IDBFactory, name: string): Promise<CorpusService> {
  const service = await CorpusService.open({
    indexedDB: factory, name, gazetteer, bundled: bundledCorpus(), snapshotDelayMs: Number.POSITIVE_INFINITY,
    now: () => new Date('2024-06-01T12:00:00Z'),
  });
  services.push(service);
  return service;
}

describe('upgrade from schema version 1', () => {
  test('keeps every reader page, excerpt and tag; fills the new fields; replaces the bundled corpus', async () => {
    const factory = new IDBFactory();
    const contents = v1Contents();
    await createV1Database(factory, 'v1', contents);
    const service = await openMigrated(factory, 'v1');

    const reader = (await service.listSources()).filter((source) => source.origin === 'reader');
    expect(reader.map((source) => source.id).sort()).toEqual(['page-aaa', 'page-bbb', 'page-ccc']);
    for (const old of contents.sources.filter((source) => source.origin === 'reader')) {
      const migrated = reader.find((source) => source.id === old.id);
      expect(migrated).toMatchObject(old);
      expect(typeof migrated?.dateConfidence).toBe('number');
      expect(migrated?.dateEvidence).toBeTruthy();
    }
    expect(reader.find((source) => source.id === 'page-ccc')?.datePrecision).toBe('instant');
    expect(reader.find((source) => source.id === 'page-bbb')?.dateConfidence).toBeLessThan(0.5);

    // Every reader excerpt, exported back, equals the v1 record with entities → entityIds (sorted, unique).
    const exported = (await service.exportJsonl('reader')).text.trim().split('\n').slice(1).map((line) => JSON.parse(line));
    const excerpts = exported.filter((line) => line.excerpt).map((line) => line.excerpt);
    const expected = contents.excerpts
      .filter((excerpt) => excerpt.sourceId.startsWith('page-'))
      .map(({ entities, ...rest }) => ({ ...rest, entityIds: [...new Set(entities)].sort() }));
    expect(excerpts.sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));

    // The old bundled source went; this version's bundled corpus came.
    const bundled = (await service.listSources()).filter((source) => source.origin === 'bundled').map((source) => source.id).sort();
    expect(bundled).toEqual(['seed-one', 'seed-two']);

    // Indexed: tags, search and the entity index work on migrated records.
    expect((await service.excerptsFor('kyiv')).excerpts.map((view) => view.excerpt.id).sort()).toEqual(['page-bbb#0', 'page-bbb#1']);
    expect((await service.search('substations')).hits.map((hit) => hit.excerpt.id)).toEqual(['page-bbb#1']);
    expect((await service.search('Херсоні')).hits.map((hit) => hit.excerpt.id)).toContain('page-aaa#1');
    expect(await service.verify()).toEqual([]);

    const described = await describeDatabase(factory, 'v1');
    expect(described.version).toBe(CORPUS_DB_VERSION);
    expect(described.stores).toEqual(['copies', 'excerpts', 'journal', 'meta', 'placements', 'shelves', 'snapshot', 'sources', 'staging']);
    expect(described.excerpts.every((record) => !('entities' in (record as object)))).toBe(true);
  });

  test('moves settings to meta and opens without migrating again', async () => {
    const factory = new IDBFactory();
    await createV1Database(factory, 'v1b', v1Contents());
    const first = await openMigrated(factory, 'v1b');
    await first.addPage({
      url: 'https://new.example/after-upgrade', title: 'After the upgrade', blocks: [{ kind: 'paragraph', text: READER_TEXTS[4] as string }],
      article: { isArticle: true, textLength: 200 },
    });
    first.close();
    const second = await openMigrated(factory, 'v1b');
    expect((await second.stats()).readerSources).toBe(4);
    expect(await second.verify()).toEqual([]);
    const request = factory.open('v1b');
    const db = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    const get = db.transaction('meta').objectStore('meta').get('hoverNote');
    await new Promise((resolve) => {
      get.onsuccess = resolve;
    });
    expect(get.result).toEqual({ key: 'hoverNote', value: 'kept' });
    db.close();
  });

  test('a migration that fails half-way leaves the version 1 database untouched', async () => {
    const factory = new IDBFactory();
    const contents = v1Contents();
    await createV1Database(factory, 'v1c', contents);
    const prototype = globalThis.IDBCursor.prototype as unknown as { update: (...args: unknown[]) => IDBRequest };
    const original = prototype.update;
    let calls = 0;
    prototype.update = function patched(this: IDBCursor, ...args: unknown[]) {
      if (++calls === 6) throw new Error('simulated crash during the upgrade');
      return original.apply(this, args);
    };
    restores.push(() => {
      prototype.update = original;
    });
    await expect(openMigrated(factory, 'v1c')).rejects.toThrow(/could not be opened or upgraded; it was left as it was/u);
    const described = await describeDatabase(factory, 'v1c');
    expect(described.version).toBe(1);
    expect(described.stores).toEqual(['excerpts', 'settings', 'sources']);
    expect(described.excerpts).toEqual(expect.arrayContaining(contents.excerpts));
    expect(described.excerpts).toHaveLength(contents.excerpts.length);

    restores.pop()?.();
    const service = await openMigrated(factory, 'v1c');
    expect((await service.stats()).readerSources).toBe(3);
  });
});
