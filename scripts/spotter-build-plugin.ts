/**
 * A Vite plugin: `import build from 'virtual:spotter-build'` gives the id of this build's bundled
 * spotter, the hash of the snapshot (core/spotter-automaton.ts) that data/entities.json compiles to
 * with this build's spotter. The background stores that snapshot for content scripts
 * (lib/bundled-spotter.ts) stamped with the id, and a content script takes only a stored snapshot
 * with its own build's id. Recomputed whenever the gazetteer or the spotter changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { Gazetteer } from '../core/gazetteer';
import { compileSpotter, spotterSnapshot } from '../core/spotter';

const VIRTUAL_ID = 'virtual:spotter-build';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const GAZETTEER = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'entities.json');

/** The id of the snapshot a gazetteer compiles to (also used by tests). */
export function spotterBuildId(gazetteer: Gazetteer): string {
  return createHash('sha256').update(JSON.stringify(spotterSnapshot(compileSpotter(gazetteer)))).digest('hex').slice(0, 16);
}

export function spotterBuild(): Plugin {
  return {
    name: 'backstory-spotter-build',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(GAZETTEER);
      const gazetteer = JSON.parse(readFileSync(GAZETTEER, 'utf8')) as Gazetteer;
      return `export default ${JSON.stringify(spotterBuildId(gazetteer))};`;
    },
  };
}
