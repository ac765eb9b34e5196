/**
 * The publication date of a web page, from its Document and URL, with the source that gave it.
 *
 * Why this order: publishers write the date for machines in several places of unequal
 * reliability, and a page shows many other dates (related stories, comments, "updated", the
 * copyright year). We take the first of, most trusted first:
 *
 * 1. JSON-LD `datePublished` (also inside `@graph`, arrays and nested objects), preferring an
 *    article node (NewsArticle, BlogPosting, …) over a web-page node over anything else; media,
 *    people and organisations are ignored (a VideoObject's date is the video's, not the story's).
 * 2. Meta tags: `article:published_time`, `og:published_time`, `date`, Parse.ly (`parsely-pub-date`,
 *    the `parsely-page` JSON), microdata `itemprop="datePublished"` on meta/time/span/abbr (not
 *    inside a video's or an image's itemscope, not in a sidebar: Yahoo puts the video's date
 *    first), `article:publicationdate`, `publishDate`, `sailthru.date`, `citation_publication_date`,
 *    `DC.date.issued`, `dc.date`…
 * 3. A `<time datetime>` in the article's header: near the main heading or in the `<article>`, not
 *    inside a link to another page, not in a sidebar, not an "updated" time.
 * 4. A date in the URL: `/2017/11/03/`, `/2019/jan/03/`, `-20190520/`, `?a=20170309-…`, or only a
 *    month (`/2018/12/`).
 * 5. A date that is a whole segment of the page's title ("… - 07.12.2017 - LA NACION").
 * 6. A dateline: a short line that is mostly a date, in the header around the main heading
 *    ("TNW中文站 2016年10月14日07:17"), in the extractor's byline, or at the head of the article text.
 * 7. The article's running text (core/dates.ts#findDateInText, its later steps): the latest month
 *    and day it mentions with the year from context (weekdays, the dated events it reports), else
 *    the latest dated event it reports, as a lower bound. Each says how sure it is (0.4–0.8) and
 *    why; the caller stores "the day it was added" only when even this finds nothing. Not for a
 *    page that is not an article: a front page's text is teasers of many stories, whose dates are
 *    not its own.
 *
 * Every value goes through `parseDate` (core/dates.ts), so "2017-11-03 03:01:00.000000",
 * "Fri Mar 13 21:30:09 EST 2015" and "2017-11-16T14:15+0000" all become ISO dates. A value without
 * a zone stays a wall-clock time. Zone abbreviations are read for the page's country (from its
 * top-level domain or language): "EST" on an Australian site is Australian Eastern time.
 *
 * Read-only: nothing in the Document is changed. No browser globals: everything comes in through
 * the parameters.
 */
import { type ParseDateOptions, findDateInText, findWrittenDates, parseDate } from './dates';
import type { DateFinding, DateSource } from './schema';

export interface PageDateInput {
  /** The page's canonical URL. */
  url?: string;
  /** The address the page was loaded from, when it differs. */
  location?: string;
  /** The article's text (paragraphs on their own lines), for a dateline at its head. */
  text?: string;
  /** The byline as the extractor found it, before cleaning: it often holds the date. */
  rawByline?: string;
  /**
   * Whether `text` is one article, whose running dates may date it when nothing else does (step
   * 7). Default true; false for a front page or another page that is not an article.
   */
  textIsArticle?: boolean;
}

// ───────────────────────────── JSON-LD ─────────────────────────────

/** Schema.org types of a single article or post. */
const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'satiricalarticle',
  'advertisercontentarticle', 'blogposting', 'liveblogposting', 'socialmediaposting',
  'discussionforumposting', 'scholarlyarticle', 'techarticle', 'report', 'review', 'medicalscholarlyarticle',
]);
/** Page types: their date is the page's, second best. */
const PAGE_TYPES = new Set(['webpage', 'itempage', 'aboutpage', 'faqpage', 'qapage', 'profilepage']);
/** Types whose dates are not the story's. */
const IGNORED_TYPES = new Set([
  'videoobject', 'imageobject', 'audioobject', 'mediaobject', 'clip', 'person', 'organization',
  'newsmediaorganization', 'corporation', 'event', 'product', 'offer', 'comment', 'rating',
  'aggregaterating', 'place', 'breadcrumblist', 'listitem', 'searchaction', 'wpsidebar', 'wpheader',
  'wpfooter', 'sitenavigationelement', 'website',
]);

export interface JsonLdNode {
  /** Lower-cased schema.org types, without a namespace ("newsarticle"). */
  types: string[];
  value: Record<string, unknown>;
  /** Nesting depth (0 for a top-level object or an @graph member). */
  depth: number;
}

/** Lower-cased type names of a node, "https://schema.org/NewsArticle" → "newsarticle". */
export function schemaTypes(type: unknown): string[] {
  const list = Array.isArray(type) ? type : [type];
  return list
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => entry.replace(/^.*[/#:]/u, '').toLowerCase());
}

/** Parse a JSON-LD script body: tolerates CDATA wrappers, HTML comments and raw control characters. */
function parseJsonLd(body: string): unknown {
  const cleaned = body
    .replace(/^\s*(?:<!\[CDATA\[|<!--)/u, '')
    .replace(/(?:\]\]>|-->)\s*$/u, '')
    .replace(/^\s*\/\/.*$/gmu, '')
    .trim()
    .replace(/;\s*$/u, '');
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned);
  } catch {
    try {
      // Raw newlines and tabs inside strings are invalid JSON but common; outside strings a space
      // means the same.
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/gu, ' '));
    } catch {
      return undefined;
    }
  }
}

/** Every object in the page's JSON-LD blocks, with its types and depth, in document order. */
export function readJsonLd(doc: Document): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    nodes.push({ types: schemaTypes(record['@type']), value: record, depth });
    for (const [key, child] of Object.entries(record)) {
      if (key === '@context') continue;
      // @graph members are top-level nodes of the page.
      visit(child, key === '@graph' ? depth : depth + 1);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (!type.startsWith('application/ld+json')) continue;
    visit(parseJsonLd(script.textContent ?? ''), 0);
  }
  return nodes;
}

/** The first string of a JSON-LD value: "…", ["…"], {"@value": "…"}. */
function jsonLdString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = jsonLdString(item);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') return jsonLdString((value as Record<string, unknown>)['@value']);
  return undefined;
}

function sameUrl(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const strip = (url: string) => url.replace(/#.*$/u, '').replace(/^https?:\/\/(www\.)?/u, '').replace(/\/$/u, '');
  return strip(a) === strip(b);
}

function nodeUrls(node: Record<string, unknown>): string[] {
  const urls: string[] = [];
  for (const key of ['url', '@id', 'mainEntityOfPage']) {
    const value = node[key];
    const text = jsonLdString(value) ?? (value && typeof value === 'object'
      ? jsonLdString((value as Record<string, unknown>)['@id']) ?? jsonLdString((value as Record<string, unknown>).url)
      : undefined);
    if (text) urls.push(text);
  }
  return urls;
}

function fromJsonLd(nodes: JsonLdNode[], input: PageDateInput, parseOptions: ParseDateOptions): DateFinding | undefined {
  const candidates = nodes
    .map((node, order) => {
      const raw = jsonLdString(node.value.datePublished);
      if (!raw || node.types.some((type) => IGNORED_TYPES.has(type))) return undefined;
      const date = parseDate(raw, parseOptions);
      if (!date) return undefined;
      const rank = node.types.some((type) => ARTICLE_TYPES.has(type)) ? 0
        : node.types.some((type) => PAGE_TYPES.has(type)) ? 1 : 2;
      const matchesPage = nodeUrls(node.value).some((url) => sameUrl(url, input.url) || sameUrl(url, input.location));
      return { date, raw, node, order, rank, matchesPage };
    })
    .filter((entry) => entry !== undefined)
    .sort((a, b) => a.rank - b.rank || Number(b.matchesPage) - Number(a.matchesPage) ||
      a.node.depth - b.node.depth || a.order - b.order);
  const best = candidates[0];
  if (!best) return undefined;
  const type = best.node.types[0] ?? 'untyped';
  return finding(best.date, 'json-ld', 0.95, `JSON-LD ${type} datePublished “${best.raw}”`);
}

// ───────────────────────────── meta tags and microdata ─────────────────────────────

/** Meta names/properties holding the publication date, most trusted first (lower case). */
const META_DATE_NAMES: { names: string[]; confidence: number }[] = [
  { names: ['article:published_time', 'og:published_time', 'og:article:published_time', 'article:published'], confidence: 0.9 },
  { names: ['date'], confidence: 0.85 },
  { names: ['parsely-pub-date'], confidence: 0.9 },
];
const LATER_META_DATE_NAMES: { names: string[]; confidence: number }[] = [
  { names: ['article:publicationdate', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'publication_date'], confidence: 0.85 },
  { names: ['sailthru.date'], confidence: 0.8 },
  { names: ['citation_publication_date', 'citation_date', 'citation_online_date'], confidence: 0.85 },
  { names: ['dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created'], confidence: 0.8 },
];

/** The first content of each meta `property`, `name` or `http-equiv`, by lower-cased key. */
function metaContents(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'http-equiv']) {
      for (const key of (meta.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/u)) {
        if (key && !values.has(key)) values.set(key, content);
      }
    }
  }
  return values;
}

function fromMetaNames(values: Map<string, string>, groups: typeof META_DATE_NAMES,
  parseOptions: ParseDateOptions): DateFinding | undefined {
  for (const group of groups) {
    for (const name of group.names) {
      const raw = values.get(name);
      const date = raw ? parseDate(raw, parseOptions) : undefined;
      if (raw && date) return finding(date, 'meta', group.confidence, `<meta ${name}> “${raw}”`);
    }
  }
  return undefined;
}

function fromParselyPage(values: Map<string, string>, parseOptions: ParseDateOptions): DateFinding | undefined {
  const raw = values.get('parsely-page');
  if (!raw) return undefined;
  try {
    const page = JSON.parse(raw) as Record<string, unknown>;
    const value = typeof page.pub_date === 'string' ? page.pub_date : undefined;
    const date = value ? parseDate(value, parseOptions) : undefined;
    return date ? finding(date, 'meta', 0.9, `<meta parsely-page> pub_date “${value}”`) : undefined;
  } catch {
    return undefined;
  }
}

/** Classes and ids of page furniture whose dates belong to other stories. */
const ASIDE_PATTERN = /(?:^|[\s_-])(?:side-?bar|sidebar|aside|related|recommend\w*|promo\w*|teaser\w*|rail|more-?stories|trending|popular|most-?read|outbrain|taboola|comments?|footer|nav|menu|newsletter|widget)(?:$|[\s_-])/iu;

function furnitureByTagOrRole(node: Element): boolean {
  const tag = node.tagName.toUpperCase();
  if (tag === 'ASIDE' || tag === 'NAV' || tag === 'FOOTER') return true;
  const role = node.getAttribute('role');
  return role === 'complementary' || role === 'navigation' || role === 'contentinfo';
}

/**
 * Whether an element sits in page furniture: an aside, a nav, a footer, or a container whose class
 * or id says sidebar, related, promo, comments…. The walk stops below <body>, and below the first
 * ancestor that also holds the page's main heading: that one and those above are the layout the
 * article itself lives in (a `<div class="page has-sidebar">` wrapping everything is not a sidebar).
 */
function inPageFurniture(element: Element, heading?: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') return false;
    if (heading && node !== heading && node.contains(heading)) return false;
    if (furnitureByTagOrRole(node)) return true;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (names.trim() && ASIDE_PATTERN.test(names)) return true;
  }
  return false;
}

/** The nearest ancestor with `itemscope` (not the element itself unless it has itemscope). */
function itemScopeOf(element: Element): Element | null {
  return element.parentElement?.closest('[itemscope]') ?? null;
}

function microdataValue(element: Element): string | undefined {
  const value = element.getAttribute('content') ?? element.getAttribute('datetime') ??
    (element.tagName.toUpperCase() === 'ABBR' ? element.getAttribute('title') : null) ?? element.textContent;
  return value?.trim() || undefined;
}

function fromMicrodata(doc: Document, parseOptions: ParseDateOptions): DateFinding | undefined {
  const heading = mainHeading(doc);
  const candidates: { date: string; raw: string; element: Element; rank: number; order: number }[] = [];
  Array.from(doc.querySelectorAll('[itemprop]')).forEach((element, order) => {
    const props = (element.getAttribute('itemprop') ?? '').split(/\s+/u);
    if (!props.includes('datePublished')) return;
    const scope = itemScopeOf(element);
    const scopeTypes = schemaTypes(scope?.getAttribute('itemtype') ?? '');
    if (scopeTypes.some((type) => IGNORED_TYPES.has(type))) return;
    if (inPageFurniture(element, heading)) return;
    const raw = microdataValue(element);
    const date = raw ? parseDate(raw, parseOptions) : undefined;
    if (!raw || !date) return;
    const rank = scopeTypes.some((type) => ARTICLE_TYPES.has(type)) ? 0 : 1;
    candidates.push({ date, raw, element, rank, order });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const best = candidates[0];
  if (!best) return undefined;
  const tag = best.element.tagName.toLowerCase();
  return finding(best.date, 'meta', 0.85, `<${tag} itemprop="datePublished"> “${best.raw}”`);
}

// ───────────────────────────── <time> in the article header ─────────────────────────────

/**
 * The page's main heading: the first non-empty <h1> not inside an aside, nav or footer. (Class
 * names are not read here: a layout wrapper called "with-sidebar" may hold the headline.)
 */
function mainHeading(doc: Document): Element | undefined {
  return Array.from(doc.querySelectorAll('h1')).find((h1) => {
    if (!(h1.textContent ?? '').trim()) return false;
    for (let node: Element | null = h1; node; node = node.parentElement) {
      if (furnitureByTagOrRole(node)) return false;
    }
    return true;
  });
}

/** The largest header around a main heading, in characters of text. */
const MAX_HEADER_CHARS = 3000;

/**
 * Whether `other` sits in the header around `heading`: their lowest common ancestor is at most four
 * levels above the heading, is not the body, and holds little text (a header, not the whole page).
 */
function inHeaderOf(heading: Element, other: Element): boolean {
  let levels = 0;
  for (let node: Element | null = heading; node && levels <= 4; node = node.parentElement, levels++) {
    if (!node.contains(other)) continue;
    const tag = node.tagName.toUpperCase();
    return tag !== 'BODY' && tag !== 'HTML' && (node.textContent ?? '').length <= MAX_HEADER_CHARS;
  }
  return false;
}

function linksElsewhere(element: Element, pageUrls: (string | undefined)[]): boolean {
  const link = element.closest('a[href]');
  if (!link) return false;
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) return false;
  const base = pageUrls.find(Boolean);
  try {
    const target = new URL(href, base);
    return !pageUrls.some((url) => url && sameUrl(target.href, url));
  } catch {
    return true;
  }
}

const UPDATED_PATTERN = /updated|modified|changed|aktualisiert|mise?-?a-?jour/iu;

function fromTimeElement(doc: Document, input: PageDateInput, parseOptions: ParseDateOptions): DateFinding | undefined {
  const heading = mainHeading(doc);
  for (const time of Array.from(doc.querySelectorAll('time[datetime]'))) {
    const raw = time.getAttribute('datetime')?.trim();
    if (!raw) continue;
    const labels = `${time.getAttribute('class') ?? ''} ${time.getAttribute('itemprop') ?? ''} ${time.parentElement?.getAttribute('class') ?? ''}`;
    if (UPDATED_PATTERN.test(labels)) continue;
    if (linksElsewhere(time, [input.url, input.location]) || inPageFurniture(time, heading)) continue;
    const nearHeading = heading ? inHeaderOf(heading, time) : false;
    const inArticle = time.closest('article, [itemprop="articleBody"]') !== null &&
      (!heading || time.closest('article') === heading.closest('article'));
    if (!nearHeading && !inArticle) continue;
    const date = parseDate(raw, parseOptions);
    if (!date) continue;
    return finding(date, 'time-element', 0.8,
      `<time datetime="${raw}"> ${nearHeading ? 'next to the main heading' : 'in the <article>'}`);
  }
  return undefined;
}

// ───────────────────────────── URL ─────────────────────────────

const URL_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const URL_DAY = /(?<![\p{L}\d])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/_-](0?[1-9]|[12]\d|3[01])(?![\p{L}\d])/iu;
const URL_COMPACT_DAY = /(?<![\p{L}\d])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\p{L}\d])/u;
const URL_MONTH = /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\//u;

/** A date in a URL's path or query: a day, or only a month (then the month's first day). */
export function dateFromUrl(url: string): { date: string; precision: 'day' | 'month'; match: string } | undefined {
  let target: string;
  try {
    const parsed = new URL(url);
    target = decodeURIComponent(parsed.pathname + parsed.search);
  } catch {
    return undefined;
  }
  for (const pattern of [URL_DAY, URL_COMPACT_DAY]) {
    const match = pattern.exec(target);
    if (!match) continue;
    const monthText = (match[2] as string).toLowerCase();
    const month = /^\d/u.test(monthText) ? Number(monthText) : URL_MONTHS.indexOf(monthText) + 1;
    const date = parseDate(`${match[1]}-${String(month).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`);
    if (date) return { date, precision: 'day', match: match[0] };
  }
  const month = URL_MONTH.exec(target);
  if (month) {
    // A month only: its first day, with precision 'month'.
    return { date: `${month[1]}-${(month[2] as string).padStart(2, '0')}-01`, precision: 'month', match: month[0] };
  }
  return undefined;
}

function fromUrl(input: PageDateInput): DateFinding | undefined {
  for (const url of [input.url, input.location]) {
    if (!url) continue;
    const found = dateFromUrl(url);
    if (!found) continue;
    return {
      date: found.date,
      source: 'url',
      confidence: found.precision === 'day' ? 0.7 : 0.5,
      precision: found.precision,
      evidence: `“${found.match}” in the URL ${url}`,
    };
  }
  return undefined;
}

// ───────────────────────────── title ─────────────────────────────

function fromTitle(doc: Document, values: Map<string, string>, parseOptions: ParseDateOptions): DateFinding | undefined {
  for (const title of [doc.title, values.get('title')]) {
    if (!title) continue;
    for (const segment of title.split(/\s+[|\-–—·•]\s+/u).slice(1)) {
      const date = parseDate(segment, parseOptions);
      if (date) return finding(date, 'meta', 0.7, `“${segment.trim()}” in the page title`);
    }
  }
  return undefined;
}

// ───────────────────────────── datelines ─────────────────────────────

const BLOCK_TAGS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT']);

/** The text of an element as lines, split at block elements; stops after `limit` characters. */
function textLines(root: Element, limit: number): string[] {
  const lines: string[] = [];
  let current = '';
  let total = 0;
  const flush = () => {
    const line = current.replace(/\s+/gu, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node): void => {
    if (total > limit) return;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      current += text;
      total += text.length;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return;
    const block = BLOCK_TAGS.has(element.tagName.toUpperCase());
    if (block) flush();
    for (const child of Array.from(element.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** A line that is mostly one date (a dateline), parsed; undefined otherwise. */
function datelineOf(line: string, parseOptions: ParseDateOptions): string | undefined {
  if (line.length > 80) return undefined;
  const whole = parseDate(line, parseOptions);
  if (whole) return whole;
  const dates = findWrittenDates(line, parseOptions).filter((date) => date.iso);
  const first = dates[0];
  if (!first?.iso) return undefined;
  return first.end - first.start >= line.length * 0.5 ? first.iso : undefined;
}

function fromDateline(doc: Document, input: PageDateInput, parseOptions: ParseDateOptions, fromText: () => DateFinding | undefined): DateFinding | undefined {
  const heading = mainHeading(doc);
  if (heading) {
    // The header: the heading's container, up to three levels up, as long as it stays small.
    let region: Element = heading;
    for (let level = 0; level < 3 && region.parentElement; level++) {
      const parent = region.parentElement;
      if ((parent.textContent ?? '').length > MAX_HEADER_CHARS || parent.tagName.toUpperCase() === 'BODY') break;
      region = parent;
    }
    for (const line of textLines(region, MAX_HEADER_CHARS)) {
      const date = datelineOf(line, parseOptions);
      if (date) return finding(date, 'dateline', 0.75, `dateline next to the main heading: “${line}”`);
    }
  }
  if (input.rawByline) {
    const line = input.rawByline.replace(/\s+/gu, ' ').trim();
    const dates = findWrittenDates(line, parseOptions).filter((date) => date.iso);
    const first = dates[0];
    if (first?.iso) return finding(first.iso, 'dateline', 0.7, `date in the byline: “${line}”`);
  }
  const found = fromText();
  if (found && (found.source === 'dateline' || found.source === 'date-line')) return found;
  return undefined;
}

// ───────────────────────────── running text ─────────────────────────────

/** Step 7: a month and day with the year from context, or the latest dated event reported. */
function fromRunningText(input: PageDateInput, fromText: () => DateFinding | undefined): DateFinding | undefined {
  if (input.textIsArticle === false) return undefined;
  const found = fromText();
  return found && (found.source === 'month-day+context-year' || found.source === 'latest-event') ? found : undefined;
}

// ───────────────────────────── putting it together ─────────────────────────────

function finding(date: string, source: DateSource, confidence: number, evidence: string): DateFinding {
  const precision = date.length > 10 ? 'instant' : 'day';
  return { date, source, confidence, precision, evidence };
}

/** The country a page is from, for time-zone abbreviations: its top-level domain or language. */
export function pageCountry(doc: Document, urls: (string | undefined)[]): string | undefined {
  for (const url of urls) {
    if (!url) continue;
    try {
      const tld = new URL(url).hostname.split('.').pop() ?? '';
      if (/^[a-z]{2}$/u.test(tld) && tld !== 'co' && tld !== 'io' && tld !== 'tv' && tld !== 'me') return tld.toUpperCase();
    } catch {
      // not a URL
    }
  }
  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/iu.exec(lang);
  return region ? (region[1] as string).toUpperCase() : undefined;
}

/**
 * The publication date of a page and how it was found (steps 1–7 above), or undefined when the
 * page gives none (the caller then stores the day it was added, with source 'added').
 */
export function findPageDate(doc: Document, input: PageDateInput = {}): DateFinding | undefined {
  const country = pageCountry(doc, [input.url, input.location]);
  const parseOptions: ParseDateOptions = country ? { country } : {};
  const values = metaContents(doc);
  // The text is read at most once, for a dateline at its head and, failing all else, its running dates.
  let textFinding: DateFinding | undefined | null = null;
  const fromText = () => {
    if (textFinding === null) textFinding = input.text ? findDateInText(input.text) : undefined;
    return textFinding;
  };
  return fromJsonLd(readJsonLd(doc), input, parseOptions)
    ?? fromMetaNames(values, META_DATE_NAMES, parseOptions)
    ?? fromParselyPage(values, parseOptions)
    ?? fromMicrodata(doc, parseOptions)
    ?? fromMetaNames(values, LATER_META_DATE_NAMES, parseOptions)
    ?? fromTimeElement(doc, input, parseOptions)
    ?? fromUrl(input)
    ?? fromTitle(doc, values, parseOptions)
    ?? fromDateline(doc, input, parseOptions, fromText)
    ?? fromRunningText(input, fromText);
}
