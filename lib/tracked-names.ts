/**
 * The names the reader tracks, kept in `storage.local` under "trackedNames" (a small list: each
 * name with its reviewed forms, core/tracked-names.ts). Every context reads it directly: the
 * content script when a page starts (without waking the background) and whenever it changes, the
 * reading room's Names tab, and the background, which tags new pages with them and re-tags the
 * corpus when they change. Damaged entries are dropped one by one, never the list.
 *
 * Every write also stores the names compiled for the page (lib/tracked-spotter.ts), which is what
 * the content script reads. The background's progress re-tagging the corpus is published beside it
 * ("trackedRetag"), for the reading room to show.
 */
import { browser } from 'wxt/browser';
import { readStored, watchStored } from './stored-value';
import { compileSpotter, spotterSnapshot } from '../core/spotter';
import { TRACKED_LIMITS, type TrackedName, parseTrackedName, parseTrackedNames, trackedGazetteer } from '../core/tracked-names';
import { BackstoryError } from '../core/protocol';
import { TRACKED_SPOTTER_KEY, type TrackedSpotter, getTrackedSpotter } from './tracked-spotter';

export const TRACKED_KEY = 'trackedNames';
export const RETAG_PROGRESS_KEY = 'trackedRetag';

export function getTrackedNames(): Promise<TrackedName[]> {
  return readStored(TRACKED_KEY, parseTrackedNames, []);
}

export function watchTrackedNames(callback: (names: TrackedName[]) => void): () => void {
  return watchStored(TRACKED_KEY, parseTrackedNames, callback);
}

/** Changes are read, changed and written one at a time within a context (two saves never lose one). */
let queue: Promise<unknown> = Promise.resolve();

function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** The names compiled for the page (lib/tracked-spotter.ts); undefined for none. */
export function compileTrackedNames(names: readonly TrackedName[]): TrackedSpotter | undefined {
  if (names.length === 0) return undefined;
  const notes: Record<string, string> = {};
  for (const name of names) if (name.note) notes[name.id] = name.note;
  return { snapshot: spotterSnapshot(compileSpotter(trackedGazetteer(names))), notes };
}

async function write(names: TrackedName[]): Promise<void> {
  const compiled = compileTrackedNames(names);
  if (compiled) {
    await browser.storage.local.set({ [TRACKED_KEY]: names, [TRACKED_SPOTTER_KEY]: compiled });
  } else {
    await browser.storage.local.set({ [TRACKED_KEY]: names });
    await browser.storage.local.remove(TRACKED_SPOTTER_KEY);
  }
}

/**
 * Store the compiled names again when they are missing or of another format (after an install or
 * an update: pages read only the compiled form). Resolves to whether it wrote.
 */
export function refreshTrackedSpotter(): Promise<boolean> {
  return serially(async () => {
    const names = await getTrackedNames();
    const stored = await getTrackedSpotter();
    const ids = (tracked: TrackedSpotter | undefined) => (tracked?.snapshot.entities.map((entity) => entity.id) ?? []).join('\n');
    if (stored && ids(stored) === names.map((name) => name.id).join('\n')) return false;
    if (!stored && names.length === 0) return false;
    await write(names);
    return true;
  });
}

/** Add a name, or replace the one with its id. Returns the list as saved. */
export function saveTrackedName(name: TrackedName): Promise<TrackedName[]> {
  return serially(async () => {
    const names = await getTrackedNames();
    const at = names.findIndex((other) => other.id === name.id);
    if (at < 0 && names.length >= TRACKED_LIMITS.names) {
      throw new BackstoryError({
        code: 'bad-request',
        message: `You track ${names.length} names, the most Backstory keeps. Delete one to track another.`,
        text: [{ key: 'errors.trackedFull', params: { count: names.length } }],
      });
    }
    const next = at < 0 ? [...names, name] : names.map((other) => (other.id === name.id ? name : other));
    await write(next);
    return next;
  });
}

/** Delete a name; returns it (to undo), or undefined when it was not there. */
export function deleteTrackedName(id: string): Promise<TrackedName | undefined> {
  return serially(async () => {
    const names = await getTrackedNames();
    const gone = names.find((name) => name.id === id);
    if (gone) await write(names.filter((name) => name.id !== id));
    return gone;
  });
}

export interface TrackedMerge {
  added: number;
  replaced: number;
  unchanged: number;
}

/**
 * The tracked names of an import file, merged in (already checked, corpus/import.ts): a name with a
 * stored id replaces it, unless identical; the others are added.
 */
export function mergeTrackedNames(incoming: readonly TrackedName[]): Promise<TrackedMerge> {
  return serially(async () => {
    const names = await getTrackedNames();
    const result: TrackedMerge = { added: 0, replaced: 0, unchanged: 0 };
    const next = [...names];
    for (const raw of incoming) {
      // Checked again: the same shape, and the same field order as the stored ones (compared as JSON).
      const name = parseTrackedName(raw);
      if (typeof name === 'string') throw new Error(name);
      const at = next.findIndex((other) => other.id === name.id);
      if (at < 0) {
        next.push(name);
        result.added++;
      } else if (JSON.stringify(next[at]) === JSON.stringify(name)) {
        result.unchanged++;
      } else {
        next[at] = name;
        result.replaced++;
      }
    }
    if (next.length > TRACKED_LIMITS.names) {
      throw new BackstoryError({
        code: 'invalid-file',
        message: `The file would make ${next.length} tracked names; Backstory keeps at most ${TRACKED_LIMITS.names}.`,
        text: [{ key: 'errors.trackedFileTooMany', params: { count: next.length, max: TRACKED_LIMITS.names } }],
      });
    }
    if (result.added + result.replaced > 0) await write(next);
    return result;
  });
}

/** How re-tagging the corpus for the tracked names is going (written by the background). */
export interface RetagProgress {
  state: 'running' | 'done' | 'failed';
  /** Excerpts read so far, of `total`. */
  done: number;
  total: number;
  /** Excerpts whose tags changed. */
  changed: number;
  /** When failed: why, in English words. */
  message?: string;
  /** When failed: the error's own words, for the reader's language (errors.retagStopped). */
  detail?: string;
  /** ISO instant of this report. */
  at: string;
}

export function parseRetagProgress(raw: unknown): RetagProgress | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  const count = (item: unknown) => (typeof item === 'number' && Number.isFinite(item) && item >= 0 ? Math.round(item) : 0);
  if (value.state !== 'running' && value.state !== 'done' && value.state !== 'failed') return undefined;
  return {
    state: value.state,
    done: count(value.done),
    total: count(value.total),
    changed: count(value.changed),
    ...(typeof value.message === 'string' ? { message: value.message.slice(0, 500) } : {}),
    ...(typeof value.detail === 'string' ? { detail: value.detail.slice(0, 300) } : {}),
    at: typeof value.at === 'string' ? value.at : new Date(0).toISOString(),
  };
}

export function getRetagProgress(): Promise<RetagProgress | undefined> {
  return readStored(RETAG_PROGRESS_KEY, parseRetagProgress, undefined);
}

export function watchRetagProgress(callback: (progress: RetagProgress | undefined) => void): () => void {
  return watchStored(RETAG_PROGRESS_KEY, parseRetagProgress, callback);
}

export async function publishRetagProgress(progress: RetagProgress): Promise<void> {
  await browser.storage.local.set({ [RETAG_PROGRESS_KEY]: progress });
}
