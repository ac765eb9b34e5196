/**
 * Cleaning the byline an extractor found. Bylines on real pages are messy: "By\n\t\t\tScott
 * Cunningham", "Par Sébastien Farcis", "by Lucas Nolan22 Dec 2016651" (name, date and comment count
 * run together), "By GILLIAN MOHNEY March 11, 2015 3:46 PM", "JOE HILDEBRAND", a date posing as a
 * byline ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"), the site's own name
 * ("BBC News" on bbc.com) or a navigation link that happens to sit in an element called "bylines".
 *
 * The rules, applied in this order by {@link cleanByline}:
 * 1. Whitespace: newlines, tabs, no-break and zero-width spaces become single spaces.
 * 2. A leading label is removed: "By", "Written by", "Words by", "Reported by", "Posted by";
 *    with a colon only, "Author:", "Text:", "Автор:", "Autor:"; and — only when a capitalised word
 *    follows, so that "von der Leyen" keeps its particle — "Par", "Von", "Por", "Door".
 * 3. A date ends the name: the byline is cut where a written date ("22 Dec", "March 11, 2015"),
 *    a numeric date ("2015-03-11", "11/03/2015"), a clock time ("3:46 PM") or an "Updated" /
 *    "Published" / "Posted" label begins. A byline that *starts* with one of them is a date,
 *    not a name, and is dropped.
 * 4. Social handles ("@ahiza_garcia") are removed, then trailing digits and separators ("Lucas
 *    Nolan651" → "Lucas Nolan") and leading separators. Nothing left, or no letter left: dropped.
 * 5. A byline that is the site's name ("BBC News" on BBC News, "Mac & i" on Mac & i) or its host
 *    name ("theguardian"), a URL, or longer than 150 characters (a sentence, not a name) is dropped.
 * 6. A byline written in capitals ("JOE HILDEBRAND") is title-cased word by word, after hyphens
 *    and apostrophes too ("JEAN-PIERRE O'NEIL" → "Jean-Pierre O'Neil"); news-agency acronyms
 *    (AP, AFP, BBC, …) stay in capitals and connecting words ("and", "und", "et", "y", "і", "и")
 *    become lower case. Names such as "McDonald" come out as "Mcdonald": capitals lost that
 *    information.
 *
 * {@link isNavigationLinkText} checks the document for rule 7, applied by the article extractor:
 * a byline whose text only appears as a link in a menu ("個人" on Yahoo! Japan) is dropped.
 */
import { findWrittenDates } from './dates';

export interface BylineContext {
  /** The site's name (og:site_name), to drop a byline that is only the site. */
  siteName?: string;
  /** The page's URL, to drop a byline that is only its host name. */
  url?: string;
}

const LABEL = /^(?:(?:(?:written|words|reported|posted|story|text|photos?)\s+by|by)\s*[:\-–—]?(?:\s+|$)|(?:authors?|text|автор|автори|авторы|autor|autorin|auteurs?)\s*:\s*)/iu;
/** Labels that are also the start of names and particles: require a capitalised word after them. */
const FOREIGN_LABEL = /^(?:[Pp]ar|[Vv]on|[Pp]or|[Dd]oor)\s+(?=\p{Lu})/u;
const UPDATE_LABEL = /(?<![\p{L}\p{N}])(?:updated|last updated|published|posted|aktualisiert|veröffentlicht|mis à jour|publié le|actualizado|publicado|оновлено|обновлено|опубліковано|опубликовано)(?![\p{L}\p{N}])/iu;
const NUMERIC_DATE = /(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?!\d)/u;
const CLOCK_TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\d])/iu;
const AGENCIES = new Set(['AP', 'AFP', 'BBC', 'CNN', 'ABC', 'NBC', 'CBS', 'UPI', 'DPA', 'EFE', 'ANSA', 'PA',
  'TASS', 'RIA', 'UNIAN', 'RBC', 'NPR', 'PBS', 'AAP', 'CP', 'KNA', 'EPD', 'APA', 'SDA', 'ATS', 'II', 'III', 'IV', 'JR', 'SR']);
const CONNECTORS = new Set(['and', 'und', 'et', 'y', 'e', 'en', 'i', 'і', 'и', 'та', 'with', 'avec', 'mit', 'con']);

/** Letters and digits only, lower-cased: "BBC News" → "bbcnews". */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** "www.theguardian.com" → ["theguardian", "www.theguardian.com" squashed]. */
function hostNames(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./u, '');
    const labels = host.split('.');
    const core = labels.length >= 3 && /^(co|com|org|net|gov|ac)$/u.test(labels[labels.length - 2] ?? '')
      ? labels[labels.length - 3]
      : labels[labels.length - 2];
    return [squash(host), core ? squash(core) : ''].filter(Boolean);
  } catch {
    return [];
  }
}

/** Whether a short text is the site's name or host ("BBC News", "Mac & i", "theguardian.com"). */
export function isSiteName(text: string, context: BylineContext): boolean {
  const key = squash(text);
  if (!key) return false;
  if (context.siteName && squash(context.siteName) === key) return true;
  return hostNames(context.url).includes(key);
}

function titleCaseWord(word: string): string {
  if (AGENCIES.has(word.replace(/[^\p{L}]/gu, ''))) return word;
  const lower = word.toLowerCase();
  if (CONNECTORS.has(lower)) return lower;
  // Upper-case the first letter and every letter after a hyphen or an apostrophe.
  return lower.replace(/(^|[-'’])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Title-case a byline written in capitals; leave any other byline alone. */
export function titleCaseIfShouting(text: string): string {
  const cased = text.replace(/[^\p{Lu}\p{Ll}]/gu, '');
  if (cased.length < 2 || /\p{Ll}/u.test(cased)) return text;
  return text.split(' ').map(titleCaseWord).join(' ');
}

/** Offset where a date, a time or an "Updated" label starts, or -1. */
function dateStart(text: string): number {
  const starts: number[] = [];
  const written = findWrittenDates(text)[0];
  if (written) starts.push(written.start);
  for (const pattern of [NUMERIC_DATE, CLOCK_TIME, UPDATE_LABEL]) {
    const match = pattern.exec(text);
    if (match) starts.push(match.index);
  }
  return starts.length ? Math.min(...starts) : -1;
}

/** The cleaned byline, or undefined when what was found is not a name (see the module comment). */
export function cleanByline(raw: string | null | undefined, context: BylineContext = {}): string | undefined {
  if (!raw) return undefined;
  // 1. whitespace
  let text = raw.replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '').replace(/\s+/gu, ' ').trim();
  // 2. a leading label
  text = text.replace(LABEL, '').replace(FOREIGN_LABEL, '').trim();
  // 3. a date ends the name; a byline that starts with one is a date
  const cut = dateStart(text);
  if (cut === 0) return undefined;
  if (cut > 0) text = text.slice(0, cut);
  // 4. handles, trailing digits and separators
  text = text.replace(/(?:^|\s)@[\p{L}\p{N}_.]+/gu, ' ').replace(/[\s\d|,;:·•@–—\-/]+$/u, '').replace(/^[\s|,;:·•–—\-/]+/u, '').trim();
  if (!/\p{L}/u.test(text)) return undefined;
  // 5. the site itself, a URL, a sentence
  if (/^(?:https?:\/\/|www\.)\S+$/iu.test(text)) return undefined;
  if (text.length > 150) return undefined;
  if (isSiteName(text, context)) return undefined;
  // 6. capitals
  return titleCaseIfShouting(text);
}

/**
 * Whether `text` appears in the document only as the text of links in a menu: a `<nav>`, or a list
 * of at least four items that are links. Such a text is a navigation entry an extractor mistook for
 * the byline (Yahoo! Japan's "個人" menu item sits in `<li id="gnPriBylines">`). Read-only.
 */
export function isNavigationLinkText(doc: Document, text: string): boolean {
  const wanted = text.replace(/\s+/gu, ' ').trim();
  if (!wanted || wanted.length > 60) return false;
  let inMenu = 0;
  for (const link of Array.from(doc.querySelectorAll('a'))) {
    if ((link.textContent ?? '').replace(/\s+/gu, ' ').trim() !== wanted) continue;
    if (!isMenuLink(link)) return false;
    inMenu++;
  }
  return inMenu > 0;
}

function isMenuLink(link: Element): boolean {
  if (link.closest('nav, [role="navigation"], [role="menu"], [role="menubar"]')) return true;
  const item = link.closest('li');
  const list = item?.parentElement;
  if (!item || !list || !/^(UL|OL|MENU)$/u.test(list.tagName)) return false;
  const items = Array.from(list.children).filter((child) => child.tagName === 'LI');
  return items.length >= 4 && items.filter((child) => child.querySelector('a')).length >= items.length * 0.75;
}
