/**
 * The 33 Readability test pages in ../shared/fixtures/readability-pages and what article extraction
 * must make of them. Shared by tests/unit/article-extract.test.ts and `npm run fixtures`
 * (scripts/fixtures-report.ts). Test data only: extension code never imports this.
 *
 * Each row holds the *cleaned* expectation. Where it differs from the fixture's
 * expected-metadata.json (Readability's own output) a note says which documented rule makes the
 * difference; the unit test checks that every difference has a note and that the rule explains it.
 *
 * Dates: `date` is what the page says, compared as
 * - 'instant': the same moment (both values carry a zone);
 * - 'wall-clock': the same local date and time string (the page gives no zone);
 * - 'day': the same calendar day (the evidence, e.g. a URL path, only names a day).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { DateSource } from '../../core/schema';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = resolve(here, '..', '..', '..', 'shared', 'fixtures', 'readability-pages');

/** The fixtures do not record the address they were saved from: Readability's tests use this one. */
export const FIXTURE_LOCATION = 'http://fakehost/test/page.html';

export type DateMatch = 'instant' | 'wall-clock' | 'day';

export interface FixtureExpectation {
  name: string;
  url: string;
  title: string;
  /** Why the title differs from expected-metadata.json's. */
  titleNote?: string;
  byline?: string;
  /** Why the byline differs from cleaning expected-metadata.json's byline with core/byline.ts alone. */
  bylineNote?: string;
  date?: string;
  dateMatch?: DateMatch;
  dateSource?: DateSource;
  /** Where the date is, when expected-metadata.json has no publishedTime (or another reading). */
  dateNote?: string;
  isArticle: boolean;
}

export interface ExpectedMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  readerable: boolean;
}

export const FIXTURES: FixtureExpectation[] = [
  { name: 'aktualne', url: 'https://sport.aktualne.cz/fotbal/zahranici/west-ham-hrozi-gigantum-okouzlil-i-linekera-souckovu-praci-j/r~8fa032ba3add11ec8a900cc47ab5f122/',
    title: 'West Ham hrozí gigantům, okouzlil i Linekera. Součka je snadné přehlédnout', byline: 'Aleš Vávra',
    date: '2021-11-01T10:52:50+01:00', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'bbc-1', url: 'http://www.bbc.com/news/world-us-canada-33646704',
    title: "Obama admits US gun laws are his 'biggest frustration'",
    byline: undefined, bylineNote: 'the byline "BBC News" is the site name (rule 5)',
    date: '2015-07-24T05:36:09+01:00', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'breitbart', url: 'http://www.breitbart.com/tech/2016/12/22/neutral-snopes-fact-checker-david-emery-un-angry-trump-supporters/',
    title: "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
    titleNote: 'the suffix " - Breitbart" is the site name',
    byline: 'Lucas Nolan', date: '2016-12-22T10:43:37-08:00', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'bug-1255978', url: 'http://www.independent.co.uk/news/business/news/seven-secrets-that-hotel-owners-dont-want-you-to-know-10506160.html',
    title: "Seven secrets that hotel owners don't want you to know", byline: 'Hazel Sheffield',
    date: '2015-09-17T16:57:43+01:00', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'cnn', url: 'http://money.cnn.com/2016/02/01/news/economy/poverty-inequality-united-states/index.html',
    title: "The 'birth lottery' and economic mobility", byline: 'Ahiza Garcia',
    date: '2016-02-01T01:28:49', dateMatch: 'wall-clock', dateSource: 'meta',
    dateNote: '<meta name="date" content="2016-02-01 01:28:49"> (no zone)', isArticle: true },
  { name: 'engadget', url: 'https://www.engadget.com/2017/11/03/xbox-one-x-review/',
    title: 'Xbox One X review: A console that keeps up with gaming PCs',
    titleNote: 'runs of whitespace become one space ("review:  A" has two)',
    byline: 'Devindra Hardawar', date: '2017-11-03T03:01:00', dateMatch: 'wall-clock', dateSource: 'json-ld', isArticle: true },
  { name: 'folha', url: 'https://www1.folha.uol.com.br/esporte/2018/12/tite-diz-que-errou-ao-levar-taca-da-libertadores-a-lula-em-2012.shtml',
    title: 'Tite diz que errou ao levar taça da Libertadores a Lula em 2012', byline: 'Bruno (Henrique Zecchin) Rodrigues',
    date: '2018-12-21T12:55:00Z', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'guardian-1', url: 'https://www.theguardian.com/environment/2019/jan/03/what-is-the-sea-telling-us-maori-tribes-fearful-over-whale-strandings',
    title: "'What is the sea telling us?': Māori tribes fearful over whale strandings",
    titleNote: 'the suffix " | Eleanor Ainge Roy" is the byline',
    byline: 'Eleanor Ainge Roy', date: '2019-01-03T07:00:02Z', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'heise', url: 'http://www.heise.de/mac-and-i/meldung/1Password-fuer-Mac-generiert-Einmal-Passwoerter-2596987.html',
    title: '1Password für Mac generiert Einmal-Passwörter',
    byline: undefined, bylineNote: 'the byline "Mac & i" is the site name (rule 5)',
    date: '2015-04-08T12:46:00', dateMatch: 'wall-clock', dateSource: 'meta',
    dateNote: '<meta name="date" content="2015-04-08T12:46:00"> (no zone)', isArticle: true },
  { name: 'herald-sun-1', url: 'http://www.heraldsun.com.au/news/opinion/angry-media-wont-buckle-over-new-surveillance-laws/story-fni0fha6-1227261886014',
    title: 'Angry media won’t buckle over new surveillance laws', byline: 'Joe Hildebrand',
    date: '2015-03-13T21:30:09+11:00', dateMatch: 'instant', dateSource: 'meta',
    dateNote: '<meta name="article:publicationdate" content="Fri Mar 13 21:30:09 EST 2015">: on an Australian site "EST" is '
      + 'Java\'s old name for Australian Eastern time, daylight saving (UTC+11) on 13 March 2015 in Melbourne',
    isArticle: true },
  { name: 'iab-1', url: 'http://www.iab.com/news/lean',
    title: 'Getting LEAN with Digital Ad UX', titleNote: 'the suffix " | IAB" is the site name',
    byline: 'Scott Cunningham', date: '2015-10-15T08:00:26+00:00', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'la-nacion', url: 'http://www.lanacion.com.ar/2089096-una-solucion-no-violenta-para-la-cuestion-mapuche',
    title: 'Una solución no violenta para la cuestión mapuche', byline: undefined,
    date: '2017-12-07', dateMatch: 'day', dateSource: 'meta',
    dateNote: 'the only date on the page is a segment of its title: "… - 07.12.2017 - LA NACION"', isArticle: true },
  { name: 'lemonde-1', url: 'http://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi-sur-le-renseignement_4627068_4408996.html',
    title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée",
    byline: 'Martin Untersinger (avec Damien Leloup et Morgane Tual)',
    date: '2015-05-04T13:36:31+02:00', dateMatch: 'instant', dateSource: 'meta',
    dateNote: '<time datetime="2015-05-04T13:36:31+02:00" itemprop="datePublished"> (microdata)', isArticle: true },
  { name: 'liberation-1', url: 'http://www.liberation.fr/monde/2015/04/30/un-troisieme-francais-mort-dans-le-seisme-au-nepal_1278483',
    title: 'Un troisième Français mort dans le séisme au Népal', byline: 'Sébastien Farcis',
    date: '2015-04-30T07:19:58', dateMatch: 'wall-clock', dateSource: 'meta', isArticle: true },
  { name: 'medium-1', url: 'https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb',
    title: 'The Open Journalism Project: Better Student Journalism', byline: 'Pippin Lee',
    date: '2015-03-17T16:27:40.294Z', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'mozilla-2', url: 'https://www.mozilla.org/en-US/firefox/39.0a2/firstrun/',
    title: 'Welcome to Firefox Developer Edition', byline: undefined, isArticle: false },
  { name: 'nytimes-1', url: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html',
    title: 'United States to Lift Sudan Sanctions', byline: 'Jeffrey Gettleman',
    date: '2017-01-13', dateMatch: 'day', dateSource: 'meta',
    dateNote: 'the URL path says /2017/01/13/; <meta property="article:published" content="2017-01-13T00:00:04-05:00"> '
      + 'comes first in the order of trust and gives the same day', isArticle: true },
  { name: 'nytimes-5', url: 'https://www.nytimes.com/es/',
    title: 'The New York Times en Español',
    byline: undefined, bylineNote: 'a front page has no single author ("Tariq Panja" wrote one teaser)',
    isArticle: false },
  { name: 'parsely-metadata', url: FIXTURE_LOCATION,
    title: 'Some Other Title', byline: 'Jane Doe',
    date: '2024-04-20T04:20:00.000Z', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'qq', url: FIXTURE_LOCATION,
    title: 'DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶',
    titleNote: 'the main heading starts the title and the rest, "_科技_腾讯网", is the section and site name',
    byline: undefined,
    date: '2016-10-14T07:17:00', dateMatch: 'wall-clock', dateSource: 'dateline',
    dateNote: 'the line under the headline: "TNW中文站 2016年10月14日07:17"', isArticle: true },
  { name: 'quanta-1', url: 'https://www.quantamagazine.org/hidden-heroines-of-chaos-ellen-fetter-and-margaret-hamilton-20190520/',
    title: 'The Hidden Heroines of Chaos', byline: 'Joshua Sokol',
    date: '2019-05-20', dateMatch: 'day', dateSource: 'url', dateNote: '"-20190520/" at the end of the URL path', isArticle: true },
  { name: 'schema-org-context-object', url: 'https://www.nbcnews.com/news/world/south-korea-martial-law-president-yoon-suk-yeol-impeachment-vote-rcna183138',
    title: 'South Korean president’s impeachment fails after ruling party lawmakers walk out', byline: 'Stella Kim, Jennifer Jett',
    date: '2024-12-06T22:00:40.000Z', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'seattletimes-1', url: 'https://www.seattletimes.com/business/amazon/alaskan-halibut-caught-by-a-century-old-seattle-boat-provides-a-glimpse-of-amazons-strategy-with-whole-foods/',
    title: 'Alaskan halibut, caught by a century-old Seattle boat, provides a glimpse of Amazon’s strategy with Whole Foods',
    byline: undefined, date: '2019-04-28T06:01:07', dateMatch: 'wall-clock', dateSource: 'meta', isArticle: true },
  { name: 'telegraph', url: 'http://www.telegraph.co.uk/news/2017/11/16/zimbabwes-robert-mugabe-wife-grace-insisting-finishes-term-priest/',
    title: "Zimbabwe coup: Robert Mugabe and wife Grace 'insisting he finishes his term', as priest steps in to mediate",
    byline: undefined, date: '2017-11-16T14:15:00Z', dateMatch: 'instant', dateSource: 'meta',
    dateNote: '<meta itemprop="datePublished" content="2017-11-16T14:15+0000"> in the Article itemscope (the sidebar\'s itemprop dates are 21 Nov)',
    isArticle: true },
  { name: 'theverge', url: 'https://www.theverge.com/23752959/apple-vision-pro-headset-hands-on-demo-impressions',
    title: 'Apple’s Vision Pro hands-on: the Retina display moment for headsets', byline: 'Alex Heath',
    date: '2023-06-07T20:54:26.829Z', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'videos-2', url: 'https://next.liberation.fr/culture/2017/11/24/screenshot-vape-wave-6-days-alphonse-president_1612047',
    title: 'Screenshot\u00a0: «Vape Wave», «6\u00a0Days», «Alphonse Président»…', byline: 'Alexandre Hervaud, Jérémy Piette',
    date: '2017-11-24T18:42:20.314', dateMatch: 'wall-clock', dateSource: 'json-ld',
    dateNote: '"2017-11-24T18:42:20.314667": microseconds kept to milliseconds, no zone', isArticle: true },
  { name: 'wapo-1', url: 'http://www.washingtonpost.com/world/gunmen-storm-museum-in-tunisia-killing-at-least-8/2015/03/18/00202e76-cd73-11e4-8730-4f473416e759_story.html',
    title: 'Attack stokes instability fears in North Africa', byline: 'Erin Cunningham',
    date: '2015-03-18', dateMatch: 'day', dateSource: 'url', dateNote: '/2015/03/18/ in the URL path', isArticle: true },
  { name: 'wapo-2', url: 'http://www.washingtonpost.com/business/economy/netanyahu-win-points-to-two-more-years-of-strained-us-israel-ties/2015/03/18/ca175d64-cd76-11e4-a2a7-9517a3a70506_story.html',
    title: 'Where do strained U.S.-Israeli relations go after Netanyahu’s victory?', byline: 'Steven Mufson',
    date: '2015-03-18', dateMatch: 'day', dateSource: 'url', dateNote: '/2015/03/18/ in the URL path', isArticle: true },
  { name: 'wikipedia-2', url: 'https://en.wikipedia.org/wiki/New_Zealand',
    title: 'New Zealand', byline: 'Contributors to Wikimedia projects',
    date: '2001-10-29T01:59:14Z', dateMatch: 'instant', dateSource: 'json-ld', isArticle: true },
  { name: 'wordpress', url: 'https://wptavern.com/stack-overflow-jobs-data-shows-reactjs-skills-in-high-demand-wordpress-market-oversaturated-with-developers',
    title: 'Stack Overflow Jobs Data Shows ReactJS Skills in High Demand, WordPress Market Oversaturated with Developers',
    byline: undefined, date: '2017-03-09T23:16:02+00:00', dateMatch: 'instant', dateSource: 'meta', isArticle: true },
  { name: 'yahoo-2', url: 'http://us.yahoo.com/news/',
    title: 'Yahoo News - Latest News & Headlines',
    byline: undefined, bylineNote: 'a front page has no single author ("NATALIYA VASILYEVA" wrote one teaser)',
    isArticle: false },
  { name: 'yahoo-3', url: 'https://gma.yahoo.com/veteran-wraps-baby-american-flag-photo-sparks-controversy-175203890--abc-news-topstories.html',
    title: 'Veteran Wraps Baby in American Flag, Photo Sparks Controversy', byline: 'Gillian Mohney',
    date: '2015-03-11T19:46:14Z', dateMatch: 'instant', dateSource: 'meta',
    dateNote: '<meta itemprop="datePublished" content="2015-03-11T19:46:14Z"> in the Article itemscope; the first one on the page '
      + '(2015-03-12T13:11:07Z) belongs to a VideoObject. The byline\'s "March 11, 2015 3:46 PM" (EDT) is the same moment',
    isArticle: true },
  { name: 'yahoo-4', url: 'http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci',
    title: 'トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」',
    titleNote: 'the main heading starts the title and the rest, "（CNET Japan） - Yahoo!ニュース", is the source and site name',
    byline: undefined, bylineNote: '"個人" is a menu link (<li id="gnPriBylines"><a>個人</a>) in the site navigation, not an author',
    date: '2017-03-09', dateMatch: 'day', dateSource: 'url', dateNote: '?a=20170309-… in the URL', isArticle: true },
];

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readFixture(name: string): { html: string; metadata: ExpectedMetadata } {
  const folder = join(FIXTURES_DIR, name);
  return {
    html: readFileSync(join(folder, 'source.html'), 'utf8'),
    metadata: JSON.parse(readFileSync(join(folder, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata,
  };
}

/** Whether an extracted date matches the expectation, in the row's way of comparing. */
export function datesMatch(actual: string | undefined, expected: string | undefined, match: DateMatch = 'instant'): boolean {
  if (actual === undefined || expected === undefined) return actual === expected;
  if (match === 'day') return actual.slice(0, 10) === expected.slice(0, 10);
  if (match === 'wall-clock') return actual === expected;
  const [a, b] = [Date.parse(actual), Date.parse(expected)];
  return !Number.isNaN(a) && a === b && /(?:Z|[+-]\d{2}:?\d{2})$/u.test(actual);
}

/**
 * A fixture page as a Document, parsed by happy-dom in its own window (scripts are not run: the
 * DOMParser never executes them). `close` frees the window.
 */
export function parseWithHappyDom(html: string): { document: Document; close: () => Promise<void> } {
  const window = new Window({ url: FIXTURE_LOCATION });
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => window.happyDOM.close() };
}
