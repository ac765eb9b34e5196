/**
 * Writes the bundled spotter, compiled, where content scripts read it (lib/bundled-spotter.ts):
 * at install and update, and whenever a content script found none of this build (it asks with
 * `bundled-spotter`). Compiled here from the gazetteer the background holds anyway (a few tens of
 * ms, once), so the extension does not ship it twice.
 */
import SPOTTER_BUILD from 'virtual:spotter-build';
import { compileSpotter, spotterSnapshot } from '../../core/spotter';
import type { SpotterSnapshot } from '../../core/spotter-automaton';
import { type StoredSpotter, getStoredSpotter, storeSpotter } from '../../lib/bundled-spotter';
import { gazetteer } from '../../lib/gazetteer-data';

let compiled: StoredSpotter | undefined;
let writing: Promise<StoredSpotter> | undefined;

function current(): StoredSpotter {
  compiled ??= { build: SPOTTER_BUILD, snapshot: spotterSnapshot(compileSpotter(gazetteer)) };
  return compiled;
}

/** Store this build's spotter (again); resolves with what was stored. A failed write is tried again next time. */
export function storeBundledSpotter(): Promise<StoredSpotter> {
  writing ??= (async () => {
    const stored = current();
    await storeSpotter(stored);
    return stored;
  })().finally(() => {
    writing = undefined;
  });
  return writing;
}

/** For a content script that found no spotter in storage: this build's, stored if it is missing (a full disk does not stop the answer). */
export async function bundledSpotterFor(): Promise<{ build: string; snapshot: SpotterSnapshot }> {
  if (!(await getStoredSpotter(SPOTTER_BUILD))) await storeBundledSpotter().catch(() => undefined);
  return current();
}
