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
 * The words are found in pass 1 with the war words (the spotter files them in the same trie, see
 * `CONTEXT_WORDS` in spotter-context.ts), so counting them costs nothing extra. Each list below is
 * one group: words of one meaning share a group, and a page's evidence for a topic is the number of
 * distinct groups it uses. Words are folded like aliases and matched in any case as whole words;
 * `*` allows any ending. A word that is also a form of a gazetteer name loses to the name (the
 * spotter keeps the name when both end at the same place), so names are not listed here.
 *
 * Also here: the words that make a place name part of a team's or a stadium's name
 * (Dynamo Kyiv, «Шахтар» (Донецьк), Donbass Arena), which page-sense.ts reads around each place.
 */

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
  group('sport', 'seeded', 'top seed', 'aces', 'break point*', 'match point*', 'Matchball', 'Matchbälle', 'Aufschlag*', 'Sandplatz*', 'Masters', 'корт', 'корта', 'корте', 'корті', 'корту', 'кортах'),
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
  group('sport', 'figure skat*', 'Eiskunstl*', 'фігурист*', 'фигурист*', 'ледовых шоу', 'льодових шоу'),
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
