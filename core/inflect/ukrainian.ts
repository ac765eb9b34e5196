/**
 * Ukrainian declension of names, by ending: what a reader's tracked name looks like in the six
 * cases Ukrainian news use. The rules are those of Ukrainian grammar for the endings names have;
 * where the grammar needs to know more than the ending (stress, origin, a word's own history), the
 * rule takes the common case and data/README.md says what it misses. Every rule here is checked
 * against forms from real news in tests/unit/inflect.test.ts.
 *
 * Persons: surnames by ending and gender (-ов/-ін like nouns with the instrumental -им; -ський and
 * other -ий like adjectives; -енко and other -о decline for men and not for women; a woman's
 * surname declines only when it ends in -а/-я), first names (consonant, -ій, -о, -а/-я, Ігор),
 * patronymics. Places and organisations: by ending (-ськ/-цьк, -ів/-їв with і → о, -іль/-інь,
 * -ка with к → ц, -е like an adjective, -жжя, plurals in -и), and phrases of adjectives and a noun
 * in agreement ("Нова Каховка", "Часів Яр", "Кривий Ріг").
 */
import { type Endings, type Gender, type Paradigm, decline, fixed, letterBefore, lower, merge } from './paradigm';

const VOWELS = 'аеєиіїоуюя';
const VELAR = 'гкх';
const SIBILANT = 'жчшщ';
/** Consonant changes before -і in the dative and locative: Сибіга → Сибізі, Авдіївка → Авдіївці. */
const BEFORE_I: Record<string, string> = { г: 'з', к: 'ц', х: 'с' };

/** Endings with the cases not listed left empty. */
function endings(partial: Partial<Endings>): Endings {
  return { nom: [], gen: [], dat: [], acc: [], ins: [], loc: [], ...partial };
}

/** Stem + endings; `=` in a list stands for the word as written (an inanimate accusative). */
function forms(word: string, stem: string, table: Partial<Endings>): Paradigm {
  const full = endings(table);
  const paradigm = decline(word, stem, {
    nom: full.nom,
    gen: full.gen.filter((ending) => ending !== '='),
    dat: full.dat.filter((ending) => ending !== '='),
    acc: full.acc.filter((ending) => ending !== '='),
    ins: full.ins.filter((ending) => ending !== '='),
    loc: full.loc.filter((ending) => ending !== '='),
  });
  for (const name of ['gen', 'dat', 'acc', 'ins', 'loc'] as const) {
    if (full[name].includes('=')) paradigm[name] = [word, ...paradigm[name]];
  }
  return paradigm;
}

function last(word: string): string {
  return lower(word).slice(-1);
}

function endsWith(word: string, ...tails: string[]): boolean {
  const low = lower(word);
  return tails.some((tail) => low.endsWith(tail));
}

/** The dative/locative in -і of a noun in -а, with the consonant change before it. */
function iAfter(word: string, stem: string): Paradigm {
  const final = stem.slice(-1);
  const changed = BEFORE_I[final.toLowerCase()];
  const altStem = changed ? stem.slice(0, -1) + (final === final.toUpperCase() ? changed.toUpperCase() : changed) : stem;
  return forms(word, altStem, { dat: ['і'], loc: ['і'] });
}

/** A noun in -а (Кулеба, Ольга, Авдіївка, Одеса, Служба): the first declension. */
function nounA(word: string): Paradigm {
  const stem = word.slice(0, -1);
  const sibilant = SIBILANT.includes(last(stem));
  return merge(
    forms(word, stem, { gen: [sibilant ? 'і' : 'и'], acc: ['у'], ins: [sibilant ? 'ею' : 'ою'] }),
    iAfter(word, stem),
  );
}

/** A noun in -я: Марія, Балаклія (-ія); Олеся, Ілля (a consonant before it); Запоріжжя, Придніпров'я (neuter). */
function nounYa(word: string): Paradigm {
  const stem = word.slice(0, -1);
  const before = letterBefore(word, 1);
  const apostrophe = /['’ʼ]/u.test(before);
  const doubled = before !== '' && before === letterBefore(word, 2) && !VOWELS.includes(before);
  if (apostrophe || doubled) {
    // Neuter: Запоріжжя, Запоріжжю, Запоріжжям, у Запоріжжі; Придніпров'я, у Придніпров'ї.
    return forms(word, stem, { gen: ['я'], dat: ['ю'], acc: ['='], ins: ['ям'], loc: [apostrophe ? 'ї' : 'і'] });
  }
  if (VOWELS.includes(before)) return forms(word, stem, { gen: ['ї'], dat: ['ї'], acc: ['ю'], ins: ['єю'], loc: ['ї'] });
  return forms(word, stem, { gen: ['і'], dat: ['і'], acc: ['ю'], ins: ['ею'], loc: ['і'] });
}

/** A masculine noun ending in a hard consonant (Хінштейн, Олександр, Херсон, Ткач). */
function hardMasculine(word: string, stem: string, animate: boolean): Paradigm {
  const final = last(stem);
  const sibilant = SIBILANT.includes(final);
  const velar = VELAR.includes(final);
  const dative = sibilant ? 'еві' : 'ові';
  if (animate) {
    return forms(word, stem, {
      gen: ['а'], dat: ['у', dative], acc: ['а'], ins: [sibilant ? 'ем' : 'ом'], loc: velar ? [dative, 'у'] : [dative],
    });
  }
  const paradigm = forms(word, stem, {
    gen: ['а', 'у'], dat: ['у', dative], acc: ['='], ins: [sibilant ? 'ем' : 'ом'], loc: velar ? ['у'] : ['і'],
  });
  // У Кривому Розі, в Острозі: a place in -г takes -зі in the locative too.
  if (final === 'г') paradigm.loc.push(...iAfter(word, stem).loc);
  return paradigm;
}

/** A masculine noun ending in -ь (or soft like Ігор): Шмигаль, Василь, Маріуполь. */
function softMasculine(word: string, stem: string, animate: boolean): Paradigm {
  return animate
    ? forms(word, stem, { gen: ['я'], dat: ['ю', 'еві'], acc: ['я'], ins: ['ем'], loc: ['еві', 'і'] })
    : forms(word, stem, { gen: ['я', 'і'], dat: ['ю'], acc: ['='], ins: ['ем'], loc: ['і'] });
}

/** A masculine noun in a vowel and -й: Андрій, Сергій, Гайдай. */
function jMasculine(word: string, animate: boolean): Paradigm {
  const stem = word.slice(0, -1);
  return animate
    ? forms(word, stem, { gen: ['я'], dat: ['ю', 'єві'], acc: ['я'], ins: ['єм'], loc: ['єві'] })
    : forms(word, stem, { gen: ['я', 'ю'], dat: ['ю'], acc: ['='], ins: ['єм'], loc: ['ї'] });
}

/** A masculine name or neuter place in -о: Дмитро, Кличко, Прокопенко; Дніпро. */
function oNoun(word: string, animate: boolean): Paradigm {
  const stem = word.slice(0, -1);
  return animate
    ? forms(word, stem, { gen: ['а'], dat: ['у', 'ові'], acc: ['а'], ins: ['ом'], loc: ['ові'] })
    : forms(word, stem, { gen: ['а'], dat: ['у'], acc: ['='], ins: ['ом'], loc: [VELAR.includes(last(stem)) ? 'у' : 'і'] });
}

/** -ець with its fleeting е: Лубінець → Лубінця, Кролевець → Кролевця. */
function etsNoun(word: string, animate: boolean): Paradigm {
  const stem = `${word.slice(0, -3)}${word.slice(-2, -1)}`; // drop the е: Лубін + ц
  return animate
    ? forms(word, stem, { gen: ['я'], dat: ['ю', 'еві'], acc: ['я'], ins: ['ем'], loc: ['еві', 'і'] })
    : forms(word, stem, { gen: ['я'], dat: ['ю'], acc: ['='], ins: ['ем'], loc: ['і'] });
}

type AdjectiveGender = 'm' | 'f' | 'n';

/** An adjective (or adjectival surname) in the gender of its noun: Зеленський, Кремінна, Курахове, Нова. */
function adjective(word: string, gender: AdjectiveGender, animate: boolean): Paradigm {
  const low = lower(word);
  if (gender === 'f') {
    if (low.endsWith('я')) return forms(word, word.slice(0, -1), { gen: ['ьої'], dat: ['ій'], acc: ['ю'], ins: ['ьою'], loc: ['ій'] });
    return forms(word, word.slice(0, -1), { gen: ['ої'], dat: ['ій'], acc: ['у'], ins: ['ою'], loc: ['ій'] });
  }
  if (low.endsWith('ів') || low.endsWith('їв')) {
    // A possessive adjective: Часів Яр → Часового Яру, у Часовому Яру.
    const stem = word.slice(0, -2) + (low.endsWith('їв') ? 'єв' : 'ов');
    return forms(word, stem, { gen: ['ого'], dat: ['ому'], acc: animate ? ['ого'] : ['='], ins: ['им'], loc: ['ому', 'ім'] });
  }
  if (low.endsWith('ій') || low.endsWith('є')) {
    const stem = word.slice(0, low.endsWith('є') ? -1 : -2);
    return forms(word, stem, { gen: ['ього'], dat: ['ьому'], acc: animate ? ['ього'] : ['='], ins: ['ім'], loc: ['ьому', 'ім'] });
  }
  const stem = word.slice(0, low.endsWith('е') ? -1 : -2);
  return forms(word, stem, { gen: ['ого'], dat: ['ому'], acc: animate ? ['ого'] : ['='], ins: ['им'], loc: ['ому', 'ім'] });
}

/** Adjectival feminine surnames and names of places: Зеленська, Захарова, Стефанішина, Кремінна. */
const ADJECTIVAL_FEMININE = /(ськ|цьк|зьк|ов|ев|єв|ін|їн|ин|нн)а$/u;

/** A man's surname. */
function maleSurname(word: string): Paradigm {
  const low = lower(word);
  if (low.endsWith('ий') || /[нт]ій$/u.test(low)) return adjective(word, 'm', true);
  if (/(ов|ев|єв|ін|їн|ин|ів|їв)$/u.test(low)) {
    return forms(word, word, { gen: ['а'], dat: ['у', 'ові'], acc: ['а'], ins: ['им'], loc: ['ові', 'і'] });
  }
  if (low.endsWith('ець') && low.length > 4) return etsNoun(word, true);
  if (low.endsWith('ь')) return softMasculine(word, word.slice(0, -1), true);
  if (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1))) return jMasculine(word, true);
  if (low.endsWith('о')) return oNoun(word, true);
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  if (VOWELS.includes(last(word))) return fixed(word);
  return hardMasculine(word, word, true);
}

/** A woman's surname: adjectival ones and those in -а/-я decline; the rest (Верещук, Свириденко) do not. */
function femaleSurname(word: string): Paradigm {
  const low = lower(word);
  if (ADJECTIVAL_FEMININE.test(low)) return adjective(word, 'f', true);
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  return fixed(word);
}

/** Men's first names in -а/-я (Микита, Ілля, Лука…): the rest in -а/-я are women's. */
const MALE_IN_A = new Set(['микита', 'ілля', 'лука', 'кузьма', 'хома', 'сава', 'давида', 'нікіта', 'ярема', 'фома', 'савва']);

function firstName(word: string, gender: Gender): Paradigm {
  const low = lower(word);
  if (low === 'ігор') return softMasculine(word, word, true);
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  if (gender === 'female') {
    if (low.endsWith('ов')) return forms(word, word, { gen: ['і'], dat: ['і'], acc: ['='], loc: ['і'] }); // Любов
    return fixed(word);
  }
  if (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1))) return jMasculine(word, true);
  if (low.endsWith('о')) return oNoun(word, true);
  if (low.endsWith('ь')) return softMasculine(word, word.slice(0, -1), true);
  if (VOWELS.includes(last(word))) return fixed(word);
  return hardMasculine(word, word, true);
}

function patronymic(word: string): Paradigm {
  if (endsWith(word, 'на')) return nounA(word);
  return forms(word, word, { gen: ['а'], dat: ['у', 'еві'], acc: ['а'], ins: ['ем'], loc: ['еві', 'у'] });
}

const PATRONYMIC = /(ович|евич|йович|ьович|івна|ївна|ічна|инична)$/u;

/** The gender a person's name points to: patronymic, then first name, then surname. */
export function ukrainianGender(tokens: readonly string[]): Gender {
  const patronymicToken = tokens.find((token) => PATRONYMIC.test(lower(token)));
  if (patronymicToken) return endsWith(patronymicToken, 'на') ? 'female' : 'male';
  if (tokens.length > 1) {
    const first = lower(tokens[0] as string);
    if (MALE_IN_A.has(first)) return 'male';
    if (/[ая]$/u.test(first) || first === 'любов') return 'female';
    return 'male';
  }
  return ADJECTIVAL_FEMININE.test(lower(tokens[0] ?? '')) ? 'female' : 'male';
}

export const ukrainian = {
  surname(word: string, gender: Gender): Paradigm {
    return gender === 'female' ? femaleSurname(word) : maleSurname(word);
  },
  firstName,
  patronymic,
  isPatronymic(word: string): boolean {
    return PATRONYMIC.test(lower(word));
  },
  /** A place, organisation or thing of one word. */
  noun(word: string): Paradigm {
    const low = lower(word);
    if (/(ськ|цьк|зьк)$/u.test(low)) return forms(word, word, { gen: ['а'], dat: ['у'], acc: ['='], ins: ['ом'], loc: ['у'] });
    if (/(ів|їв)$/u.test(low) && low.length > 3) {
      const stem = word.slice(0, -2) + (low.endsWith('їв') ? 'єв' : 'ов');
      return forms(word, stem, { gen: ['а'], dat: ['у'], acc: ['='], ins: ['ом'], loc: ['і'] });
    }
    if (low.endsWith('іль')) return softMasculine(word, `${word.slice(0, -3)}ол`, false);
    if (low.endsWith('інь')) return softMasculine(word, `${word.slice(0, -3)}ен`, false);
    if (low.endsWith('ець') && low.length > 4) return etsNoun(word, false);
    if (low.endsWith('ь')) return softMasculine(word, word.slice(0, -1), false);
    // Кремінна, Лозова: adjectives; Україна, Одеса, Полтава: nouns.
    if (/(ськ|цьк|зьк|нн|ов|ев)а$/u.test(low)) return adjective(word, 'f', false);
    if (low.endsWith('а')) return nounA(word);
    if (low.endsWith('я')) return nounYa(word);
    if (/(поле|море)$/u.test(low)) return forms(word, word.slice(0, -1), { gen: ['я'], dat: ['ю'], acc: ['='], ins: ['ем'], loc: ['і'] });
    if (low.endsWith('е') && !VOWELS.includes(letterBefore(word, 1))) return adjective(word, 'n', false);
    if (low.endsWith('о')) return oNoun(word, false);
    if (low.endsWith('ці')) return forms(word, word.slice(0, -1), { gen: ['ів'], dat: ['ям'], acc: ['='], ins: ['ями'], loc: ['ях'] });
    if (low.endsWith('и') && low.length > 3) return forms(word, word.slice(0, -1), { gen: ['', 'ів'], dat: ['ам'], acc: ['='], ins: ['ами'], loc: ['ах'] });
    if (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1))) return jMasculine(word, false);
    if (VOWELS.includes(last(word))) return fixed(word);
    // і in the last, closed syllable turns to о when it opens: Ріг → Рогу, у Кривому Розі.
    const match = /^(.*)і([^аеєиіїоуюя'’ʼ\s-])$/u.exec(word);
    if (match && !/(ін|ів)$/u.test(low)) return hardMasculine(word, `${match[1]}о${match[2]}`, false);
    return hardMasculine(word, word, false);
  },
  /** A word before the noun of a phrase, when it is an adjective: its gender, or undefined. */
  adjectiveGender(word: string): AdjectiveGender | undefined {
    const low = lower(word);
    if (/(ий|ій|ів|їв)$/u.test(low)) return 'm';
    if (/[ая]$/u.test(low)) return 'f';
    if (/[еє]$/u.test(low)) return 'n';
    return undefined;
  },
  adjective(word: string, gender: AdjectiveGender): Paradigm {
    return adjective(word, gender, false);
  },
  /** A possessive adjective before a noun (Часів Яр): news also leave it as written ("у Часів Ярі"). */
  isPossessive(word: string): boolean {
    return /(ів|їв)$/u.test(lower(word));
  },
};
