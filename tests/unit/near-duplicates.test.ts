import { describe, expect, test } from 'vitest';
import { ExcerptTable } from '../../core/excerpt-table';
import {
  MIN_EQUAL_SLOTS,
  NearDuplicateIndex,
  SKETCH_SIZE,
  equalSlots,
  hasSketch,
  isNearDuplicate,
  sketch,
} from '../../core/near-duplicates';
import corpus from '../../data/corpus.json';

const BASE =
  'Russia announced on Wednesday that its troops would leave the city of Kherson, the only regional capital ' +
  'captured since the invasion began, in a significant defeat for Vladimir Putin and his generals.';
const OTHER =
  'Military analysts said the defence of Bakhmut was costly for both armies, with thousands of casualties ' +
  'reported each week, and that the town had little strategic value left for either side.';

describe('sketch', () => {
  test('syndicated copies are near-duplicates', () => {
    const copies = [
      BASE,
      BASE.toUpperCase(),
      `KYIV, Nov 9 (Reuters) – ${BASE}`,
      `${BASE} (AP)`,
      BASE.replace('significant', 'major'),
      BASE.replace('Wednesday', 'Thursday').replace('’', "'"),
    ];
    for (const copy of copies) expect(isNearDuplicate(sketch(BASE), sketch(copy)), copy).toBe(true);
  });

  test('different texts, and one sentence out of a longer excerpt, are not', () => {
    expect(isNearDuplicate(sketch(BASE), sketch(OTHER))).toBe(false);
    const long = `${BASE} ${OTHER} Ukrainian officials were cautious, saying the withdrawal could be a trap.`;
    expect(isNearDuplicate(sketch(long), sketch(BASE))).toBe(false);
  });

  // (The chronicle may state one event for two entities in nearly the same words: those collapse, rightly.)
  test('no two different excerpts of the bundled documents collapse', () => {
    const sketches = corpus.excerpts.filter((excerpt) => !excerpt.sourceId.startsWith('chronicle:')).map((excerpt) => sketch(excerpt.text));
    let closest = 0;
    for (let i = 0; i < sketches.length; i++) {
      for (let j = i + 1; j < sketches.length; j++) {
        closest = Math.max(closest, equalSlots(sketches[i] as Uint16Array, 0, sketches[j] as Uint16Array, 0));
      }
    }
    expect(closest).toBeLessThan(MIN_EQUAL_SLOTS);
  });

  test('texts too short to compare get no sketch and never collapse', () => {
    const short = sketch('Kherson is free.');
    expect(short).toHaveLength(SKETCH_SIZE);
    expect(hasSketch(short)).toBe(false);
    expect(isNearDuplicate(short, sketch('Kherson is free.'))).toBe(false);
  });
});

describe('NearDuplicateIndex', () => {
  test('finds the nearest copy through shared bands, forgets removed items', () => {
    const sketches = [sketch(BASE), sketch(OTHER), sketch(`${BASE} (Reuters)`)];
    const index = new NearDuplicateIndex((item) => [sketches[item] as Uint16Array, 0]);
    index.add(0);
    index.add(1);
    expect(index.nearest(2)).toBe(0);
    expect(index.nearest(1)).toBeUndefined();
    index.remove(0);
    expect(index.nearest(2)).toBeUndefined();
  });

  test('bulk-built part and later additions are both searched; dead items are skipped', () => {
    const texts = [BASE, OTHER, `${BASE} (Reuters)`, `${OTHER} (AP)`, 'Entirely different words about grain exports from Odesa and shipping insurance in the Black Sea.'];
    const sketches = texts.map(sketch);
    const dead = new Set<number>();
    const index = new NearDuplicateIndex((item) => [sketches[item] as Uint16Array, 0], (item) => !dead.has(item));
    index.build([0, 1, 4]);
    expect(index.nearest(2)).toBe(0);
    expect(index.nearest(3)).toBe(1);
    index.add(3);
    dead.add(1);
    expect(index.nearest(1)).toBe(3);
    expect(index.nearest(4)).toBeUndefined();
    dead.add(0);
    expect(index.nearest(2)).toBeUndefined();
  });
});

describe('clusters in the ranking table', () => {
  test('copies share a cluster; removing the first keeps the others together', () => {
    const table = new ExcerptTable();
    const a = table.add({ id: 'a#0', sourceId: 'a', date: '2022-11-09', entityIds: ['kherson'], text: BASE });
    const b = table.add({ id: 'b#0', sourceId: 'b', date: '2022-11-09', entityIds: ['kherson'], text: OTHER });
    const c = table.add({ id: 'c#0', sourceId: 'c', date: '2022-11-10', entityIds: ['kherson'], text: `${BASE} (AP)` });
    const d = table.add({ id: 'd#0', sourceId: 'd', date: '2022-11-11', entityIds: ['kherson'], text: `LONDON – ${BASE}` });
    expect(table.clusterOf(c)).toBe(table.clusterOf(a));
    expect(table.clusterOf(b)).not.toBe(table.clusterOf(a));
    expect(table.clusterRows(a).sort()).toEqual([a, c, d].sort());
    table.remove('a#0');
    expect(table.clusterRows(c).sort()).toEqual([c, d].sort());
    table.remove('c#0');
    expect(table.clusterSize(d)).toBe(1);
  });

  test('clusters survive serialisation', () => {
    const table = new ExcerptTable();
    table.add({ id: 'a#0', sourceId: 'a', date: '2022-11-09', entityIds: [], text: BASE });
    table.add({ id: 'x#0', sourceId: 'x', date: '2022-11-09', entityIds: [], text: OTHER });
    table.add({ id: 'b#0', sourceId: 'b', date: '2022-11-09', entityIds: [], text: `${BASE} (AP)` });
    table.remove('x#0');
    const copy = ExcerptTable.deserialize(structuredClone(table.serialize()));
    const a = copy.rowOf('a#0') as number;
    const b = copy.rowOf('b#0') as number;
    expect(copy.clusterOf(a)).toBe(copy.clusterOf(b));
    expect(copy.clusterRows(a).sort()).toEqual([a, b].sort());
    // A new copy added after loading joins the same cluster.
    const c = copy.add({ id: 'c#0', sourceId: 'c', date: '2022-11-12', entityIds: [], text: `${BASE} (AFP)` });
    expect(copy.clusterOf(c)).toBe(copy.clusterOf(a));
  });

  test('compaction keeps clusters and the lookup working', () => {
    const table = new ExcerptTable();
    for (let i = 0; i < 5000; i++) table.add({ id: `filler#${i}`, sourceId: 'f', date: '2020-01-01', entityIds: [], text: `Filler ${i} ${OTHER.slice(i % 50)}` });
    table.add({ id: 'a#0', sourceId: 'a', date: '2022-11-09', entityIds: ['kherson'], text: BASE });
    table.add({ id: 'b#0', sourceId: 'b', date: '2022-11-09', entityIds: ['kherson'], text: `${BASE} (AP)` });
    for (let i = 0; i < 5000; i++) table.remove(`filler#${i}`);
    expect(table.wantsCompaction()).toBe(true);
    table.compact();
    expect(table.size).toBe(2);
    const a = table.rowOf('a#0') as number;
    expect(table.clusterRows(a)).toHaveLength(2);
    for (let i = 0; i < 100; i++) table.add({ id: `more#${i}`, sourceId: 'm', date: '2021-01-01', entityIds: [], text: `More ${i} ${OTHER}` });
    const c = table.add({ id: 'c#0', sourceId: 'c', date: '2022-11-10', entityIds: [], text: `KYIV – ${BASE}` });
    expect(table.clusterOf(c)).toBe(table.clusterOf(a));
  });
});
