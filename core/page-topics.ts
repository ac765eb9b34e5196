/**
 * What else a page can be about: the words that say a page is about sport, fishing, local news
 * from the United States, the submarine Kursk, food or a town's own news (its council, streets,
 * transport, museum and history: the town of Azov on the Don is not the Azov brigade), in English,
 * German, Ukrainian and Russian.
 * The page step (core/page-sense.ts) weighs them against the war's own evidence: on a tennis page
 * "Medvedev" is the player, on a page about the salmon run «Путина» is the season, on a page about
 * the 2000 disaster "Kursk" is the submarine, on a page about Odessa's city council in Texas
 * "Odessa" is not the Ukrainian port.
 *
 * An entity says which topics speak against it (or for it) with `#topic` cues in the gazetteer
 * (data/README.md, "Context"): `"against": ["#sport"]` on Dmitry Medvedev, `"support":
 * ["#submarine"]` on the submarine.
 *
 * Why a scan of its own, and only when asked: most pages never need their topic (no mention on them
 * is contested), and filing these ~600 everyday words ("team", "county", "crew", "cake") in the
 * spotter's trie cost every page about a tenth of the scan. `TopicCounter` reads the page's text
 * once, word by word: a bit set of the first three characters lets most words through without a
 * look-up, the rest are looked up in plain maps (whole words, `word*` stems, phrases), which a fresh
 * page builds in about two milliseconds. Only the page step asks for it, when a contested mention, a
 * general name on a page that would mark it, or a quoted place needs the topic (`pageNeedsTopic`).
 *
 * Each list below is one group: words of one meaning share a group, and a page's evidence for a
 * topic is the number of distinct groups it uses. Words are folded like aliases (case, Latin
 * diacritics, ё) and matched as whole words; `*` allows any ending (three letters at least); a
 * phrase (no `*`) is matched from its first word over white space.
 * A word with hyphens is also read from after each hyphen ("Atom-U-Boot" holds "U-Boot").
 *
 * Also here: the words that make a place name part of a team's or a stadium's name
 * (Dynamo Kyiv, «Шахтар» (Донецьк), Donbass Arena), which page-sense.ts reads around each place.
 */
import { APOSTROPHE, HYPHEN, charClasses, classOf, foldCodes, foldOf, isLetterClass } from './text-fold';

export const PAGE_TOPICS = ['sport', 'fishing', 'us-local', 'submarine', 'food', 'town'] as const;
export type PageTopic = (typeof PAGE_TOPICS)[number];

export function isPageTopic(name: string): name is PageTopic {
  return (PAGE_TOPICS as readonly string[]).includes(name);
}

/**
 * Whether a page about this topic marks no general names. A town's own news decides which town a
 * name is (Azov on the Don), but it says where, not what: a council page in Kharkiv that names the
 * EU's money for its buses is still a page from a city at war, so the general-name rule stays as the
 * war's evidence decides it.
 */
export function topicHidesGeneralNames(topic: PageTopic): boolean {
  return topic !== 'town';
}

export interface TopicWordGroup {
  topic: PageTopic;
  words: readonly string[];
}

const group = (topic: PageTopic, ...words: string[]): TopicWordGroup => ({ topic, words });

export const TOPIC_WORDS: readonly TopicWordGroup[] = [
  // Sport: tennis, football, boxing, figure skating, the Olympics.
  group('sport', 'sport', 'sports', 'athlete*', 'Sportler*', 'Athlet*', 'спорт', 'спорту', 'спорті', 'спорте', 'спортсмен*', 'спортивн*'),
  group('sport', 'tennis*', 'теніс*', 'теннис*'),
  group('sport', 'ATP', 'WTA'),
  group('sport', 'Wimbledon', 'Вімблдон*', 'Уимблдон*'),
  group('sport', 'US Open', 'Australian Open', 'French Open', 'Roland Garros', 'Roland-Garros', 'Открытый чемпионат', 'Открытого чемпионата'),
  group('sport', 'Grand Slam', 'Grand-Slam*', 'Большого шлема', 'Великого шолома', 'мейджор*', 'majors'),
  group('sport', 'straight sets', 'tiebreak*', 'tie-break*', 'Sätzen', 'тай-брейк*', 'сет', 'сета', 'сетів', 'сетов', 'сетах', 'сетами'),
  group('sport', 'seeded', 'top seed', 'aces', 'break point', 'break points', 'match point', 'match points', 'Matchball', 'Matchbälle', 'Aufschlag*', 'Sandplatz*', 'Masters', 'корт', 'корта', 'корте', 'корті', 'корту', 'кортах'),
  group('sport', 'finals', 'semi-final*', 'semifinal*', 'quarter-final*', 'Finale', 'Halbfinale', 'Viertelfinale', 'фінал*', 'півфінал*', 'чвертьфінал*', 'финал*', 'полуфинал*', 'четвертьфинал*'),
  group('sport', 'rankings', 'Weltrangliste*', 'рейтингу ATP', 'рейтинге ATP'),
  group('sport', 'tournament', 'tournaments', 'Turnier*', 'турнір*', 'турнир*'),
  group('sport', 'champion', 'champions', 'championship*', 'Weltmeister*', 'Meister', 'Meisterschaft*', 'Titelverteidiger*', 'чемпіон*', 'чемпион*'),
  group('sport', 'football', 'footballer*', 'soccer', 'Fußball*', 'футбол*'),
  group('sport', 'striker', 'strikers', 'midfielder*', 'goalkeeper*', 'Torwart*', 'Stürmer', 'Mittelfeld*', 'воротар*', 'нападник*', 'півзахисник*', 'вратар*', 'нападающ*', 'полузащитник*'),
  group('sport', 'head coach', 'Trainer', 'тренер*'),
  group('sport', 'league', 'Bundesliga', 'Premier League', 'Champions League', 'Champions-League', 'Ліга чемпіонів', 'Ліги чемпіонів', 'Лига чемпионов', 'Лиги чемпионов', 'Прем\'єр-ліг*', 'Премьер-лиг*'),
  group('sport', 'UEFA', 'FIFA', 'УЄФА', 'ФІФА', 'УЕФА', 'ФИФА'),
  group('sport', 'Cup Winners', 'Super Cup', 'World Cup', 'Davis Cup', 'cup final', 'Pokal*', 'Europapokal*', 'Supercup', 'Кубок', 'Кубка', 'Кубку', 'Кубке', 'Суперкуб*'),
  group('sport', 'stadium', 'Stadion*', 'стадіон*', 'стадион*'),
  group('sport', 'kickoff', 'kick-off', 'first leg', 'return leg', 'second leg', 'Anstoß', 'Hinspiel', 'Rückspiel', 'матч', 'матчі', 'матчу', 'матче', 'матчів', 'матчей'),
  group('sport', 'goals', 'scored', 'hat-trick', 'Tore', 'Treffer', 'гол', 'голи', 'голів', 'голы', 'голов'),
  group('sport', 'Dynamo', 'Dinamo', 'Shakhtar', 'Schachtar', 'Metalist', 'Chornomorets', 'Динамо', 'Шахтар', 'Шахтёр', 'Металіст', 'Металлист', 'Чорноморець', 'Черноморец'),
  group('sport', 'boxing', 'boxer', 'boxers', 'Boxen', 'Boxer', 'Boxkampf*', 'бокс', 'боксу', 'боксер*', 'боксёр*'),
  group('sport', 'heavyweight*', 'Schwergewicht*', 'надважк*', 'тяжеловес*', 'тяжелом весе', 'важкій вазі'),
  group('sport', 'knockout', 'knocked out', 'нокаут*'),
  group('sport', 'Olympic*', 'Olympia', 'Olympische*', 'олімпійськ*', 'Олімпіад*', 'олимпийск*', 'Олимпиад*'),
  group('sport', 'figure skating', 'figure skater', 'figure skaters', 'Eiskunstl*', 'фігурист*', 'фигурист*', 'ледовых шоу', 'льодових шоу'),
  group('sport', 'fans', 'Fans', 'вболівальник*', 'уболівальник*', 'болельщик*'),
  group('sport', 'team', 'teams', 'Mannschaft*', 'команда', 'збірн*', 'сборн*'),
  // Fishing: the salmon run (лососевая путина), the herring run on the Danube.
  group('fishing', 'путина', 'путины', 'путине', 'путину', 'путиной'),
  group('fishing', 'fish', 'Fisch', 'рыба', 'рыбы', 'рыбу', 'рыбой', 'рыбн*', 'риба', 'риби', 'рибу', 'рибою', 'рибн*'),
  group('fishing', 'fishermen', 'fisherman', 'fishing', 'Fischer', 'рыбак*', 'рыболов*', 'рибалк*', 'рибал*'),
  group('fishing', 'улов', 'улова', 'уловы', 'уловов', 'улову', 'уловів', 'лов', 'лова', 'лове', 'промысел', 'промысла', 'промысле', 'промисел', 'промислу'),
  group('fishing', 'spawning', 'нерест*'),
  group('fishing', 'salmon', 'Lachs*', 'лосос*', 'горбуш*', 'кета', 'кеты', 'кету', 'кетой', 'нерк*', 'чавыч*', 'кижуч*'),
  group('fishing', 'herring', 'Hering*', 'оселед*', 'сельд*'),
  group('fishing', 'браконьєр*', 'браконьер*', 'poacher*', 'poaching', 'рыбоохран*', 'рибоохорон*', 'Росрыболовств*', 'рыбнадзор*', 'рибнагляд*'),
  group('fishing', 'икра', 'икры', 'икру', 'ікра', 'ікри', 'ікру', 'caviar'),
  group('fishing', 'рыбоперераб*', 'рыбзавод*', 'рибопереробн*'),
  // Local news from the United States (Odessa, Texas).
  group('us-local', 'Texas', 'TX', 'Техас*'),
  group('us-local', 'Permian', 'Midland', 'Ector'),
  group('us-local', 'oilfield*', 'oil field', 'oil fields', 'fracking', 'shale', 'roughneck*', 'Ölfeld*', 'Ölförder*', 'Ölboom', 'Ölindustrie'),
  group('us-local', 'county', 'sheriff*'),
  group('us-local', 'school district', 'school board', 'high school', 'Highschool', 'High School'),
  group('us-local', 'city council', 'council member', 'councilman', 'councilwoman', 'city staff', 'city manager', 'zoning'),
  group('us-local', 'touchdown*', 'quarterback*', 'linebacker*', 'American Football', 'Friday Night Lights'),
  group('us-local', 'Lubbock', 'El Paso', 'Dallas', 'Houston', 'San Antonio', 'Fort Worth'),
  group('us-local', 'US-Bundesstaat*', 'Bundesstaat'),
  // The submarine Kursk: the 2000 disaster, its anniversaries, the salvage, the film.
  group('submarine', 'submarine*', 'U-Boot*', 'Unterseeboot*', 'подлодк*', 'підводн*', 'подводн*', 'sous-marin*', 'лодк*', 'човен', 'човна', 'човні', 'човном', 'АПРК', 'атомоход*'),
  group('submarine', 'отсек*', 'відсік*'),
  group('submarine', 'sailors', 'seamen', 'submariners', 'Matrosen', 'Seeleute', 'моряк*', 'подводник*', 'підводник*'),
  group('submarine', 'crew', 'crews', 'Crew', 'экипаж*', 'екіпаж*'),
  group('submarine', 'Barents*', 'Баренц*'),
  group('submarine', 'torpedo*', 'Torpedo*', 'торпед*'),
  group('submarine', 'Northern Fleet', 'Nordflotte', 'Северного флота', 'Северный флот', 'Північного флоту', 'Північний флот'),
  group('submarine', 'wreck', 'wreckage', 'Wrack*', 'затонул*', 'затонув*', 'Untergang*'),
  group('submarine', 'divers', 'rescuers', 'rescue', 'salvage', 'Taucher*', 'Rettung*', 'Bergung*', 'водолаз*', 'спасател*', 'рятувальн*'),
  group('submarine', 'Vidyayevo', 'Widjajewo', 'Видяево', 'Відяєво'),
  group('submarine', 'naval', 'navy', 'Marine', 'Admiralität', 'ВМФ', 'АПЛ', 'Североморск*', 'Severomorsk'),
  group('submarine', 'disaster', 'tragedy', 'Katastrophe', 'Tragödie', 'катастроф*', 'трагеди*', 'трагеді*', 'гибел*', 'загибел*'),
  group('submarine', 'seabed', 'Meeresgrund*', 'Meeresboden*'),
  // A town's own news, history and visitors (the town of Azov on the Don, not the Azov brigade):
  // its administration and council, streets and housing, transport, culture, museum and past.
  group('town', 'администраци*', 'адміністраці*', 'мэр', 'мэра', 'мэру', 'мэром', 'мэрия', 'мэрии', 'мэрию', 'сити-менеджер*', 'Bürgermeister*'),
  group('town', 'городская дума', 'городской думы', 'городскую думу', 'гордум*', 'депутат*', 'Stadtrat*', 'Gemeinderat*'),
  group('town', 'горожан*', 'жильц*', 'жилец', 'жител*', 'мешканц*', 'Anwohner*'),
  group('town', 'населени*', 'population'),
  group('town', 'основан', 'основана', 'основано', 'основали', 'founded', 'gegründet',
    'исторический центр', 'историческом центре', 'исторического центра', 'исторических городов'),
  group('town', 'набережн*', 'благоустр*', 'сквер', 'сквера', 'скверы', 'аллея', 'аллеи', 'плитк*', 'ЖКХ', 'ЖКГ', 'капремонт*', 'капитальн*', 'управляющ*', 'Uferpromenade'),
  group('town', 'электричк*', 'автобус*', 'маршрутк*', 'вокзал*', 'расписани*', 'Nahverkehr'),
  group('town', 'кинотеатр*', 'кінотеатр*', 'дворец культуры', 'библиотек*', 'бібліотек*', 'cinema'),
  group('town', 'музей*', 'музе*', 'экспозици*'),
  group('town', 'казак*', 'козак*', 'Kosak*', 'Петр I', 'Петра I', 'Петром I', 'Петро I', 'Петра Первого', 'Peter the Great', 'Peter der Große', 'Peter den Großen'),
  group('town', 'крепост*', 'фортец*', 'fortress*', 'Festung*', 'раскопк*', 'археолог*'),
  group('town', 'турист*', 'туризм*', 'tourist*', 'Tourist*', 'пляж*', 'дачник*', 'отдыхающ*'),
  group('town', 'фестивал*', 'festival*', 'Festival*', 'День города', 'Дня города', 'Днем города', 'Днём города', 'День міста', 'Дня міста'),
  // Food and drink named after a place (chicken Kiev, Kiewer Torte, the Moscow Mule).
  group('food', 'recipe*', 'Rezept*', 'рецепт*'),
  group('food', 'cake', 'cakes', 'Torte*', 'торт', 'торта', 'торти', 'торты', 'торту', 'тортом'),
  group('food', 'chicken', 'Hähnchen*', 'курица', 'курицы', 'курятин*'),
  group('food', 'butter', 'Butter', 'Kräuterbutter'),
  group('food', 'dish', 'dishes', 'страва', 'страви', 'блюдо', 'блюда'),
  group('food', 'restaurant*', 'Restaurant*', 'ресторан*'),
  group('food', 'baked', 'bake', 'backen', 'gebacken', 'выпечк*', 'випічк*'),
  group('food', 'cookbook*', 'Kochbuch*', 'Kochbüch*', 'кулінар*', 'кулинар*', 'chef', 'кухар*', 'повар*'),
  group('food', 'breadcrumbs', 'fried', 'paniert*', 'панірув*', 'паниров*'),
  group('food', 'dessert*', 'Süßspeise*', 'Nachtisch', 'десерт*'),
  group('food', 'cocktail*', 'Cocktail*', 'коктейл*', 'vodka', 'Wodka', 'ginger beer'),
];

/** Distinct groups of each topic a page uses. */
export type TopicCounts = Partial<Record<PageTopic, number>>;

/** A page is about a topic when it uses at least this many of its groups (and more than the war's evidence). */
export const TOPIC_MIN_GROUPS = 2;

/**
 * Words that make the place name right after them a team's name: "Dynamo Kyiv", "Shakhtar
 * Donetsk", "Zorya Luhansk", «Шахтар» (Донецьк). Folded (lower case, no diacritics, ё → е).
 */
export const TEAM_WORDS: ReadonlySet<string> = new Set([
  'dynamo', 'dinamo', 'shakhtar', 'shakhtyor', 'schachtar', 'zorya', 'zorja', 'metalist', 'metallist',
  'chornomorets', 'tschornomorez', 'karpaty', 'vorskla', 'desna', 'olimpik', 'obolon', 'kryvbas', 'polissya',
  'metalurh', 'metallurg', 'spartak', 'lokomotiv', 'cska', 'zenit', 'torpedo', 'fc', 'sc', 'hc',
  'динамо', 'шахтар', 'шахтер', 'зоря', 'заря', 'металіст', 'металлист', 'чорноморець', 'черноморец', 'карпати',
  'карпаты', 'ворскла', 'десна', 'олімпік', 'олимпик', 'оболонь', 'кривбас', 'полісся', 'металург', 'спартак',
  'локомотив', 'цска', 'зеніт', 'зенит', 'торпедо', 'фк', 'хк', 'мфк', 'пфк',
]);

/** Words that make the place name right before them a stadium's or arena's name ("Donbass Arena"). */
export const ARENA_WORDS: ReadonlySet<string> = new Set([
  'arena', 'арена', 'арени', 'арену', 'арені', 'ареною', 'арены', 'арене', 'ареной',
]);

/**
 * Words for a ship or a boat: a name in quotation marks right after one is the ship's name (АПЛ
 * «Курск», крейсер «Москва», великий десантний корабель «Азов», the cruiser “Moskva”), as a place
 * after a team word is the team's. Folded; matched as the beginning of a word (`корабл` holds
 * корабль, корабля, кораблі…), except `SHIP_ACRONYMS`, which are whole words.
 */
export const SHIP_STEMS: readonly string[] = [
  'корабл', 'корабел', 'крейсер', 'подлодк', 'субмарин', 'фрегат', 'эсминц', 'эсминец', 'есмінц', 'есмінец', 'корвет',
  'теплоход', 'теплохід', 'пароход', 'пароплав', 'танкер', 'паром', 'пором', 'ледокол', 'криголам', 'сторожевик',
  'тральщик', 'судн', 'суден', 'лодк', 'човн', 'човен', 'атомоход', 'ракетоносц', 'ракетоносец', 'авианос', 'авіанос',
  'submarine', 'cruiser', 'ship', 'frigate', 'destroyer', 'corvette', 'vessel', 'tanker', 'ferry', 'icebreaker',
  'minesweeper', 'u-boot', 'kreuzer', 'schiff', 'fregatte', 'zerstorer', 'korvette', 'fahre', 'eisbrecher',
];
export const SHIP_ACRONYMS: ReadonlySet<string> = new Set(['апл', 'апрк', 'пларк', 'пл', 'бдк', 'вдк', 'мдк', 'мрк', 'скр']);
/** A fleet between the ship word and the name: «корабль Черноморского флота «Азов»», "ВМФ России". */
export const FLEET_STEMS: readonly string[] = ['флот', 'вмф', 'вмс', 'чф', 'fleet', 'flotte', 'navy', 'marine'];

/**
 * The topic words, indexed for `TopicCounter`: whole words, `word*` stems (by their first three
 * characters) and phrases (by their first word), and a bit set of the three characters a topic word
 * can begin with, which lets most words of a page through without a look-up. Built on first use from
 * plain maps, so that a page's content script pays well under a millisecond for it.
 */
interface TopicIndex {
  words: Map<string, number[]>;
  stems: Map<string, { stem: string; groups: number[] }[]>;
  phrases: Map<string, number[]>;
  /** First words of phrases, and the most words a phrase has. */
  phraseStarts: Set<string>;
  longestPhrase: number;
  /** A small number (1–127) for each folded character among the first three of a topic word (0: none). */
  letterId: Uint8Array;
  /** Bit set: a topic word begins with these three characters (ids; a space after a two-letter word). */
  triples: Uint8Array;
}

const SPACE_CODE = 0x20;
const LETTERS = 128;
let topicIndex: TopicIndex | undefined;

/** Fold a topic word as the matcher folds text (case, Latin diacritics, ё, apostrophes, hyphens). */
function foldWord(word: string): string {
  let out = '';
  for (let k = 0; k < word.length; k++) out += String.fromCharCode(foldOf(word.charCodeAt(k)));
  return out;
}

function addTo<K>(map: Map<K, number[]>, key: K, group: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [group]);
  else if (!list.includes(group)) list.push(group);
}

function topicWordIndex(): TopicIndex {
  if (topicIndex) return topicIndex;
  const index: TopicIndex = {
    words: new Map(), stems: new Map(), phrases: new Map(), phraseStarts: new Set(), longestPhrase: 1,
    letterId: new Uint8Array(65536), triples: new Uint8Array((LETTERS * LETTERS * LETTERS) >> 3),
  };
  let letters = 0;
  const idOf = (code: number) => {
    if (index.letterId[code] === 0) {
      if (letters + 1 >= LETTERS) throw new Error('Too many characters begin topic words');
      index.letterId[code] = ++letters;
    }
    return index.letterId[code] as number;
  };
  const allow = (text: string) => {
    // The first three characters, or two and the space (or punctuation) after a two-letter word.
    const third = text.length > 2 ? text.charCodeAt(2) : SPACE_CODE;
    const bit = (idOf(text.charCodeAt(0)) * LETTERS + idOf(text.charCodeAt(1))) * LETTERS + idOf(third);
    index.triples[bit >> 3] = (index.triples[bit >> 3] as number) | (1 << (bit & 7));
  };
  TOPIC_WORDS.forEach((entry, group) => {
    for (const raw of entry.words) {
      const stem = raw.endsWith('*');
      // The lists above are written in NFC with single spaces (tests/unit/page-sense.test.ts checks it).
      const text = foldWord(stem ? raw.slice(0, -1) : raw);
      if (text.length < 2) throw new Error(`Topic word too short: "${raw}"`);
      allow(text);
      if (text.includes(' ')) {
        if (stem) throw new Error(`A topic phrase takes no *: "${raw}"`);
        const words = text.split(' ');
        addTo(index.phrases, text, group);
        index.phraseStarts.add(words[0] as string);
        index.longestPhrase = Math.max(index.longestPhrase, words.length);
      } else if (stem) {
        if (text.length < 3) throw new Error(`A topic stem needs three letters: "${raw}"`);
        const key = text.slice(0, 3);
        const list = index.stems.get(key) ?? [];
        const same = list.find((item) => item.stem === text);
        if (same) {
          if (!same.groups.includes(group)) same.groups.push(group);
        } else {
          list.push({ stem: text, groups: [group] });
        }
        index.stems.set(key, list);
      } else {
        addTo(index.words, text, group);
      }
    }
  });
  return (topicIndex = index);
}

/**
 * The topic-word groups of a page, counted text by text (the content script adds its text runs a
 * slice at a time). Words are read as the spotter reads them: letters and digits, an apostrophe or a
 * hyphen between letters inside a word; the part after each hyphen is read as a word too
 * ("Atom-U-Boot" holds "U-Boot"); a phrase is matched from its first word over white space.
 */
export class TopicCounter {
  private readonly found = new Set<number>();
  private readonly index = topicWordIndex();
  private readonly classes = charClasses();
  private readonly fold = foldCodes();

  add(text: string): void {
    const { classes, fold } = this;
    const length = text.length;
    let k = 0;
    while (k < length) {
      const code = text.charCodeAt(k);
      let cls = classes[code] as number;
      if (cls === UNKNOWN) cls = classOf(code);
      if (cls !== WORD && cls !== UPPER) {
        k++;
        continue;
      }
      // A word from k to its end; the rest of it after each hyphen inside it is read as a word too.
      const start = k;
      let parts: number[] | undefined;
      for (k++; k < length; k++) {
        const inner = text.charCodeAt(k);
        let innerClass = classes[inner] as number;
        if (innerClass === UNKNOWN) innerClass = classOf(inner);
        if (innerClass === WORD || innerClass === UPPER || innerClass === IGNORABLE || innerClass === MARK) continue;
        const joiner = fold[inner] as number;
        if ((joiner !== HYPHEN && joiner !== APOSTROPHE) || !joins(classes, fold, text, k)) break;
        if (joiner === HYPHEN) (parts ??= []).push(k + 1);
      }
      this.word(text, start, k, true);
      if (parts) for (const part of parts) this.word(text, part, k, false);
    }
  }

  /** Look up the word text[from, to) (and, at a whole word, the phrases that start with it). */
  private word(text: string, from: number, to: number, whole: boolean): void {
    if (!this.mayBegin(text, from, to)) return;
    const index = this.index;
    const folded = foldSpan(this.fold, this.classes, text, from, to);
    const exact = index.words.get(folded);
    if (exact) for (const group of exact) this.found.add(group);
    const stems = index.stems.get(folded.slice(0, 3));
    if (stems) for (const { stem, groups } of stems) if (folded.startsWith(stem)) for (const group of groups) this.found.add(group);
    if (whole && index.phraseStarts.has(folded)) this.phrase(text, to, folded);
  }

  /** The phrases that begin with `first` (ending at `at`): the next words over white space. */
  private phrase(text: string, at: number, first: string): void {
    const { classes, fold, index } = this;
    let phrase = first;
    let k = at;
    for (let words = 1; words < index.longestPhrase; words++) {
      if (k >= text.length || classAt(classes, text, k) !== SPACE) return;
      while (k < text.length && classAt(classes, text, k) === SPACE) k++;
      const start = k;
      while (k < text.length) {
        const cls = classAt(classes, text, k);
        if (cls === WORD || cls === UPPER || cls === IGNORABLE || cls === MARK || joins(classes, fold, text, k)) k++;
        else break;
      }
      if (k === start) return;
      phrase += ` ${foldSpan(fold, classes, text, start, k)}`;
      const groups = index.phrases.get(phrase);
      if (groups) for (const group of groups) this.found.add(group);
    }
  }

  /** Whether text[from, to) may begin a topic word or phrase, by its first three characters. */
  private mayBegin(text: string, from: number, to: number): boolean {
    const { classes, fold } = this;
    const { letterId, triples } = this.index;
    if (to - from < 2) return false;
    const a = letterId[fold[text.charCodeAt(from)] as number] as number;
    const secondCode = text.charCodeAt(from + 1);
    const secondClass = classes[secondCode] as number;
    // Anything but plain letters at the start (marks, invisible characters, joiners): look it up.
    if (secondClass !== WORD && secondClass !== UPPER) return a !== 0;
    const b = letterId[fold[secondCode] as number] as number;
    let c: number;
    if (to - from === 2) {
      c = letterId[SPACE_CODE] as number;
    } else {
      const thirdCode = text.charCodeAt(from + 2);
      const thirdClass = classes[thirdCode] as number;
      if (thirdClass !== WORD && thirdClass !== UPPER) return a !== 0 && b !== 0;
      c = letterId[fold[thirdCode] as number] as number;
    }
    if (a === 0 || b === 0 || c === 0) return false;
    const bit = (a * LETTERS + b) * LETTERS + c;
    return ((triples[bit >> 3] as number) & (1 << (bit & 7))) !== 0;
  }

  /** Distinct groups per topic so far. */
  counts(): TopicCounts {
    const counts: TopicCounts = {};
    for (const group of this.found) {
      const topic = (TOPIC_WORDS[group] as TopicWordGroup).topic;
      counts[topic] = (counts[topic] ?? 0) + 1;
    }
    return counts;
  }
}

/** Count the topic-word groups in a page's texts (distinct groups per topic; see `TopicCounter`). */
export function countTopics(texts: Iterable<string>): TopicCounts {
  const counter = new TopicCounter();
  for (const text of texts) counter.add(text);
  return counter.counts();
}

/** The class of the character at k (text-fold.ts), from the table when it holds it. */
function classAt(classes: Uint8Array, text: string, k: number): number {
  const code = text.charCodeAt(k);
  const cls = classes[code] as number;
  return cls === UNKNOWN ? classOf(code) : cls;
}

/** Whether a hyphen or apostrophe at k joins two parts of one word (a letter follows). */
function joins(classes: Uint8Array, fold: Uint16Array, text: string, k: number): boolean {
  const folded = fold[text.charCodeAt(k)] as number;
  return (folded === HYPHEN || folded === APOSTROPHE) && k + 1 < text.length && isLetterClass(classAt(classes, text, k + 1));
}

/** text[from, to) folded, invisible characters and marks left out. */
function foldSpan(fold: Uint16Array, classes: Uint8Array, text: string, from: number, to: number): string {
  // Mostly the word is folded already (lower case, plain letters): one slice, no string built.
  let plain = from;
  while (plain < to) {
    const code = text.charCodeAt(plain);
    if (fold[code] !== code || classes[code] !== WORD) break;
    plain++;
  }
  if (plain === to) return text.slice(from, to);
  let out = '';
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    const cls = classAt(classes, text, k);
    if (cls === IGNORABLE || cls === MARK) continue;
    out += String.fromCharCode(fold[code] as number);
  }
  return out;
}

// Character classes as plain numbers (text-fold.ts `CharClass`; see the note in spotter.ts).
const WORD = 1;
const UPPER = 2;
const IGNORABLE = 3;
const SPACE = 4;
const MARK = 5;
const UNKNOWN = 7;
