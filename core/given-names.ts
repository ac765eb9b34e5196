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

/** Folded spellings of each line, expanded the first time a person of that given name is met. */
const linesForms = new Map<number, Set<string>>();
const linesOfName = new Map<string, ReadonlySet<number>>();

function formsOf(line: number): Set<string> {
  let forms = linesForms.get(line);
  if (!forms) {
    forms = new Set();
    for (const pattern of GIVEN_NAMES[line] ?? []) for (const form of expandForms(pattern, {})) forms.add(foldText(form));
    linesForms.set(line, forms);
  }
  return forms;
}

/**
 * The given names (line numbers) of a person, from the first word of their name ("Sergei Lavrov"):
 * the lines whose plain spellings (those without endings) include it.
 */
export function givenNamesOf(name: string): ReadonlySet<number> {
  const first = name.trim().split(/\s+/u)[0];
  if (!first || first === name.trim()) return EMPTY;
  const folded = foldText(first);
  let lines = linesOfName.get(folded);
  if (!lines) {
    const found = new Set<number>();
    GIVEN_NAMES.forEach((spellings, line) => {
      if (spellings.some((spelling) => !spelling.includes('{') && foldText(spelling) === folded)) found.add(line);
    });
    lines = found.size > 0 ? found : EMPTY;
    linesOfName.set(folded, lines);
  }
  return lines;
}

/** Whether `word` (as written) is a spelling of one of `names` (from `givenNamesOf`). */
export function isGivenName(word: string, names: ReadonlySet<number>): boolean {
  if (names.size === 0) return false;
  const folded = foldText(word);
  for (const line of names) if (formsOf(line).has(folded)) return true;
  return false;
}

const EMPTY: ReadonlySet<number> = new Set();
