/**
 * A Vite plugin that fails the build when data/l10n/<lang>.json lacks an entity of the gazetteer,
 * has an empty name or description, or names an id the gazetteer does not have: a reader of
 * Ukrainian, Russian or German must never meet an entity in English.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { validateEntityL10n } from '../core/entity-l10n';
import type { Gazetteer } from '../core/gazetteer';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

export function entityL10nCheck(): Plugin {
  return {
    name: 'backstory-entity-l10n-check',
    buildStart() {
      const gazetteer = JSON.parse(readFileSync(join(DATA, 'entities.json'), 'utf8')) as Gazetteer;
      const ids = gazetteer.entities.map((entity) => entity.id);
      for (const lang of ['uk', 'ru', 'de'] as const) {
        const file = join(DATA, 'l10n', `${lang}.json`);
        this.addWatchFile(file);
        validateEntityL10n(JSON.parse(readFileSync(file, 'utf8')), lang, ids);
      }
    },
  };
}
