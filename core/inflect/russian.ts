/**
 * Russian declension of names, by ending (the counterpart of core/inflect/ukrainian.ts). Checked
 * against forms from real news in tests/unit/inflect.test.ts; the limits are in data/README.md.
 *
 * Persons: surnames in -ов/-ев/-ин/-ын (instrumental -ым), -ский/-цкий/-ой/-ый like adjectives,
 * -енко, -ко, -о, -ых/-их and other vowels do not decline (Шевченко, Сальдо, Шойгу, Черных), a
 * woman's surname declines only in -ова/-ина/-ская/-а; first names (consonant, -ий, -ей, -ь, -а/-я,
 * Павел → Павла, Лев → Льва), patronymics. Places: -ск, -ь (Керчь is feminine), -ка, -ая/-ое like
 * adjectives, -ово/-ино both declined and not (news write "в Работино" and "в Работине"), -ье,
 * plurals in -ы/-и, and phrases of adjectives and a noun ("Новая Каховка", "Часов Яр").
 */
import { type Endings, type Gender, type Paradigm, decline, fixed, letterBefore, lower, merge } from './paradigm';

const VOWELS = 'аеёиоуыэюя';
const VELAR = 'гкх';
const HUSHING = 'жшчщ';

function endings(partial: Partial<Endings>): Endings {
  return { nom: [], gen: [], dat: [], acc: [], ins: [], loc: [], ...partial };
}

/** Stem + endings; `=` stands for the word as written (an inanimate accusative). */
function forms(word: string, stem: string, table: Partial<Endings>): Paradigm {
  const full = endings(table);
  const strip = (list: readonly string[]) => list.filter((ending) => ending !== '=');
  const paradigm = decline(word, stem, {
    nom: full.nom, gen: strip(full.gen), dat: strip(full.dat), acc: strip(full.acc), ins: strip(full.ins), loc: strip(full.loc),
  });
  for (const name of ['gen', 'dat', 'acc', 'ins', 'loc'] as const) {
    if (full[name].includes('=')) paradigm[name] = [word, ...paradigm[name]];
  }
  return paradigm;
}

function last(word: string): string {
  return lower(word).slice(-1);
}

/** A noun in -а: Кулеба, Никита, Ольга, Суджа, Авдеевка. After г/к/х/ж/ш/ч/щ the genitive is -и; after ж/ш/ч/щ/ц the instrumental -ей. */
function nounA(word: string): Paradigm {
  const stem = word.slice(0, -1);
  const final = last(stem);
  const soft = VELAR.includes(final) || HUSHING.includes(final);
  return forms(word, stem, { gen: [soft ? 'и' : 'ы'], dat: ['е'], acc: ['у'], ins: [HUSHING.includes(final) || final === 'ц' ? 'ей' : 'ой'], loc: ['е'] });
}

/** A noun in -я: Мария, Россия (-ия: -ии); Наталья, Илья (-ья); Олеся (a consonant before it). */
function nounYa(word: string): Paradigm {
  const stem = word.slice(0, -1);
  if (lower(word).endsWith('ия')) return forms(word, stem, { gen: ['и'], dat: ['и'], acc: ['ю'], ins: ['ей'], loc: ['и'] });
  return forms(word, stem, { gen: ['и'], dat: ['е'], acc: ['ю'], ins: ['ей'], loc: ['е'] });
}

/** A masculine noun in a consonant: Хинштейн, Александр, Курск, Абрамович. */
function hardMasculine(word: string, stem: string, animate: boolean): Paradigm {
  const final = last(stem);
  const instrumental = HUSHING.includes(final) || final === 'ц' ? 'ем' : 'ом';
  return forms(word, stem, { gen: ['а'], dat: ['у'], acc: animate ? ['а'] : ['='], ins: [instrumental], loc: ['е'] });
}

/** A masculine noun in -ь or -й: Игорь, Мариуполь; Сергей, Гайдай. */
function softMasculine(word: string, animate: boolean): Paradigm {
  const stem = word.slice(0, -1);
  return forms(word, stem, { gen: ['я'], dat: ['ю'], acc: animate ? ['я'] : ['='], ins: ['ем'], loc: ['е'] });
}

type AdjectiveGender = 'm' | 'f' | 'n';

/** An adjective (or adjectival surname) in the gender of its noun. */
function adjective(word: string, gender: AdjectiveGender, animate: boolean): Paradigm {
  const low = lower(word);
  const stem = word.slice(0, -2);
  const before = letterBefore(word, 2);
  if (gender === 'f') {
    if (low.endsWith('яя')) return forms(word, stem, { gen: ['ей'], dat: ['ей'], acc: ['юю'], ins: ['ей'], loc: ['ей'] });
    const soft = HUSHING.includes(before);
    return forms(word, stem, { gen: [soft ? 'ей' : 'ой'], dat: [soft ? 'ей' : 'ой'], acc: ['ую'], ins: [soft ? 'ей' : 'ой'], loc: [soft ? 'ей' : 'ой'] });
  }
  if (gender === 'n') {
    const soft = low.endsWith('ее');
    return forms(word, stem, { gen: [soft ? 'его' : 'ого'], dat: [soft ? 'ему' : 'ому'], acc: ['='], ins: [soft ? 'им' : 'ым'], loc: [soft ? 'ем' : 'ом'] });
  }
  if (/(ов|ев|ёв|ин|ын)$/u.test(low)) {
    // A possessive adjective: Часов Яр → Часова Яра, в Часовом Яре.
    return forms(word, word, { gen: ['а'], dat: ['у'], acc: animate ? ['а'] : ['='], ins: ['ым'], loc: ['ом'] });
  }
  // -ий after a soft or hushing consonant declines softly (Крайний → Крайнего); -ский, -кий, -ый, -ой hard.
  const soft = low.endsWith('ий') && (before === 'н' || HUSHING.includes(before));
  const instrumental = low.endsWith('ый') || low.endsWith('ой') ? 'ым' : 'им';
  return forms(word, stem, {
    gen: [soft ? 'его' : 'ого'], dat: [soft ? 'ему' : 'ому'], acc: animate ? [soft ? 'его' : 'ого'] : ['='], ins: [instrumental], loc: [soft ? 'ем' : 'ом'],
  });
}

function maleSurname(word: string): Paradigm {
  const low = lower(word);
  if (/(ий|ый|ой)$/u.test(low)) return adjective(word, 'm', true);
  if (/(ых|их)$/u.test(low)) return fixed(word);
  if (/(ов|ев|ёв|ин|ын)$/u.test(low)) return forms(word, word, { gen: ['а'], dat: ['у'], acc: ['а'], ins: ['ым'], loc: ['е'] });
  if (low.endsWith('ец') && low.length > 4) {
    // The fleeting е: Лубинец → Лубинца, с Лубинцем.
    const stem = `${word.slice(0, -2)}${word.slice(-1)}`;
    return forms(word, stem, { gen: ['а'], dat: ['у'], acc: ['а'], ins: ['ем', 'ом'], loc: ['е'] });
  }
  if (low.endsWith('ь') || (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1)))) return softMasculine(word, true);
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  if (VOWELS.includes(last(word))) return fixed(word);
  return hardMasculine(word, word, true);
}

function femaleSurname(word: string): Paradigm {
  const low = lower(word);
  if (/(ая|яя)$/u.test(low)) return adjective(word, 'f', true);
  if (/(ов|ев|ёв|ин|ын)а$/u.test(low)) return forms(word, word.slice(0, -1), { gen: ['ой'], dat: ['ой'], acc: ['у'], ins: ['ой'], loc: ['ой'] });
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  return fixed(word);
}

/** First names whose vowel drops in the other cases. */
const FLEETING: Record<string, string> = { павел: 'Павл', лев: 'Льв', пётр: 'Петр' };
const MALE_IN_A = new Set(['никита', 'илья', 'лука', 'кузьма', 'фома', 'савва', 'данила', 'гаврила', 'фока']);

function firstName(word: string, gender: Gender): Paradigm {
  const low = lower(word);
  const fleeting = FLEETING[low];
  if (fleeting) {
    const stem = word === word.toUpperCase() ? fleeting.toUpperCase() : fleeting;
    return hardMasculine(word, stem, true);
  }
  if (low.endsWith('а')) return nounA(word);
  if (low.endsWith('я')) return nounYa(word);
  if (gender === 'female') {
    if (low.endsWith('ь')) return forms(word, word.slice(0, -1), { gen: ['и'], dat: ['и'], acc: ['='], ins: ['ью'], loc: ['и'] }); // Любовь
    return fixed(word);
  }
  if (low.endsWith('ий')) return forms(word, word.slice(0, -1), { gen: ['я'], dat: ['ю'], acc: ['я'], ins: ['ем'], loc: ['и'] });
  if (low.endsWith('ь') || (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1)))) return softMasculine(word, true);
  if (VOWELS.includes(last(word))) return fixed(word);
  return hardMasculine(word, word, true);
}

function patronymic(word: string): Paradigm {
  if (lower(word).endsWith('на')) return forms(word, word.slice(0, -1), { gen: ['ы'], dat: ['е'], acc: ['у'], ins: ['ой'], loc: ['е'] });
  // -ович/-евич: unstressed, instrumental -ем; Ильич, Кузьмич: stressed, -ом.
  const stressed = /(ильич|кузьмич|фомич|лукич)$/u.test(lower(word));
  return forms(word, word, { gen: ['а'], dat: ['у'], acc: ['а'], ins: [stressed ? 'ом' : 'ем'], loc: ['е'] });
}

const PATRONYMIC = /(ович|евич|ьич|ильич|кузьмич|фомич|лукич|овна|евна|ична|инична)$/u;

export function russianGender(tokens: readonly string[]): Gender {
  const patronymicToken = tokens.find((token) => PATRONYMIC.test(lower(token)));
  if (patronymicToken) return lower(patronymicToken).endsWith('на') ? 'female' : 'male';
  if (tokens.length > 1) {
    const first = lower(tokens[0] as string);
    if (MALE_IN_A.has(first)) return 'male';
    if (/[ая]$/u.test(first) || first === 'любовь') return 'female';
    return 'male';
  }
  return /((ов|ев|ёв|ин|ын)а|ая|яя)$/u.test(lower(tokens[0] ?? '')) ? 'female' : 'male';
}

export const russian = {
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
    if (/(чь|шь|жь|щь)$/u.test(low)) {
      // Feminine: Керчь → Керчи, под Керчью.
      return forms(word, word.slice(0, -1), { gen: ['и'], dat: ['и'], acc: ['='], ins: ['ью'], loc: ['и'] });
    }
    if (low.endsWith('ь')) return softMasculine(word, false);
    if (/(ая|яя)$/u.test(low)) return adjective(word, 'f', false);
    if (/(ое|ее)$/u.test(low)) return adjective(word, 'n', false);
    if (/(ый|ий|ой)$/u.test(low)) return adjective(word, 'm', false);
    if (/(ово|ево|ёво|ино|ыно)$/u.test(low)) {
      // Both in news: "в Работино" and "в Работине".
      return merge(fixed(word), forms(word, word.slice(0, -1), { gen: ['а'], dat: ['у'], acc: ['='], ins: ['ом'], loc: ['е'] }));
    }
    if (low.endsWith('ье')) return forms(word, word.slice(0, -1), { gen: ['я'], dat: ['ю'], acc: ['='], ins: ['ем'], loc: ['е'] });
    if (low.endsWith('а')) return nounA(word);
    if (low.endsWith('я')) return nounYa(word);
    if (low.endsWith('цы')) return forms(word, word.slice(0, -1), { gen: ['ов'], dat: ['ам'], acc: ['='], ins: ['ами'], loc: ['ах'] });
    if (/[ыи]$/u.test(low) && low.length > 3) {
      // Сумы → Сум, Сумам, Сумами, в Сумах; after г/к/х/ж/ш/ч/щ the plural is in -и (Мытищи).
      return forms(word, word.slice(0, -1), { gen: [''], dat: ['ам'], acc: ['='], ins: ['ами'], loc: ['ах'] });
    }
    if (low.endsWith('й') && VOWELS.includes(letterBefore(word, 1))) return softMasculine(word, false);
    if (VOWELS.includes(last(word))) return fixed(word);
    return hardMasculine(word, word, false);
  },
  adjectiveGender(word: string): AdjectiveGender | undefined {
    const low = lower(word);
    if (/(ый|ий|ой|ов|ев|ёв|ин)$/u.test(low)) return 'm';
    if (/(ая|яя)$/u.test(low)) return 'f';
    if (/(ое|ее)$/u.test(low)) return 'n';
    return undefined;
  },
  adjective(word: string, gender: AdjectiveGender): Paradigm {
    return adjective(word, gender, false);
  },
  /** A possessive adjective before a noun (Часов Яр): news also leave it as written ("в Часов Яре"). */
  isPossessive(word: string): boolean {
    return /(ов|ев|ёв|ин)$/u.test(lower(word));
  },
};
