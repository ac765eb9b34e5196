// @vitest-environment node
// The entities in Ukrainian, Russian and German: every id of the gazetteer has a name and a
// description in each file, and the validator refuses a missing, empty, unknown or mislabelled entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateEntityL10n } from '../../core/entity-l10n';
import type { Gazetteer } from '../../core/gazetteer';
import { entityDescription, entityName, localEntity, localSourceTitle } from '../../lib/entity-l10n';
import { translatorFor } from '../../lib/i18n/catalogs';
import { localSourceLabel } from '../../lib/i18n/source-names';

const read = (path: string) => JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as unknown;
const gazetteer = read('data/entities.json') as Gazetteer;
const ids = gazetteer.entities.map((entity) => entity.id);

describe('data/l10n', () => {
  for (const lang of ['uk', 'ru', 'de'] as const) {
    it(`${lang}.json names and describes every entity of the gazetteer`, () => {
      const file = validateEntityL10n(read(`data/l10n/${lang}.json`), lang, ids);
      expect(Object.keys(file.entities).sort()).toEqual([...ids].sort());
    });
  }

  it('writes each language in its own script and spelling', () => {
    const kyiv = { id: 'kyiv', name: 'Kyiv', description: 'Capital of Ukraine' };
    expect(entityName('uk', kyiv)).toBe('Київ');
    expect(entityName('ru', kyiv)).toBe('Киев');
    expect(entityName('de', kyiv)).toBe('Kyjiw');
    expect(entityName('en', kyiv)).toBe('Kyiv');
    expect(entityDescription('uk', kyiv)).toMatch(/^Столиця України/u);
    expect(localEntity('de', kyiv)).toMatchObject({ id: 'kyiv', name: 'Kyjiw', description: expect.stringMatching(/^Hauptstadt der Ukraine/u) });
    // A tracked name has no translation: it stays as the reader wrote it.
    expect(entityName('uk', { id: 'tracked:abc', name: 'Хінштейн' })).toBe('Хінштейн');
  });
});

describe('sources in the reader’s language', () => {
  it('names the chronicle and its entity in the language, and other sources as they are', () => {
    const uk = translatorFor('uk');
    const chronicle = { id: 'chronicle:kyiv', kind: 'chronicle' as const, site: 'Backstory chronicle', title: 'Backstory chronicle: Kyiv' };
    expect(localSourceLabel(uk, chronicle)).toBe('Хроніка Backstory');
    expect(localSourceTitle(uk, chronicle)).toBe('Хроніка Backstory: Київ');
    expect(localSourceTitle(translatorFor('de'), chronicle)).toBe('Backstory-Chronik: Kyjiw');
    const page = { id: 'reader:1', site: 'Kyiv Independent', title: 'Kyiv at night' };
    expect(localSourceLabel(uk, page)).toBe('Kyiv Independent');
    expect(localSourceTitle(uk, page)).toBe('Kyiv at night');
  });
});

describe('validateEntityL10n', () => {
  const whole = { lang: 'uk', entities: { kyiv: { name: 'Київ', description: 'Столиця' }, lviv: { name: 'Львів', description: 'Місто' } } };

  it('passes a whole file', () => {
    expect(validateEntityL10n(whole, 'uk', ['kyiv', 'lviv']).entities.kyiv!.name).toBe('Київ');
  });

  it('refuses a missing id, an empty name or description, an unknown id and another language', () => {
    expect(() => validateEntityL10n(whole, 'uk', ['kyiv', 'lviv', 'odesa'])).toThrow('"odesa" has no translation');
    expect(() => validateEntityL10n({ ...whole, entities: { ...whole.entities, lviv: { name: ' ', description: 'Місто' } } }, 'uk', ['kyiv', 'lviv']))
      .toThrow('"lviv" has an empty name');
    expect(() => validateEntityL10n({ ...whole, entities: { ...whole.entities, lviv: { name: 'Львів' } } }, 'uk', ['kyiv', 'lviv']))
      .toThrow('"lviv" has an empty description');
    expect(() => validateEntityL10n(whole, 'uk', ['kyiv'])).toThrow('"lviv" is not in the gazetteer');
    expect(() => validateEntityL10n(whole, 'ru', ['kyiv', 'lviv'])).toThrow('"lang" is "uk", expected "ru"');
    expect(() => validateEntityL10n([], 'uk', [])).toThrow('expected {"lang", "entities"');
  });
});
