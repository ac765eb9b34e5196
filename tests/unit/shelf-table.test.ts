import { describe, expect, test } from 'vitest';
import { dayNumber } from '../../core/excerpt-table';
import { type ShelfRow, ShelfTable, editShelf, emptyShelf, joinSegments } from '../../core/shelf-table';

function row(id: string, extra: Partial<ShelfRow> = {}): ShelfRow {
  return { id, sourceId: id.split('#')[0] as string, date: '2022-11-09', entityIds: ['kherson', 'putin'], cluster: 0, ...extra };
}

function entitiesOf(table: ShelfTable, r: number): string[] {
  return Array.from(table.entityData.subarray(table.entityStartOf(r), table.entityStartOf(r) + table.entityCountOf(r)), (index) => table.data.entityKeys[index] as string);
}

describe('editShelf', () => {
  test('keeps ids of any form: <source>#<position> as a number, others as they are', () => {
    const table = new ShelfTable(editShelf(emptyShelf(), new Set(), [
      row('page-1#0'), row('page-1#12'), row('seed-x#007'), row('odd', { sourceId: 'page-2' }), row('page-2#1x', { sourceId: 'page-2' }),
    ]));
    expect(table.ids()).toEqual(['page-1#0', 'page-1#12', 'seed-x#007', 'odd', 'page-2#1x']);
    expect(table.data.position[2]).toBe(-1);
  });

  test('adds rows with their days, sources, URL keys and co-mentioned entities', () => {
    const table = new ShelfTable(editShelf(emptyShelf(), new Set(), [
      row('a#0', { sourceUrl: 'url-a' }),
      row('b#0', { entityIds: ['kherson', 'kharkiv'], date: '2023-03-01' }),
    ]));
    expect(table.count).toBe(2);
    expect(table.idOf(1)).toBe('b#0');
    expect(table.dayOf(1)).toBe(dayNumber('2023-03-01'));
    expect(table.sourceIdOf(0)).toBe('a');
    expect([...table.sourcesWithUrl('url-a')]).toEqual([table.sourceIndex('a')]);
    expect(entitiesOf(table, 0)).toEqual(['kherson', 'putin']);
    expect(entitiesOf(table, 1)).toEqual(['kherson', 'kharkiv']);
  });

  test('removes rows and re-adds a replaced one; keys no row uses any more drop out', () => {
    const first = editShelf(emptyShelf(), new Set(), [row('a#0', { sourceUrl: 'url-a' }), row('b#0', { entityIds: ['kherson', 'kharkiv'] })]);
    const second = editShelf(first, new Set(['b#0']), [row('a#0', { date: '2024-01-01', sourceUrl: 'url-a' })]);
    const table = new ShelfTable(second);
    expect(new ShelfTable(second).ids()).toEqual(['a#0']);
    expect(table.dayOf(0)).toBe(dayNumber('2024-01-01'));
    expect(second.sourceKeys).toEqual(['a']);
    expect(second.entityKeys).toEqual(['kherson', 'putin']);
    // The old data is not changed.
    expect(new ShelfTable(first).ids()).toEqual(['a#0', 'b#0']);
  });

  test('rows with the same cluster label are near-duplicates; label 0 is none', () => {
    const table = new ShelfTable(editShelf(emptyShelf(), new Set(), [
      row('a#0', { cluster: 7 }), row('b#0', { cluster: 8 }), row('c#0', { cluster: 7 }), row('d#0'), row('e#0'),
    ]));
    expect(table.clusterRows(0)).toEqual([0, 2]);
    expect(table.clusterSize(2)).toBe(2);
    expect(table.hasDuplicates(1)).toBe(false);
    expect(table.hasDuplicates(3)).toBe(false);
    expect(table.clusterRows(4)).toEqual([4]);
  });
});

test('segments read back as one table, with their own key numbering merged', () => {
  const one = editShelf(emptyShelf(), new Set(), [row('a#0', { sourceUrl: 'url-a' }), row('b#0', { entityIds: ['kherson', 'nato'] })]);
  const two = editShelf(emptyShelf(), new Set(), [row('c#0', { entityIds: ['kherson', 'kyiv'], cluster: 3 }), row('a#1', { sourceUrl: 'url-a', cluster: 3 })]);
  const table = new ShelfTable(joinSegments([one, two]));
  expect(table.ids()).toEqual(['a#0', 'b#0', 'c#0', 'a#1']);
  expect(table.sourceIdOf(3)).toBe('a');
  expect(table.sourceIndexOf(0)).toBe(table.sourceIndexOf(3));
  expect(entitiesOf(table, 2)).toEqual(['kherson', 'kyiv']);
  expect(entitiesOf(table, 1)).toEqual(['kherson', 'nato']);
  expect(table.clusterRows(2)).toEqual([2, 3]);
});
