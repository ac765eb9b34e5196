/**
 * A Vite plugin that precompiles the spotter at build time: `import snapshot from
 * 'virtual:spotter-snapshot'` gives the fully built trie of data/entities.json (core/spotter.ts
 * `snapshot()`), so the content script starts without parsing alias patterns or building tries on
 * every page load. Rebuilt whenever the gazetteer or the spotter changes (it is computed from them).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { Gazetteer } from '../core/gazetteer';
import { compileSpotter } from '../core/spotter';

const VIRTUAL_ID = 'virtual:spotter-snapshot';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const GAZETTEER = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'entities.json');

export function spotterSnapshot(): Plugin {
  return {
    name: 'backstory-spotter-snapshot',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(GAZETTEER);
      const gazetteer = JSON.parse(readFileSync(GAZETTEER, 'utf8')) as Gazetteer;
      const snapshot = compileSpotter(gazetteer).snapshot();
      // JSON.parse of a string literal is parsed faster than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(snapshot))});`;
    },
  };
}
