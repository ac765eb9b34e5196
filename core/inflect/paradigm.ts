/**
 * The building blocks of the inflection rules (core/inflect/ukrainian.ts, russian.ts): a word's
 * forms by grammatical case, endings that keep the case of the letters they are added to, and the
 * agreement of several words of one name in the same case ("Нова Каховка" → "Нової Каховки", never
 * "Нова Каховки").
 *
 * A paradigm lists, for each of the six cases Ukrainian and Russian news use (nominative, genitive,
 * dative, accusative, instrumental, locative), the forms a word takes; a case may have several
 * (Ukrainian dative "Олександру" and "Олександрові") or be the same as another. Vocative forms are
 * left out: reports quote them rarely, and they would mostly mark greetings.
 */

export const CASES = ['nom', 'gen', 'dat', 'acc', 'ins', 'loc'] as const;
export type Case = (typeof CASES)[number];
export type Paradigm = Record<Case, string[]>;

export type Gender = 'male' | 'female';

/** A paradigm in which every case is the word as written (indeclinable names). */
export function fixed(word: string): Paradigm {
  return { nom: [word], gen: [word], dat: [word], acc: [word], ins: [word], loc: [word] };
}

/** Endings per case, as written in the tables of the rules ("" = the stem itself). */
export type Endings = Record<Case, readonly string[]>;

/**
 * The paradigm of `stem` with these endings. The nominative is always the word as the reader wrote
 * it (`word`), so that a name typed as "Харків" is never re-spelled; endings take the case of the
 * stem when it is written in capitals ("ХАРКІВ" → "ХАРКОВА").
 */
export function decline(word: string, stem: string, endings: Endings): Paradigm {
  const upper = isAllUpper(stem);
  const add = (ending: string) => stem + (upper ? ending.toUpperCase() : ending);
  return {
    nom: unique([word, ...endings.nom.map(add)].filter((form, index) => index === 0 || form !== word)),
    gen: unique(endings.gen.map(add)),
    dat: unique(endings.dat.map(add)),
    acc: unique(endings.acc.map(add)),
    ins: unique(endings.ins.map(add)),
    loc: unique(endings.loc.map(add)),
  };
}

/** Several paradigms of one word (variant stems, both a declined and an indeclinable use), merged case by case. */
export function merge(...paradigms: Paradigm[]): Paradigm {
  const out = { nom: [], gen: [], dat: [], acc: [], ins: [], loc: [] } as Paradigm;
  for (const paradigm of paradigms) for (const name of CASES) out[name] = unique([...out[name], ...paradigm[name]]);
  return out;
}

/**
 * The forms of a name of several words, each declined in the same case: for each case, every
 * combination of the words' forms in that case (usually one or two). `join` puts the words
 * together (a space, or a hyphen for the parts of "Львова-Белова").
 */
export function agree(words: readonly Paradigm[], join = ' '): Paradigm {
  const out = {} as Paradigm;
  for (const name of CASES) {
    let combos: string[] = [''];
    for (const word of words) {
      const next: string[] = [];
      for (const prefix of combos) for (const form of word[name]) next.push(prefix ? `${prefix}${join}${form}` : form);
      combos = next;
    }
    out[name] = unique(combos);
  }
  return out;
}

/** Every form of a paradigm, nominative first, without repeats. */
export function formsOf(paradigm: Paradigm): string[] {
  return unique(CASES.flatMap((name) => paradigm[name]));
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function isAllUpper(text: string): boolean {
  return text.length > 1 && text === text.toUpperCase() && text !== text.toLowerCase();
}

/** The word in lower case, for testing its ending. */
export function lower(word: string): string {
  return word.toLowerCase();
}

/** Whether the word starts with an upper-case letter (a name, not a preposition in "Ростов-на-Дону"). */
export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** The letter before the last `skip` letters, lower case ("" when there is none). */
export function letterBefore(word: string, skip: number): string {
  return lower(word).charAt(word.length - skip - 1);
}
