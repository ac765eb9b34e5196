/**
 * The entities an extension page knows: the bundled gazetteer and the names the reader tracks
 * (lib/tracked-names.ts), followed live, for the reading room's entity list, filters and chips. One
 * copy of the tracked list per page, shared by every component that asks.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Entity } from '../core/gazetteer';
import { type TrackedName, trackedEntity } from '../core/tracked-names';
import { entityById, gazetteer } from './gazetteer-data';
import { getTrackedNames, watchTrackedNames } from './tracked-names';

let tracked: TrackedName[] = [];
let trackedEntities: Entity[] = [];
let started = false;
let loaded = false;
const listeners = new Set<() => void>();

function take(names: TrackedName[]): void {
  loaded = true;
  tracked = names;
  trackedEntities = names.map(trackedEntity);
  for (const listener of listeners) listener();
}

function start(): void {
  if (started) return;
  started = true;
  void getTrackedNames().then(take);
  watchTrackedNames(take);
}

/** A bundled entity or a tracked name, by id. */
export function knownEntity(id: string): Entity | undefined {
  return entityById(id) ?? trackedEntities.find((entity) => entity.id === id);
}

export interface KnownEntities {
  /** Bundled entities, then the tracked names. */
  entities: readonly Entity[];
  tracked: readonly TrackedName[];
  /** The tracked names have been read (until then, a tracked id is not known yet). */
  loaded: boolean;
  byId(id: string): Entity | undefined;
}

function snapshot(): KnownEntities {
  return { entities: [...gazetteer.entities, ...trackedEntities], tracked, loaded, byId: knownEntity };
}

/** The known entities, re-rendering when the tracked names change. */
export function useKnownEntities(): KnownEntities {
  start();
  const [known, setKnown] = useState<KnownEntities>(snapshot);
  useEffect(() => {
    const listener = () => setKnown(snapshot());
    listeners.add(listener);
    listener();
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return known;
}
