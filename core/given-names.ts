/**
 * Given names in the spellings news uses, so that a full name is one mention even when its first
 * name is spelled in a way the gazetteer does not list: "Sergej Lawrow" (German), "Sergey Aksenov",
 * "Mikhail Podolyak", «Дмитрий Лубинец», «Рафаэль Гросси», «Дмитро Пєсков». The gazetteer lists
 * the full names it knows; for the rest, the page step (core/page-sense.ts) extends a bare surname
 * over the word right before it when that word is one of these spellings of the person's own given
 * name (the first word of the entity's `name`).
 *
 * Each line is one given name: its transliterations, and its Ukrainian and Russian forms with their
 * case endings (pattern syntax of data/README.md, literal endings only). A name in another person's
 * spelling ("Wladimir Klitschko" is not Vitali) is not taken.
 */
import { expandForms } from './gazetteer';
import { foldText } from './text-fold';

const GIVEN_NAMES: readonly (readonly string[])[] = [
  ['Vladimir', 'Wladimir', 'Vladimír', 'Volodymyr', 'Wolodymyr', 'Wolodimir', 'Volodimir', 'Владимир{|а|у|ом|е}', 'Володимир{|а|у|ом|ові|і|е}'],
  ['Sergei', 'Sergey', 'Sergej', 'Sergeï', 'Sergiy', 'Serhiy', 'Serhii', 'Serhij', 'Серге{й|я|ю|ем|е}', 'Сергі{й|я|ю|єм|ї}'],
  ['Dmitry', 'Dmitri', 'Dmitriy', 'Dmitrii', 'Dmitrij', 'Dmytro', 'Дмитри{й|я|ю|ем|и}', 'Дмитр{о|а|у|ом|ові|і}'],
  ['Andrei', 'Andrey', 'Andrej', 'Andrii', 'Andriy', 'Andrij', 'Андре{й|я|ю|ем|е}', 'Андрі{й|я|ю|єм|ї}'],
  ['Yevgeny', 'Yevgeniy', 'Yevgenii', 'Evgeny', 'Evgeniy', 'Jewgeni', 'Jewgenij', 'Yevhen', 'Jewhen', 'Евгени{й|я|ю|ем|и}', 'Євген{|а|у|ом|ові|і}'],
  ['Mikhail', 'Michail', 'Mykhailo', 'Mykhaylo', 'Mychajlo', 'Михаил{|а|у|ом|е}', 'Михайл{о|а|у|ом|ові|і}'],
  ['Valery', 'Valeriy', 'Valerii', 'Valeri', 'Waleri', 'Walerij', 'Валери{й|я|ю|ем|и}', 'Валері{й|я|ю|єм|ї}'],
  ['Alexander', 'Aleksandr', 'Alexandr', 'Alexandre', 'Oleksandr', 'Olexandr', 'Alyaksandr', 'Aliaksandr', 'Александр{|а|у|ом|е}', 'Олександр{|а|у|ом|ові|і|е}'],
  ['Alexei', 'Alexey', 'Aleksei', 'Aleksey', 'Alexej', 'Oleksii', 'Oleksiy', 'Oleksij', 'Алексе{й|я|ю|ем|е}', 'Олексі{й|я|ю|єм|ї}'],
  ['Igor', 'Ihor', 'Игор{ь|я|ю|ем|е}', 'Ігор{|я|ю|ем|і|е}'],
  ['Kirill', 'Kyrylo', 'Kyrill', 'Кирилл{|а|у|ом|е}', 'Кирил{о|а|у|ом|ові|і}'],
  ['Nikolai', 'Nikolay', 'Nikolaj', 'Mykola', 'Никола{й|я|ю|ем|е}', 'Микол{а|и|і|у|ою|е}'],
  ['Ramzan', 'Ramsan', 'Рамзан{|а|у|ом|е|і}'],
  ['Rafael', 'Raphael', 'Rafaël', 'Рафаэл{ь|я|ю|ем|е}', 'Рафаел{ь|я|ю|ем|і|е}', 'Рафаель{|я|ю|ем|і|е}'],
  ['Rustem', 'Rustam', 'Рустем{|а|у|ом|е|і|ові}', 'Рустам{|а|у|ом|е|і|ові}'],
  ['Denys', 'Denis', 'Денис{|а|у|ом|е|і|ові}'],
  ['Viktor', 'Victor', 'Wiktor', 'Виктор{|а|у|ом|е}', 'Віктор{|а|у|ом|ові|і|е}'],
  ['Maria', 'Mariya', 'Marija', 'Мари{я|и|ю|ей}', 'Марі{я|ї|ю|єю}'],
  ['Vitali', 'Vitaliy', 'Vitalii', 'Vitaly', 'Witali', 'Witalij', 'Витали{й|я|ю|ем|и}', 'Віталі{й|я|ю|єм|ї}'],
  ['Oleh', 'Oleg', 'Олег{|а|у|ом|е|ові|і}'],
  ['Ruslan', 'Руслан{|а|у|ом|е|ові|і}'],
  ['Petro', 'Pyotr', 'Petr', 'Pjotr', 'Петр{о|а|у|ом|ові|і}', 'Пётр', 'Петр{|а|у|ом|е}'],
  ['Leonid', 'Леонид{|а|у|ом|е}', 'Леонід{|а|у|ом|ові|і}'],
  ['Vyacheslav', 'Wjatscheslaw', 'Viacheslav', 'Вячеслав{|а|у|ом|е}', "В'ячеслав{|а|у|ом|ові|і}"],
  ['Olena', 'Elena', 'Yelena', 'Jelena', 'Helena', 'Олен{а|и|і|у|ою|о}', 'Елен{а|ы|е|у|ой}'],
  ['Darya', 'Daria', 'Darja', 'Дарь{я|и|ю|ей}', 'Дарі{я|ї|ю|єю}'],
  ['Ivan', 'Iwan', 'Иван{|а|у|ом|е}', 'Іван{|а|у|ом|ові|і|е}'],
  ['Yuri', 'Yuriy', 'Yurii', 'Jurij', 'Juri', 'Юри{й|я|ю|ем|и}', 'Юрі{й|я|ю|єм|ї}'],
  ['Anatoly', 'Anatoliy', 'Anatolii', 'Anatoli', 'Анатоли{й|я|ю|ем|и}', 'Анатолі{й|я|ю|єм|ї}'],
  ['Pavel', 'Pavlo', 'Pawel', 'Pawlo', 'Павел', 'Павл{а|у|ом|е}', 'Павл{о|а|у|ом|ові|і}'],
  ['Yulia', 'Yuliya', 'Julia', 'Julija', 'Юли{я|и|ю|ей}', 'Юлі{я|ї|ю|єю}'],
];

let index: Map<string, Set<number>> | undefined;

/** Folded spelling → the given names (line numbers above) it is a spelling of. */
function givenNameIndex(): Map<string, Set<number>> {
  if (index) return index;
  index = new Map();
  GIVEN_NAMES.forEach((spellings, line) => {
    for (const pattern of spellings) {
      for (const form of expandForms(pattern, {})) {
        const folded = foldText(form);
        let lines = index?.get(folded);
        if (!lines) {
          lines = new Set();
          index?.set(folded, lines);
        }
        lines.add(line);
      }
    }
  });
  return index;
}

/** The given names (line numbers) of a person, from the first word of their name ("Sergei Lavrov"). */
export function givenNamesOf(name: string): ReadonlySet<number> {
  const first = name.trim().split(/\s+/u)[0];
  if (!first || first === name.trim()) return EMPTY;
  return givenNameIndex().get(foldText(first)) ?? EMPTY;
}

/** Whether `word` (as written) is a spelling of one of `names` (from `givenNamesOf`). */
export function isGivenName(word: string, names: ReadonlySet<number>): boolean {
  if (names.size === 0) return false;
  const lines = givenNameIndex().get(foldText(word));
  if (!lines) return false;
  for (const line of lines) if (names.has(line)) return true;
  return false;
}

const EMPTY: ReadonlySet<number> = new Set();
