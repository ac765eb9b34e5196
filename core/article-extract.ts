/**
 * Article extraction: from a page's Document to an {@link ExtractedPage} — the article's text as
 * blocks (paragraphs, headings, list items), its title, byline, site, canonical URL, language,
 * publication date, and whether the page is an article at all.
 *
 * Why a clone: Readability rewrites the document it is given (removes nodes, renames tags). It runs
 * on `doc.cloneNode(true)`; everything else here only reads the live document, so the page the
 * reader sees is never touched.
 *
 * Why the extra checks on Readability's output:
 * - Titles: Readability leaves suffixes such as " - Breitbart", " | IAB", " | Eleanor Ainge Roy"
 *   (the author on the Guardian), "_科技_腾讯网". A trailing title segment that is the site's name,
 *   its host, the byline or a date is removed; when the page's main heading starts the title and
 *   the rest is such a tail, the heading is the title.
 * - Bylines are cleaned by core/byline.ts; on a page that is not an article there is no single
 *   author, so no byline (a front page's byline is one teaser's author).
 * - Readability happily "extracts" a front page: it picks one teaser or a column of them. A page is
 *   recognised as not an article (see {@link classifyPage}) from: too little text, structured data
 *   that says listing or product, a home/section URL with many teaser headlines, or a page
 *   Readability itself rates as not readerable with nothing that says "article".
 *
 * No browser globals: the Document and the location come in as parameters; this runs in the
 * content script and in Vitest.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { stripBoilerplate } from './boilerplate';
import { cleanByline, isNavigationLinkText, isSiteName } from './byline';
import { findCanonicalUrl } from './canonical-url';
import type { Block } from './excerpts';
import { type JsonLdNode, findPageDate, readJsonLd } from './page-date';
import type { ExtractedPage } from './protocol';

/** Limits of the add-page message (core/protocol.ts validates them): a page beyond them is cut, not refused. */
export const MAX_TITLE_CHARS = 500;
export const MAX_URL_CHARS = 4000;
export const MAX_BLOCKS = 20_000;

/** Below this many characters of article text a page is not an article. */
export const MIN_ARTICLE_CHARS = 250;
/** A home or section page with at least this many teaser headlines is a front page. */
export const FRONT_PAGE_TEASERS = 10;

// ───────────────────────────── blocks ─────────────────────────────

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'FIGURE', 'FIGCAPTION',
  'BUTTON', 'NAV', 'ASIDE', 'SELECT', 'OPTION', 'INPUT', 'TEXTAREA', 'IFRAME', 'VIDEO', 'AUDIO', 'IMG',
  'PICTURE', 'CANVAS', 'OBJECT', 'EMBED', 'FORM', 'LABEL']);
/** Roles of controls and widgets: a video player's "Play", "Current Time 0:00", a "Share" button. */
const WIDGET_ROLES = new Set(['button', 'slider', 'progressbar', 'toolbar', 'menu', 'menubar', 'menuitem',
  'tablist', 'tab', 'dialog', 'alertdialog', 'navigation', 'search', 'group', 'radiogroup', 'switch',
  'checkbox', 'combobox', 'listbox', 'spinbutton', 'timer', 'marquee', 'complementary']);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'BLOCKQUOTE', 'PRE',
  'UL', 'OL', 'DL', 'DD', 'DT', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'CENTER',
  'DETAILS', 'SUMMARY', 'ADDRESS', 'HR', 'MENU']);
const TABLE_CELLS = new Set(['TD', 'TH', 'CAPTION']);
/** Text in a table cell is kept only when it reads like prose (data tables are not excerpts). */
const MIN_TABLE_PROSE = 80;

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Paragraphs, headings and list items of an extracted article, as plain text. A `<br>` ends a
 * block (Readability keeps single line breaks inside paragraphs: addresses, datelines, verse).
 * Figures, captions, forms, embedded media and widgets (elements with a control role: a video
 * player's buttons and sliders survive Readability with their roles) are not article text.
 */
export function blocksFromContent(root: Element): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let bufferKind: Block['kind'] = 'paragraph';
  let bufferInTable = false;
  const flush = () => {
    const text = collapse(buffer);
    buffer = '';
    if (!text) return;
    if (bufferInTable && text.length < MIN_TABLE_PROSE) return;
    blocks.push({ kind: bufferKind, text });
  };
  const walk = (node: Node, kind: Block['kind'], inTable: boolean): void => {
    if (node.nodeType === 3) {
      if (!buffer) {
        bufferKind = kind;
        bufferInTable = inTable;
      }
      buffer += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag) || element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden')) return;
    if (WIDGET_ROLES.has((element.getAttribute('role') ?? '').trim().toLowerCase())) return;
    if (tag === 'BR') {
      flush();
      return;
    }
    if (HEADINGS.has(tag)) {
      flush();
      const text = collapse(element.textContent ?? '');
      if (text) blocks.push({ kind: 'heading', text });
      return;
    }
    const childKind: Block['kind'] = tag === 'LI' ? 'list-item' : kind;
    const childInTable = inTable || TABLE_CELLS.has(tag);
    const block = tag === 'LI' || BLOCKS.has(tag);
    if (block) flush();
    for (const child of Array.from(element.childNodes)) walk(child, childKind, childInTable);
    if (block) flush();
  };
  walk(root, 'paragraph', false);
  flush();
  return blocks;
}

/** A repeated paragraph at least this long is duplicated article text, not a caption. */
const MIN_DUPLICATE_PROSE = 160;

/**
 * Drop boilerplate blocks (core/boilerplate.ts works on lines; the kinds are kept). The boilerplate
 * rules drop every copy of a repeated line, which is right for captions and walls; a long paragraph
 * repeated as paragraphs only (a page that prints its text twice) keeps its first copy instead.
 */
export function stripBoilerplateBlocks(input: readonly Block[]): Block[] {
  const copies = new Map<string, Block[]>();
  for (const block of input) {
    const key = block.text.trim().toLowerCase();
    copies.set(key, [...(copies.get(key) ?? []), block]);
  }
  const blocks = input.filter((block) => {
    const same = copies.get(block.text.trim().toLowerCase()) ?? [];
    const duplicatedProse = same.length > 1 && block.text.length >= MIN_DUPLICATE_PROSE &&
      same.every((copy) => copy.kind === 'paragraph');
    return !duplicatedProse || same[0] === block;
  });
  const kept = stripBoilerplate(blocks.map((block) => block.text));
  const result: Block[] = [];
  let next = 0;
  for (const block of blocks) {
    if (next < kept.length && block.text.trim() === kept[next]) {
      result.push(block);
      next++;
    }
  }
  return result;
}

// ───────────────────────────── title ─────────────────────────────

const TITLE_SEPARATOR = /\s+(?:[|\-–—·•»/]|::)\s+/u;

export interface TitleContext {
  siteName?: string;
  url?: string;
  byline?: string;
  /** The page's main heading. */
  heading?: string;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A title segment that names the site, its host or the author, or is a date. */
function isTitleTail(segment: string, context: TitleContext): boolean {
  const key = squash(segment);
  if (!key) return true;
  if (isSiteName(segment, context)) return true;
  if (context.byline && squash(context.byline) === key) return true;
  // "Breitbart News", "BBC News - World": a short segment containing the host's name.
  if (context.url && segment.split(/\s+/u).length <= 4) {
    try {
      const labels = new URL(context.url).hostname.replace(/^www\d?\./u, '').split('.');
      const core = labels.length >= 3 && /^(co|com|org|net|gov|ac)$/u.test(labels[labels.length - 2] ?? '')
        ? labels[labels.length - 3] : labels[labels.length - 2];
      if (core && core.length >= 3 && key.includes(squash(core))) return true;
    } catch {
      // not a URL
    }
  }
  return /^[\d\s./-]+$/u.test(segment.trim());
}

/**
 * A title without the site's, the author's or a date's suffix: "… - Breitbart" → "…",
 * "… | Eleanor Ainge Roy" (the byline) → "…". Whitespace runs become one space (no-break spaces
 * are kept: French typography uses them before ":" and "»").
 */
export function cleanTitle(raw: string, context: TitleContext = {}): string {
  const title = raw.replace(/[ \t\r\n\f]+/gu, ' ').trim();
  const heading = context.heading?.replace(/[ \t\r\n\f]+/gu, ' ').trim();
  // The main heading starts the title and the rest is a tail: "<h1>_科技_腾讯网", "<h1>（CNET Japan） - Yahoo!ニュース".
  if (heading && heading.length >= 4 && heading.length >= title.length * 0.4 && heading.length < title.length &&
      title.startsWith(heading) &&
      /^\s*[|\-–—·•»/_(（[【]/u.test(title.slice(heading.length))) {
    return heading;
  }
  const segments = title.split(TITLE_SEPARATOR);
  const separators = Array.from(title.matchAll(new RegExp(TITLE_SEPARATOR.source, 'gu')), (match) => match[0]);
  let end = segments.length;
  while (end > 1 && isTitleTail(segments[end - 1] as string, context)) end--;
  let start = 0;
  // A leading segment only when it is exactly the site's name ("BBC News - …").
  if (end - start > 1 && context.siteName && squash(segments[0] as string) === squash(context.siteName)) start = 1;
  if (start === 0 && end === segments.length) return title;
  let result = segments[start] as string;
  for (let index = start + 1; index < end; index++) result += (separators[index - 1] as string) + segments[index];
  return result.trim() || title;
}

// ───────────────────────────── is it an article? ─────────────────────────────

const LISTING_TYPES = new Set(['collectionpage', 'searchresultspage', 'itemlist']);
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'softwareapplication', 'mobileapplication', 'webapplication', 'offer']);
const ARTICLE_TYPES = new Set(['article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle',
  'opinionnewsarticle', 'backgroundnewsarticle', 'reviewnewsarticle', 'blogposting', 'liveblogposting',
  'socialmediaposting', 'scholarlyarticle', 'techarticle', 'report', 'review', 'satiricalarticle']);

export interface PageSignals {
  /** Characters of article text after boilerplate removal. */
  textLength: number;
  /** Readability's isProbablyReaderable on the live document. */
  readerable: boolean;
  /** Whether Readability found an article at all. */
  parsed: boolean;
  /** og:type, lower-cased. */
  ogType?: string;
  /** Types of the top-level JSON-LD nodes (depth 0), lower-cased. */
  jsonLdTypes: string[];
  /** The canonical URL. */
  url: string;
  /** Distinct pages linked from headings ("teaser headlines"). */
  teaserHeadlines: number;
}

/** Whether a URL is a site's home page or a section front ("/", "/news/", "/es/"). */
export function isHomeOrSectionUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.search) return false;
    const segments = parsed.pathname.split('/').filter(Boolean);
    if (segments.length === 0) return true;
    const only = segments[0] as string;
    return segments.length === 1 && only.length <= 20 && !/\d/u.test(only) && !/\.\w+$/u.test(only);
  } catch {
    return false;
  }
}

/** Distinct pages (other than this one) linked from headings or from links wrapping a heading. */
export function countTeaserHeadlines(doc: Document, pageUrl: string): number {
  const targets = new Set<string>();
  const page = pageUrl.replace(/#.*$/u, '');
  for (const link of Array.from(doc.querySelectorAll('h1 a[href], h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4'))) {
    const anchor = link.tagName.toUpperCase() === 'A' ? link : link.closest('a[href]');
    const href = anchor?.getAttribute('href');
    if (!href || href.startsWith('#') || /^(javascript|mailto):/iu.test(href)) continue;
    if (collapse(anchor?.textContent ?? '').split(' ').length < 3) continue;
    try {
      const target = new URL(href, pageUrl).href.replace(/#.*$/u, '');
      if (target !== page) targets.add(target);
    } catch {
      // an unparsable link is no teaser
    }
  }
  return targets.size;
}

/**
 * Whether the page is an article and, if not, why: in English words (`reason`) and as a code with
 * its numbers, which the reader's interface says in its language (errors.notArticle.<code>).
 */
export function classifyPage(signals: PageSignals): Pick<ExtractedPage['article'], 'isArticle' | 'reason' | 'reasonCode' | 'reasonCount'> {
  const types = new Set(signals.jsonLdTypes);
  const declaresArticle = [...types].some((type) => ARTICLE_TYPES.has(type));
  if (!signals.parsed) {
    return { isArticle: false, reasonCode: 'no-text', reason: 'Backstory could not find any article text on this page.' };
  }
  if (signals.textLength < MIN_ARTICLE_CHARS) {
    return { isArticle: false, reasonCode: 'little-text', reasonCount: signals.textLength,
      reason: `This page has almost no article text (${signals.textLength} characters were found).` };
  }
  if (!declaresArticle && [...types].some((type) => PRODUCT_TYPES.has(type))) {
    return { isArticle: false, reasonCode: 'product', reason: 'This looks like a product page rather than an article.' };
  }
  if (!declaresArticle && [...types].some((type) => LISTING_TYPES.has(type))) {
    return { isArticle: false, reasonCode: 'collection',
      reason: 'This looks like a front page with many headlines rather than one article: the page describes itself as a collection.' };
  }
  if (isHomeOrSectionUrl(signals.url) && signals.teaserHeadlines >= FRONT_PAGE_TEASERS) {
    return { isArticle: false, reasonCode: 'front-page', reasonCount: signals.teaserHeadlines,
      reason: `This looks like a front page with many headlines rather than one article (${signals.teaserHeadlines} headlines link to other stories).` };
  }
  if (!signals.readerable && signals.ogType !== 'article' && !declaresArticle) {
    return { isArticle: false, reasonCode: 'landing',
      reason: 'This looks like a product or landing page rather than an article: it has few paragraphs of running text.' };
  }
  return { isArticle: true };
}

// ───────────────────────────── metadata helpers ─────────────────────────────

function metaContent(doc: Document, ...names: string[]): string | undefined {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('http-equiv') ?? '').trim().toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (content && wanted.has(key)) return content;
  }
  return undefined;
}

/** A language tag: "en_US" → "en-US"; undefined when it is not one. */
function normaliseLang(value: string | null | undefined): string | undefined {
  const tag = value?.trim().split(/[,;\s]/u)[0]?.replace(/_/gu, '-');
  return tag && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/iu.test(tag) ? tag : undefined;
}

function publisherName(nodes: JsonLdNode[]): string | undefined {
  for (const node of nodes) {
    const publisher = node.value.publisher;
    const name = publisher && typeof publisher === 'object' && !Array.isArray(publisher)
      ? (publisher as Record<string, unknown>).name : undefined;
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return undefined;
}

// ───────────────────────────── extraction ─────────────────────────────

/**
 * Extract the article of a page. `location` is the address the page was loaded from. Never changes
 * `doc`: Readability works on a clone.
 */
export function extractArticle(doc: Document, location: string): ExtractedPage {
  const url = withinUrlLimit(findCanonicalUrl(doc, location).url);
  const jsonLd = readJsonLd(doc);
  const readerable = safely(() => isProbablyReaderable(doc), false);

  const clone = doc.cloneNode(true) as Document;
  const parsed = safely(() => new Readability<Element>(clone, { serializer: (node) => node as Element }).parse(), null);
  const content = parsed?.content ?? undefined;
  const blocks = content ? stripBoilerplateBlocks(blocksFromContent(content)).slice(0, MAX_BLOCKS) : [];
  const textLength = blocks.reduce((sum, block) => sum + block.text.length, 0);

  const site = parsed?.siteName?.trim() || publisherName(jsonLd) || undefined;
  const rawByline = parsed?.byline ?? undefined;
  let byline = cleanByline(rawByline, { siteName: site, url });
  if (byline && rawByline && isNavigationLinkText(doc, rawByline)) byline = undefined;

  const heading = Array.from(doc.querySelectorAll('h1')).map((h1) => collapse(h1.textContent ?? '')).find(Boolean);
  const rawTitle = parsed?.title?.trim() || doc.title?.trim() || heading || metaContent(doc, 'og:title') || url;
  const title = withinTitleLimit(cleanTitle(rawTitle, { siteName: site, url, byline, heading }));

  const lang = normaliseLang(parsed?.lang) ?? normaliseLang(doc.documentElement?.getAttribute('lang')) ??
    normaliseLang(metaContent(doc, 'content-language', 'og:locale'));

  const classification = classifyPage({
    textLength,
    readerable,
    parsed: parsed !== null,
    ogType: metaContent(doc, 'og:type')?.toLowerCase(),
    jsonLdTypes: jsonLd.filter((node) => node.depth === 0).flatMap((node) => node.types),
    url,
    teaserHeadlines: countTeaserHeadlines(doc, url),
  });

  const date = findPageDate(doc, {
    url,
    location,
    text: blocks.map((block) => block.text).join('\n'),
    rawByline,
    // A front page's running dates are its teasers', not its own.
    textIsArticle: classification.isArticle,
  });

  const page: ExtractedPage = {
    url,
    title,
    blocks,
    article: { isArticle: classification.isArticle, textLength },
  };
  if (classification.reason) page.article.reason = classification.reason;
  if (classification.reasonCode) page.article.reasonCode = classification.reasonCode;
  if (classification.reasonCount !== undefined) page.article.reasonCount = classification.reasonCount;
  // A front page has no single author: its "byline" is one teaser's.
  if (byline && classification.isArticle) page.byline = byline;
  if (site) page.site = site;
  if (lang) page.lang = lang;
  if (date) page.date = date;
  return page;
}

/** A title cut at a word before MAX_TITLE_CHARS, with "…". */
export function withinTitleLimit(title: string): string {
  if (title.length <= MAX_TITLE_CHARS) return title;
  const cut = title.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** A URL too long for the protocol loses its query (what is left still names the page's path). */
export function withinUrlLimit(url: string): string {
  if (url.length <= MAX_URL_CHARS) return url;
  try {
    const parsed = new URL(url);
    const short = parsed.origin + parsed.pathname;
    return short.length <= MAX_URL_CHARS ? short : parsed.origin + '/';
  } catch {
    return url.slice(0, MAX_URL_CHARS);
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
