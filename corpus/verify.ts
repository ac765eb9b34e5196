/**
 * Checking a store against itself (tests, and after repairs): every stored excerpt is on the shelf
 * of each of its entities, and nothing else is; the entity and key-date counts match the store;
 * every source's excerpt count is right and every excerpt has its source; and, when the search
 * index is loaded, it holds exactly the stored excerpts.
 */
import { isChronicleSource } from '../core/chronicle';
import type { ExcerptRecord } from '../core/schema';
import type { CorpusDb } from './db';
import { ENTITY_COUNTS_KEY, KEY_DATE_COUNTS_KEY, readShelf } from './shelves';

/** The problems found (described in words), or none. */
export async function verifyCorpus(db: CorpusDb, engine?: { verify(excerpts: readonly ExcerptRecord[]): string[] }): Promise<string[]> {
    const tx = db.transaction(['sources', 'excerpts', 'meta'], 'readonly');
    const [sources, excerpts, counts, keyDateCounts] = await Promise.all([
      tx.objectStore('sources').getAll(),
      tx.objectStore('excerpts').getAll(),
      tx.objectStore('meta').get(ENTITY_COUNTS_KEY),
      tx.objectStore('meta').get(KEY_DATE_COUNTS_KEY),
    ]);
    await tx.done;
    const problems: string[] = [];
    const perSource = new Map<string, number>();
    const perEntity = new Map<string, Set<string>>();
    const keyDatesPerEntity = new Map<string, number>();
    for (const excerpt of excerpts) {
      perSource.set(excerpt.sourceId, (perSource.get(excerpt.sourceId) ?? 0) + 1);
      if (isChronicleSource(excerpt.sourceId)) {
        for (const entityId of new Set(excerpt.entityIds)) keyDatesPerEntity.set(entityId, (keyDatesPerEntity.get(entityId) ?? 0) + 1);
      }
      for (const entityId of excerpt.entityIds) {
        let ids = perEntity.get(entityId);
        if (!ids) perEntity.set(entityId, (ids = new Set()));
        ids.add(excerpt.id);
      }
    }
    const shelved = new Set((await db.getAllKeys('shelves')).map(([entityId]) => entityId));
    for (const [entityId, ids] of perEntity) {
      const shelf = await readShelf(db, entityId);
      if (!shelf) {
        problems.push(`entity ${entityId} has ${ids.size} excerpts but no shelf`);
        continue;
      }
      const shelvedIds = new Set(shelf.table.ids());
      for (const id of ids) if (!shelvedIds.has(id)) problems.push(`excerpt ${id} is missing from the shelf of ${entityId}`);
      if (shelf.table.count !== ids.size) problems.push(`the shelf of ${entityId} has ${shelf.table.count} excerpts, the store ${ids.size}`);
    }
    for (const entityId of shelved) if (!perEntity.has(entityId)) problems.push(`a shelf for ${entityId}, which has no excerpt`);
    const recorded = (counts?.value ?? {}) as Record<string, number>;
    for (const [entityId, ids] of perEntity) {
      if (recorded[entityId] !== ids.size) problems.push(`entity ${entityId}: count ${recorded[entityId] ?? 0}, the store has ${ids.size}`);
    }
    if (keyDateCounts) {
      const recordedKeyDates = keyDateCounts.value as Record<string, number>;
      for (const entityId of new Set([...keyDatesPerEntity.keys(), ...Object.keys(recordedKeyDates)])) {
        const actual = keyDatesPerEntity.get(entityId) ?? 0;
        if ((recordedKeyDates[entityId] ?? 0) !== actual) problems.push(`entity ${entityId}: ${recordedKeyDates[entityId] ?? 0} key dates counted, the store has ${actual}`);
      }
    }
    const stored = new Set(sources.map((source) => source.id));
    for (const source of sources) {
      if ((perSource.get(source.id) ?? 0) !== source.excerptCount) {
        problems.push(`source ${source.id} says ${source.excerptCount} excerpts, the store has ${perSource.get(source.id) ?? 0}`);
      }
    }
    for (const sourceId of perSource.keys()) if (!stored.has(sourceId)) problems.push(`excerpts of a missing source ${sourceId}`);
    if (engine) problems.push(...engine.verify(excerpts));
    return problems;
}
