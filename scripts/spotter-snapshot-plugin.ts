/**
 * A Vite plugin that precompiles the spotter at build time: `import snapshot from
 * 'virtual:spotter-snapshot'` gives data/entities.json compiled and written in the compact code of
 * core/spotter-automaton.ts (the tries, the alias records, and of each entity only what a page
 * needs), so the content script starts without the gazetteer, without parsing alias patterns and
 * without building tries. Rebuilt whenever the gazetteer or the spotter changes (it is computed
 * from them).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { Gazetteer } from '../core/gazetteer';
import { compileSpotter, spotterSnapshot as snapshotOf } from '../core/spotter';

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
      const snapshot = snapshotOf(compileSpotter(gazetteer));
      // An object literal: its few large strings (the tries) are constants of the script, not
      // copies made by JSON.parse. Non-ASCII characters (Cyrillic cues and endings) are escaped so
      // that the script stays one-byte text.
      const literal = JSON.stringify(snapshot).replace(/[\u0080-\uffff]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return `export default ${literal};`;
    },
  };
}
