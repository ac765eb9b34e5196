/**
 * The names the reader tracks, compiled for the page: the small spotter of their forms as a
 * snapshot (core/spotter-automaton.ts) and each name's note, kept in `storage.local` under
 * "trackedSpotter" beside the list itself (lib/tracked-names.ts writes both in one go). The content
 * script reads this and not the list, so that no page carries the compiler or the list's checks: it
 * starts the spotter from the snapshot as it does the bundled one.
 *
 * Written whenever the list is; rewritten by the background after an install or update (an older
 * version kept no snapshot, or one of another format), and read as absent when its format is not
 * this build's.
 */
import { readStored, watchStored } from './stored-value';
import { type SpotterSnapshot, isSpotterSnapshot } from '../core/spotter-automaton';

export const TRACKED_SPOTTER_KEY = 'trackedSpotter';

export interface TrackedSpotter {
  snapshot: SpotterSnapshot;
  /** The reader's note of each name that has one, by id: its card's description. */
  notes: Record<string, string>;
}

/** The stored value, when it is one this build can use. */
export function parseTrackedSpotter(raw: unknown): TrackedSpotter | undefined {
  const value = raw as Partial<TrackedSpotter> | null | undefined;
  if (typeof value !== 'object' || value === null || !isSpotterSnapshot(value.snapshot)) return undefined;
  const notes: Record<string, string> = {};
  if (typeof value.notes === 'object' && value.notes !== null) {
    for (const [id, note] of Object.entries(value.notes)) if (typeof note === 'string') notes[id] = note;
  }
  return { snapshot: value.snapshot, notes };
}

export function getTrackedSpotter(): Promise<TrackedSpotter | undefined> {
  return readStored(TRACKED_SPOTTER_KEY, parseTrackedSpotter, undefined);
}

export function watchTrackedSpotter(callback: (tracked: TrackedSpotter | undefined) => void): () => void {
  return watchStored(TRACKED_SPOTTER_KEY, parseTrackedSpotter, callback);
}
