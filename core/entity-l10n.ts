/**
 * The entities in the reader's language: data/l10n/<lang>.json gives each of the gazetteer's ids
 * its name and description as Ukrainian, Russian or German write them
 * ({"lang": "uk", "entities": {"kyiv": {"name": "Київ", "description": "…"}}}). English stays in
 * data/entities.json. `validateEntityL10n` refuses a file that lacks an id, has an empty name or
 * description, names an id the gazetteer does not have, or is of another language; the unit tests
 * and the build (scripts/entity-l10n-plugin.ts) run it on every file.
 */
import type { Lang } from './i18n/lang';

export interface EntityText {
  name: string;
  description: string;
}

export interface EntityL10n {
  lang: Exclude<Lang, 'en'>;
  entities: Readonly<Record<string, EntityText>>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file checked against the gazetteer's ids; throws with every problem listed. */
export function validateEntityL10n(value: unknown, lang: Exclude<Lang, 'en'>, ids: readonly string[]): EntityL10n {
  const problems: string[] = [];
  if (!isObject(value) || !isObject(value.entities)) throw new Error(`data/l10n/${lang}.json: expected {"lang", "entities": {…}}`);
  if (value.lang !== lang) problems.push(`"lang" is ${JSON.stringify(value.lang)}, expected "${lang}"`);
  const entities = value.entities;
  const known = new Set(ids);
  for (const id of ids) {
    const entry = entities[id];
    if (entry === undefined) {
      problems.push(`"${id}" has no translation`);
      continue;
    }
    if (!isObject(entry)) {
      problems.push(`"${id}" is not {"name", "description"}`);
      continue;
    }
    for (const field of ['name', 'description'] as const) {
      if (typeof entry[field] !== 'string' || !(entry[field] as string).trim()) problems.push(`"${id}" has an empty ${field}`);
    }
  }
  for (const id of Object.keys(entities)) if (!known.has(id)) problems.push(`"${id}" is not in the gazetteer`);
  if (problems.length) throw new Error(`data/l10n/${lang}.json: ${problems.join('; ')}`);
  return value as unknown as EntityL10n;
}
