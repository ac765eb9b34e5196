/**
 * The forms of a name the reader tracks, in the languages it is written in: what Backstory offers
 * for review before the name is saved ("Track a name" in the reading room). Pure functions; the
 * rules per language are in ukrainian.ts, russian.ts and latin.ts, their limits in data/README.md.
 *
 * A person's name of several words is declined word by word in agreement (first name, patronymic,
 * surname all in the same case), and the surname alone gets its forms too, as news name a person in
 * full once and by surname after. A place or organisation of several words is declined as a phrase:
 * adjectives in agreement with their noun ("Нова Каховка" → "Новій Каховці"), or, when the first
 * word is the noun ("Служба безпеки України"), that word alone.
 */
import type { EntityKind } from '../gazetteer';
import { englishForms, germanForms } from './latin';
import { type Gender, type Paradigm, agree, fixed, formsOf, isAllUpper, isCapitalised, unique } from './paradigm';
import { russian, russianGender } from './russian';
import { ukrainian, ukrainianGender } from './ukrainian';

export type { Gender } from './paradigm';

import type { NameLang } from './langs';

export { NAME_LANGS, NAME_LANG_LABELS, type NameLang } from './langs';

export type Script = 'cyrillic' | 'latin' | 'other';

/** The script a name is written in (its letters'); "other" for a mix or anything else. */
export function scriptOf(text: string): Script | undefined {
  let cyrillic = 0;
  let latin = 0;
  let other = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    if (/\p{Script=Cyrillic}/u.test(char)) cyrillic++;
    else if (/\p{Script=Latin}/u.test(char)) latin++;
    else other++;
  }
  if (cyrillic + latin + other === 0) return undefined;
  if (cyrillic > 0 && latin === 0 && other === 0) return 'cyrillic';
  if (latin > 0 && cyrillic === 0 && other === 0) return 'latin';
  return 'other';
}

export const SCRIPT_LANGS: Record<Script, readonly NameLang[]> = { cyrillic: ['uk', 'ru'], latin: ['en', 'de'], other: [] };

/**
 * The languages a name is probably written in, from its letters: і ї є ґ are Ukrainian, ы э ъ ё
 * Russian; Cyrillic without either could be both. ä ö ü ß are German; other Latin names could be
 * English or German.
 */
export function detectLanguages(text: string): NameLang[] {
  const script = scriptOf(text);
  if (script === 'cyrillic') {
    const low = text.toLowerCase();
    const uk = /[іїєґ]/u.test(low);
    const ru = /[ыэъё]/u.test(low);
    if (uk && !ru) return ['uk'];
    if (ru && !uk) return ['ru'];
    return ['uk', 'ru'];
  }
  if (script === 'latin') return /[äöüß]/iu.test(text) ? ['de'] : ['en', 'de'];
  return [];
}

export interface InflectOptions {
  kind: EntityKind;
  /** For persons: how the name declines; guessed from the name when not given. */
  gender?: Gender;
}

export interface GeneratedForms {
  lang: NameLang;
  /** Every form, the name as written first. */
  forms: string[];
  /** For a person in Ukrainian or Russian: the gender the forms were declined for. */
  gender?: Gender;
}

type Slavic = typeof ukrainian | typeof russian;

/** The words of a name (runs of non-space characters). */
function wordsOf(name: string): string[] {
  return name.trim().split(/\s+/u).filter(Boolean);
}

/** A word that may be hyphenated (Львова-Белова, Ростов-на-Дону): capitalised parts decline alike, the rest stay. */
function hyphenated(word: string, decline: (part: string) => Paradigm): Paradigm {
  const parts = word.split('-');
  if (parts.length === 1 || parts.some((part) => !part)) return decline(word);
  if (parts.every(isCapitalised)) return agree(parts.map(decline), '-');
  return agree([decline(parts[0] as string), ...parts.slice(1).map(fixed)], '-');
}

function personForms(words: readonly string[], rules: Slavic, gender: Gender): string[] {
  if (words.length === 1) return formsOf(hyphenated(words[0] as string, (part) => rules.surname(part, gender)));
  const patronymicAt = words.findIndex((word, index) => index > 0 && rules.isPatronymic(word));
  // "Хинштейн Александр Евсеевич": the surname first, as in official lists.
  const surnameFirst = words.length === 3 && patronymicAt === 2;
  const surnameAt = surnameFirst ? 0 : words.length - 1;
  const firstAt = surnameFirst ? 1 : 0;
  const paradigms = words.map((word, index) => {
    if (index === surnameAt) return hyphenated(word, (part) => rules.surname(part, gender));
    if (index === patronymicAt) return rules.patronymic(word);
    if (index === firstAt) return hyphenated(word, (part) => rules.firstName(part, gender));
    return fixed(word);
  });
  const surname = paradigms[surnameAt] as Paradigm;
  const forms = [...formsOf(agree(paradigms)), ...formsOf(surname)];
  // Named without the patronymic too: "Александр Евсеевич Хинштейн" → "Александра Хинштейна".
  if (patronymicAt >= 0 && !surnameFirst) forms.push(...formsOf(agree([paradigms[firstAt] as Paradigm, surname])));
  return unique(forms);
}

function phraseForms(words: readonly string[], rules: Slavic): string[] {
  if (words.length === 1) {
    const word = words[0] as string;
    // An acronym (ЗСУ, СБУ, ФСБ) is not declined.
    if (isAllUpper(word) && word.length <= 6) return [word];
    return formsOf(hyphenated(word, (part) => rules.noun(part)));
  }
  const head = words[words.length - 1] as string;
  const before = words.slice(0, -1);
  const genders = before.map((word) => rules.adjectiveGender(word));
  if (genders.every((gender) => gender !== undefined)) {
    // Adjectives and their noun, all in one case: Нова Каховка → Нової Каховки.
    const noun = rules.noun(head);
    const forms = formsOf(agree([...before.map((word, index) => rules.adjective(word, genders[index]!)), noun]));
    // "у Часів Ярі": a possessive adjective is also left as written while its noun declines.
    if (before.some((word) => rules.isPossessive(word))) forms.push(...formsOf(agree([...before.map(fixed), noun])));
    return unique(forms);
  }
  // The first word is the noun, the rest depend on it and stay: Служба безпеки України → Служби безпеки України.
  return formsOf(agree([rules.noun(words[0] as string), ...words.slice(1).map(fixed)]));
}

function slavicForms(name: string, lang: 'uk' | 'ru', options: InflectOptions): GeneratedForms {
  const rules = lang === 'uk' ? ukrainian : russian;
  const words = wordsOf(name);
  if (words.length === 0) return { lang, forms: [] };
  if (options.kind === 'person') {
    const gender = options.gender ?? (lang === 'uk' ? ukrainianGender(words) : russianGender(words));
    return { lang, forms: personForms(words, rules, gender), gender };
  }
  return { lang, forms: phraseForms(words, rules) };
}

/** The surname alone of a person named in German or English (news name them so after the first time). */
function latinSurname(words: readonly string[], kind: EntityKind): string | undefined {
  return kind === 'person' && words.length > 1 ? words[words.length - 1] : undefined;
}

/**
 * The forms of `name` in one language. The name as written always comes first; nothing is
 * generated for a language whose script the name is not written in.
 */
export function inflectName(name: string, lang: NameLang, options: InflectOptions): GeneratedForms {
  const clean = wordsOf(name).join(' ');
  const script = scriptOf(clean);
  if (!clean || !script || !SCRIPT_LANGS[script].includes(lang)) return { lang, forms: clean ? [clean] : [] };
  if (lang === 'uk' || lang === 'ru') {
    const generated = slavicForms(clean, lang, options);
    return { ...generated, forms: unique([clean, ...generated.forms]) };
  }
  const words = wordsOf(clean);
  const surname = latinSurname(words, options.kind);
  const make = (text: string) => (lang === 'de' ? germanForms(text, options.kind) : englishForms(text));
  return { lang, forms: unique([...make(clean), ...(surname ? make(surname) : [])]) };
}
