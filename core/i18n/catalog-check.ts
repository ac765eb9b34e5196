/**
 * What makes the catalogs whole: every key of every area in every language, the same
 * placeholders in each language as in English, exactly the plural forms the language's
 * Intl.PluralRules gives (a plural object wherever English has one), keys named after their area,
 * no empty message. `checkCatalogs` lists each problem in words; the unit tests require none.
 */
import type { Area } from './keys';
import { DEFAULT_LANG, type Lang } from './lang';
import { type Catalog, type Message, isPluralForms, placeholdersOf, pluralCategories } from './messages';

export type CatalogFiles = Readonly<Record<Lang, Readonly<Record<Area, Catalog>>>>;

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

function messageProblems(lang: Lang, key: string, message: Message, english: Message): string[] {
  const problems: string[] = [];
  const where = `${lang}: "${key}"`;
  if (isPluralForms(english) !== isPluralForms(message)) {
    problems.push(`${where} is ${isPluralForms(message) ? 'a plural' : 'a plain string'} where English has ${isPluralForms(english) ? 'a plural' : 'a plain string'}`);
    return problems;
  }
  if (typeof message === 'string') {
    if (message.trim() === '') problems.push(`${where} is empty`);
  } else if (typeof message === 'object' && message !== null) {
    const expected = pluralCategories(lang);
    const given = Object.keys(message);
    if (!sameSet(new Set(given), new Set(expected))) {
      problems.push(`${where} has the plural forms ${given.join(', ')}; ${lang} needs ${expected.join(', ')}`);
    }
    for (const [form, text] of Object.entries(message)) {
      if (typeof text !== 'string' || text.trim() === '') problems.push(`${where} has an empty "${form}" form`);
    }
    if (!placeholdersOf(message).has('count')) problems.push(`${where} is a plural without {count}`);
  } else {
    problems.push(`${where} is neither a string nor a plural object`);
  }
  const mine = placeholdersOf(message);
  const theirs = placeholdersOf(english);
  if (!sameSet(mine, theirs)) {
    problems.push(`${where} has the placeholders {${[...mine].sort().join('}, {')}}; English has {${[...theirs].sort().join('}, {')}}`);
  }
  return problems;
}

/** Every problem of the catalogs, in words; empty when they are whole. */
export function checkCatalogs(files: CatalogFiles): string[] {
  const problems: string[] = [];
  const english = files[DEFAULT_LANG];
  for (const [lang, areas] of Object.entries(files) as [Lang, Readonly<Record<Area, Catalog>>][]) {
    for (const [area, englishCatalog] of Object.entries(english) as [Area, Catalog][]) {
      const catalog = areas[area];
      if (!catalog) {
        problems.push(`${lang}: the area "${area}" is missing`);
        continue;
      }
      for (const key of Object.keys(catalog)) {
        if (!key.startsWith(`${area}.`)) problems.push(`${lang}: "${key}" is in ${area}.json but does not start with "${area}."`);
        if (!Object.hasOwn(englishCatalog, key)) problems.push(`${lang}: "${key}" is not in the English catalog`);
      }
      for (const [key, englishMessage] of Object.entries(englishCatalog)) {
        if (!Object.hasOwn(catalog, key)) {
          problems.push(`${lang}: "${key}" is missing`);
          continue;
        }
        problems.push(...messageProblems(lang, key, catalog[key]!, englishMessage));
      }
    }
  }
  return problems;
}
