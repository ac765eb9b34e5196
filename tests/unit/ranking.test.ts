import { describe, expect, test } from 'vitest';
import { ExcerptTable, dayNumber } from '../../core/excerpt-table';
import {
  type PageSignals,
  type ScoredRow,
  compareScored,
  pageEntityWeights,
  rankRows,
  scoreRow,
  timeSignal,
  topScored,
} from '../../core/ranking';

const TEXTS = [
  'Russian troops left the city after weeks of shelling; residents said the last convoy crossed the river at night.',
  'Officials counted the damage to bridges, power lines and water pipes, and promised repairs before the first frost.',
  'A new military aid package was announced by the alliance, including air defence systems and artillery shells.',
  'Farmers in the region returned to fields scarred by trenches and mines, hoping to sow winter wheat in time.',
  'Negotiators met in a neutral capital but no ceasefire was agreed, and both delegations left without a statement.',
  'Volunteers drove generators and medicine to villages that had been without electricity for more than a month.',
];

function tableOf(rows: { id: string; source?: string; date: string; entities: string[]; text?: number }[]): ExcerptTable {
  const table = new ExcerptTable();
  rows.forEach((row, index) => {
    table.add({ id: row.id, sourceId: row.source ?? `s-${row.id}`, date: row.date, entityIds: row.entities, text: TEXTS[row.text ?? index % TEXTS.length] });
  });
  return table;
}

function signals(table: ExcerptTable, extra: Partial<PageSignals> & { pageEntities?: string[]; target?: string } = {}): PageSignals {
  const { pageEntities = [], target, ...rest } = extra;
  const result: PageSignals = { entityWeights: pageEntityWeights(table, pageEntities), nowDay: dayNumber('2024-06-01'), ...rest };
  if (target) result.targetEntity = table.entityIndex(target) as number;
  return result;
}

function order(table: ExcerptTable, rows: number[], page: PageSignals, limit = 10): string[] {
  return rankRows(table, rows, page, limit).groups.map((group) => table.idOf(group.row));
}

describe('ranking for a page', () => {
  test('an excerpt co-mentioning the page’s entities outranks one that does not, even if newer and closer', () => {
    const table = tableOf([
      { id: 'co', date: '2021-01-01', entities: ['kherson', 'putin'] },
      { id: 'plain', date: '2022-11-10', entities: ['kherson'] },
    ]);
    const page = signals(table, { pageEntities: ['kherson', 'putin'], target: 'kherson', pageDay: dayNumber('2022-11-10') });
    expect(order(table, table.rowsWithEntity('kherson'), page)).toEqual(['co', 'plain']);
  });

  test('the entity asked about does not count as its own co-mention', () => {
    const table = tableOf([
      { id: 'a', date: '2022-01-01', entities: ['kherson'] },
      { id: 'b', date: '2022-01-01', entities: ['kherson'] },
    ]);
    const page = signals(table, { pageEntities: ['kherson'], target: 'kherson' });
    const [a, b] = table.rowsWithEntity('kherson').map((row) => scoreRow(table, row, page));
    expect(a).toBe(b);
  });

  test('sharing the page’s main entity counts more than sharing a passing mention', () => {
    const table = tableOf([
      { id: 'minor', date: '2022-01-01', entities: ['kherson', 'crimea'] },
      { id: 'main', date: '2022-01-01', entities: ['kherson', 'putin'] },
    ]);
    const page = signals(table, { pageEntities: ['putin', 'kherson', 'nato', 'kyiv', 'crimea'], target: 'kherson' });
    expect(order(table, table.rowsWithEntity('kherson'), page)).toEqual(['main', 'minor']);
  });

  test('closer in time to the page’s date wins when everything else ties', () => {
    const table = tableOf([
      { id: 'far', date: '2024-03-01', entities: ['kherson'] },
      { id: 'near', date: '2022-11-20', entities: ['kherson'] },
      { id: 'nearer', date: '2022-11-12', entities: ['kherson'] },
    ]);
    const page = signals(table, { target: 'kherson', pageDay: dayNumber('2022-11-11') });
    expect(order(table, table.rowsWithEntity('kherson'), page)).toEqual(['nearer', 'near', 'far']);
  });

  test('without a page date, newer excerpts come first', () => {
    const table = tableOf([
      { id: 'old', date: '2015-01-01', entities: ['kherson'] },
      { id: 'new', date: '2024-01-01', entities: ['kherson'] },
    ]);
    expect(order(table, table.rowsWithEntity('kherson'), signals(table, { target: 'kherson' }))).toEqual(['new', 'old']);
    expect(timeSignal(dayNumber('2024-01-01'), { nowDay: dayNumber('2024-06-01') }))
      .toBeGreaterThan(timeSignal(dayNumber('2015-01-01'), { nowDay: dayNumber('2024-06-01') }));
  });

  test('title words boost, and a title match beats a better date', () => {
    const table = tableOf([
      { id: 'dated', date: '2022-11-11', entities: ['kherson'], text: 0 },
      { id: 'titled', date: '2023-06-01', entities: ['kherson'], text: 2 },
    ]);
    const titled = table.rowOf('titled') as number;
    const page = signals(table, { target: 'kherson', pageDay: dayNumber('2022-11-11'), titleScore: (row) => (row === titled ? 6 : 0) });
    expect(order(table, table.rowsWithEntity('kherson'), page)).toEqual(['titled', 'dated']);
    const withoutTitle = signals(table, { target: 'kherson', pageDay: dayNumber('2022-11-11') });
    expect(order(table, table.rowsWithEntity('kherson'), withoutTitle)).toEqual(['dated', 'titled']);
  });

  test('co-mention beats a title match', () => {
    const table = tableOf([
      { id: 'titled', date: '2022-11-11', entities: ['kherson'] },
      { id: 'co', date: '2022-11-11', entities: ['kherson', 'putin'] },
    ]);
    const titled = table.rowOf('titled') as number;
    const page = signals(table, { pageEntities: ['putin'], target: 'kherson', titleScore: (row) => (row === titled ? 8 : 0) });
    expect(order(table, table.rowsWithEntity('kherson'), page)).toEqual(['co', 'titled']);
  });

  test('excerpts of the page itself are left out', () => {
    const table = tableOf([
      { id: 'self#0', source: 'self', date: '2022-11-11', entities: ['kherson', 'putin'] },
      { id: 'other#0', source: 'other', date: '2022-11-11', entities: ['kherson'] },
    ]);
    const page = signals(table, { target: 'kherson', pageEntities: ['kherson', 'putin'], excludeSources: new Set([table.sourceIndex('self') as number]) });
    const result = rankRows(table, table.rowsWithEntity('kherson'), page, 5);
    expect(result.groups.map((group) => table.idOf(group.row))).toEqual(['other#0']);
    expect(result.total).toBe(1);
  });
});

describe('near-duplicates in a ranking', () => {
  test('copies collapse into the best ranked one; the total counts them once', () => {
    const table = tableOf([
      { id: 'wire#0', source: 'wire', date: '2022-11-09', entities: ['kherson'], text: 0 },
      { id: 'copy#0', source: 'copy', date: '2022-11-10', entities: ['kherson', 'putin'], text: 0 },
      { id: 'other#0', source: 'other', date: '2022-11-09', entities: ['kherson'], text: 1 },
    ]);
    const page = signals(table, { target: 'kherson', pageEntities: ['putin'] });
    const result = rankRows(table, table.rowsWithEntity('kherson'), page, 5);
    expect(result.total).toBe(2);
    expect(result.groups.map((group) => table.idOf(group.row))).toEqual(['copy#0', 'other#0']);
    expect(result.groups[0]?.duplicates.map((row) => table.idOf(row))).toEqual(['wire#0']);
  });

  test('the limit counts groups, not copies', () => {
    const table = tableOf([
      ...[0, 1, 2, 3].map((copy) => ({ id: `dup${copy}`, date: `2022-11-1${copy}`, entities: ['kyiv'], text: 0 })),
      { id: 'b', date: '2020-01-01', entities: ['kyiv'], text: 1 },
      { id: 'c', date: '2019-01-01', entities: ['kyiv'], text: 2 },
    ]);
    const result = rankRows(table, table.rowsWithEntity('kyiv'), signals(table, { target: 'kyiv' }), 2);
    expect(result.groups.map((group) => table.idOf(group.row))).toEqual(['dup3', 'b']);
    expect(result.total).toBe(3);
  });
});

describe('topScored', () => {
  test('partial selection gives the same head as a full sort', () => {
    const table = new ExcerptTable();
    for (let i = 0; i < 3000; i++) table.add({ id: `x${i}`, sourceId: 's', date: `20${10 + (i % 14)}-01-01`, entityIds: [], text: '' });
    let seed = 7;
    const random = () => ((seed = Math.imul(seed, 48271) % 2147483647) & 0x7fffffff) / 2147483647;
    const scored: ScoredRow[] = [];
    for (let row = 0; row < 3000; row++) scored.push({ row, score: Math.round(random() * 50) / 10 });
    const full = [...scored].sort((a, b) => compareScored(table, a, b)).slice(0, 25);
    expect(topScored(table, [...scored], 25)).toEqual(full);
  });
});
