/**
 * What else a page can be about: the words that say a page is about sport, fishing, local news
 * from the United States, the submarine Kursk or food, in English, German, Ukrainian and Russian.
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
 * spotter's trie cost every page about a tenth of the scan. `countTopics` reads the page's text once,
 * word by word (a small trie of folded characters), and only the page step calls it, lazily, when a
 * contested mention, a general name or a quoted place needs the topic.
 *
 * Each list below is one group: words of one meaning share a group, and a page's evidence for a
 * topic is the number of distinct groups it uses. Words are folded like aliases (case, Latin
 * diacritics, ё) and matched as whole words; `*` allows any ending; a phrase is up to three words.
 * A word with hyphens is also read from after each hyphen ("Atom-U-Boot" holds "U-Boot").
 *
 * Also here: the words that make a place name part of a team's or a stadium's name
 * (Dynamo Kyiv, «Шахтар» (Донецьк), Donbass Arena), which page-sense.ts reads around each place.
 */
import { APOSTROPHE, HYPHEN, charClasses, classOf, foldCodes, foldOf, isLetterClass } from './text-fold';

export const PAGE_TOPICS = ['sport', 'fishing', 'us-local', 'submarine', 'food'] as const;
export type PageTopic = (typeof PAGE_TOPICS)[number];

export function isPageTopic(name: string): name is PageTopic {
  return (PAGE_TOPICS as readonly string[]).includes(name);
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
  group('submarine', 'submarine*', 'U-Boot*', 'Unterseeboot*', 'подлодк*', 'підводн*', 'подводн*', 'sous-marin*'),
  group('submarine', 'sailors', 'seamen', 'submariners', 'Matrosen', 'Seeleute', 'моряк*', 'подводник*', 'підводник*'),
  group('submarine', 'crew', 'crews', 'Crew', 'экипаж*', 'екіпаж*'),
  group('submarine', 'Barents*', 'Баренц*'),
  group('submarine', 'torpedo*', 'Torpedo*', 'торпед*'),
  group('submarine', 'Northern Fleet', 'Nordflotte', 'Северного флота', 'Северный флот', 'Північного флоту', 'Північний флот'),
  group('submarine', 'wreck', 'wreckage', 'Wrack*', 'затонул*', 'затонув*', 'Untergang*'),
  group('submarine', 'divers', 'rescuers', 'rescue', 'salvage', 'Taucher*', 'Rettung*', 'Bergung*', 'водолаз*', 'спасател*', 'рятувальн*'),
  group('submarine', 'Vidyayevo', 'Widjajewo', 'Видяево', 'Відяєво'),
  group('submarine', 'naval', 'navy', 'Marine', 'Admiralität', 'ВМФ', 'АПЛ', 'атомоход*', 'Североморск*', 'Severomorsk'),
  group('submarine', 'disaster', 'tragedy', 'Katastrophe', 'Tragödie', 'катастроф*', 'трагеди*', 'трагеді*', 'гибел*', 'загибел*'),
  group('submarine', 'seabed', 'Meeresgrund*', 'Meeresboden*'),
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

interface BuildNode {
  next: Map<number, BuildNode>;
  id: number;
  /** Groups of the words (or phrases) that end here. */
  ends?: number[];
  /** Groups of the `word*` stems that end here: any continuation of the word matches. */
  stems?: number[];
}

/** The topic words as a frozen trie: node 0 is the root; edges sorted per node; a dense first step. */
interface TopicTrie {
  /** Node after the first (folded) character, or 0. */
  first: Int32Array;
  /** A small number (1–127) for each folded character among the first three of a topic word (0: none). */
  letterId: Uint8Array;
  /** Bit set: a topic word begins with these three characters (ids; a space for a two-letter first word). */
  triples: Uint8Array;
  edgeStart: Int32Array;
  edgeLabel: Uint16Array;
  edgeTarget: Int32Array;
  ends: (readonly number[] | undefined)[];
  stems: (readonly number[] | undefined)[];
}

const SPACE_CODE = 0x20;
const LETTERS = 128;
let topicTrie: TopicTrie | undefined;

/** The trie of every topic word, built on first use. */
function topicWordTrie(): TopicTrie {
  if (topicTrie) return topicTrie;
  const nodes: BuildNode[] = [];
  const newNode = (): BuildNode => {
    const node: BuildNode = { next: new Map(), id: nodes.length };
    nodes.push(node);
    return node;
  };
  const child = (node: BuildNode, code: number): BuildNode => {
    let next = node.next.get(code);
    if (!next) node.next.set(code, next = newNode());
    return next;
  };
  const root = newNode();
  TOPIC_WORDS.forEach((entry, groupIndex) => {
    for (const word of entry.words) {
      const stem = word.endsWith('*');
      const text = (stem ? word.slice(0, -1) : word).normalize('NFC');
      let node = root;
      let space = false;
      for (let k = 0; k < text.length; k++) {
        const code = text.charCodeAt(k);
        if (classOf(code) === SPACE) {
          space = true;
          continue;
        }
        if (space) {
          node = child(node, SPACE_CODE);
          space = false;
        }
        node = child(node, foldOf(code));
      }
      const list = stem ? (node.stems ??= []) : (node.ends ??= []);
      if (!list.includes(groupIndex)) list.push(groupIndex);
    }
  });
  const first = new Int32Array(65536);
  for (const [code, node] of root.next) first[code] = node.id;
  const letterId = new Uint8Array(65536);
  let letters = 0;
  const idOf = (code: number) => {
    if (letterId[code] === 0) {
      if (letters + 1 >= LETTERS) throw new Error('Too many characters begin topic words');
      letterId[code] = ++letters;
    }
    return letterId[code] as number;
  };
  const triples = new Uint8Array((LETTERS * LETTERS * LETTERS) >> 3);
  for (const [a, one] of root.next) {
    for (const [b, two] of one.next) {
      // A two-letter word ("TX") is followed by white space or punctuation: read as a space here.
      const thirds = two.ends ? [...two.next.keys(), SPACE_CODE] : two.next.keys();
      for (const c of thirds) {
        const bit = (idOf(a) * LETTERS + idOf(b)) * LETTERS + idOf(c);
        triples[bit >> 3] = (triples[bit >> 3] as number) | (1 << (bit & 7));
      }
    }
  }
  const edgeStart = new Int32Array(nodes.length + 1);
  const labels: number[] = [];
  const targets: number[] = [];
  for (const node of nodes) {
    edgeStart[node.id] = labels.length;
    for (const [code, next] of [...node.next].sort((a, b) => a[0] - b[0])) {
      labels.push(code);
      targets.push(next.id);
    }
  }
  edgeStart[nodes.length] = labels.length;
  return (topicTrie = {
    first, letterId, triples, edgeStart, edgeLabel: Uint16Array.from(labels), edgeTarget: Int32Array.from(targets),
    ends: nodes.map((node) => node.ends), stems: nodes.map((node) => node.stems),
  });
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

/**
 * Walk the trie from a word start, into the following words while a phrase goes on, adding the
 * groups of the words and stems it passes to `found`.
 */
function walkTopics(trie: TopicTrie, classes: Uint8Array, fold: Uint16Array, text: string, from: number, found: Set<number>): void {
  const { first, edgeStart, edgeLabel, edgeTarget, ends, stems } = trie;
  const length = text.length;
  let node = 0;
  let k = from;
  for (;;) {
    for (; k < length; k++) {
      const code = text.charCodeAt(k);
      let cls = classes[code] as number;
      if (cls === UNKNOWN) cls = classOf(code);
      if (cls === IGNORABLE || cls === MARK) continue;
      if (cls !== WORD && cls !== UPPER) {
        const joiner = fold[code] as number;
        if ((joiner !== HYPHEN && joiner !== APOSTROPHE) || !joins(classes, fold, text, k)) break;
      }
      const label = fold[code] as number;
      let next = 0;
      if (node === 0) {
        next = first[label] as number;
      } else {
        const end = edgeStart[node + 1] as number;
        for (let e = edgeStart[node] as number; e < end; e++) {
          const edge = edgeLabel[e] as number;
          if (edge >= label) {
            if (edge === label) next = edgeTarget[e] as number;
            break;
          }
        }
      }
      if (next === 0) return;
      node = next;
      const stemGroups = stems[node];
      if (stemGroups) for (const group of stemGroups) found.add(group);
    }
    const endGroups = ends[node];
    if (endGroups) for (const group of endGroups) found.add(group);
    // A phrase goes on: white space, then the next word from the node after the space.
    let space = 0;
    const end = edgeStart[node + 1] as number;
    for (let e = edgeStart[node] as number; e < end; e++) if (edgeLabel[e] === SPACE_CODE) space = edgeTarget[e] as number;
    if (space === 0 || k >= length || classAt(classes, text, k) !== SPACE) return;
    while (k < length && classAt(classes, text, k) === SPACE) k++;
    if (k >= length) return;
    const cls = classAt(classes, text, k);
    if (cls !== WORD && cls !== UPPER) return;
    node = space;
  }
}

/**
 * The topic-word groups of a page, counted text by text (the content script adds its text runs a
 * slice at a time). Words are read as the spotter reads them: letters and digits, an apostrophe or a
 * hyphen between letters inside a word. A walk through the trie starts at each word and after each
 * hyphen inside one ("Atom-U-Boot"); a walk that reaches the end of a word with a phrase to go
 * carries on over white space into the next word. Most walks leave the trie at the word's first
 * letters.
 */
export class TopicCounter {
  private readonly found = new Set<number>();
  private readonly trie = topicWordTrie();
  private readonly classes = charClasses();
  private readonly fold = foldCodes();

  add(text: string): void {
    const { trie, classes, fold, found } = this;
    const first = trie.first;
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
      // A word starts at k: walk it when its first three characters begin a topic word (most do not).
      // Anything but plain letters there (a mark, an invisible character, a hyphen, a short word
      // before punctuation) takes the walk, which reads it properly.
      if (first[fold[code] as number] !== 0 && this.mayBegin(text, k)) walkTopics(trie, classes, fold, text, k, found);
      // Its end; a walk starts again after each hyphen inside it.
      for (k++; k < length; k++) {
        const inner = text.charCodeAt(k);
        let innerClass = classes[inner] as number;
        if (innerClass === UNKNOWN) innerClass = classOf(inner);
        if (innerClass === WORD || innerClass === UPPER || innerClass === IGNORABLE || innerClass === MARK) continue;
        const joiner = fold[inner] as number;
        if ((joiner !== HYPHEN && joiner !== APOSTROPHE) || !joins(classes, fold, text, k)) break;
        if (joiner === HYPHEN && first[fold[text.charCodeAt(k + 1)] as number] !== 0) walkTopics(trie, classes, fold, text, k + 1, found);
      }
    }
  }

  /** Whether the word at k may begin a topic word, by its first three characters. */
  private mayBegin(text: string, k: number): boolean {
    const { classes, fold } = this;
    const { letterId, triples } = this.trie;
    if (k + 2 >= text.length) return true;
    const second = text.charCodeAt(k + 1);
    const secondClass = classes[second] as number;
    if (secondClass !== WORD && secondClass !== UPPER) return true;
    const third = text.charCodeAt(k + 2);
    const thirdClass = classes[third] as number;
    let c: number;
    if (thirdClass === WORD || thirdClass === UPPER) c = letterId[fold[third] as number] as number;
    else if (thirdClass === SPACE) c = letterId[SPACE_CODE] as number;
    else return true;
    const a = letterId[fold[text.charCodeAt(k)] as number] as number;
    const b = letterId[fold[second] as number] as number;
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

// Character classes as plain numbers (text-fold.ts `CharClass`; see the note in spotter.ts).
const WORD = 1;
const UPPER = 2;
const IGNORABLE = 3;
const SPACE = 4;
const MARK = 5;
const UNKNOWN = 7;
