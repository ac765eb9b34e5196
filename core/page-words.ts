/**
 * Reading the words around a mention, for the page step (page-sense.ts): whether a quotation mark
 * opens it, the word right before and after it (looking through soft hyphens and marks), and
 * whether it names a ship ("АПЛ «Курск»", "the landing ship Minsk", a list of ships after a fleet):
 * a ship named after a place is not the place.
 */
import { FLEET_STEMS, SHIP_ACRONYMS, SHIP_STEMS } from './page-topics';
import { APOSTROPHE, HYPHEN, classOf, foldOf, foldText } from './text-fold';

/** A quotation mark that opens a name right before a mention («Дніпро», „Dnipro“, «Дніпро-1»). */
const OPENING_QUOTES = new Set([0xab, 0x201e, 0x201c, 0x22, 0x201a, 0x2018, 0x27, 0x2039]);

/** Whether a quotation mark opens right before `start`, perhaps with a space between («Дніпро», « Дніпро»). */
export function openedByQuote(text: string, start: number): boolean {
  let code = text.charCodeAt(start - 1);
  if (code === 0x20 || code === 0xa0) code = text.charCodeAt(start - 2);
  return OPENING_QUOTES.has(code);
}

/** How far around a mention `wordBefore` and `wordAfter` look, in UTF-16 code units. */
const WORD_REACH = 40;
// Character classes of text-fold.ts as plain numbers (a const enum imported from another module
// becomes a property load once each file is compiled on its own).
const WORD_CLASS = 1;
const UPPER_CLASS = 2;
const MARK_CLASS = 5;

function isWordCode(code: number): boolean {
  const cls = classOf(code);
  return cls === WORD_CLASS || cls === UPPER_CLASS || cls === MARK_CLASS;
}

/** A sentence ends here for the words around a mention: . ! ? … or a line break. */
function endsSentence(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x0a;
}

/**
 * The word before `start` in the same sentence, folded ("dynamo" in "Dynamo Kyiv", "шахтар" in
 * «Шахтар» (Донецьк)): letters and digits, a hyphen or an apostrophe between them included. Read
 * backwards a character at a time: it runs for every mention of a page.
 */
export function wordBefore(text: string, start: number): string | undefined {
  const at = wordStartBefore(text, start);
  return at < 0 ? undefined : foldText(text.slice(at, wordEnd));
}

/** End of the word `wordStartBefore` found last (module state: the page step runs one call at a time). */
let wordEnd = 0;

/** Where the word before `start` (as `wordBefore` reads it) begins, or -1; its end is left in `wordEnd`. */
function wordStartBefore(text: string, start: number): number {
  const limit = Math.max(0, start - WORD_REACH);
  let k = start - 1;
  for (; k >= limit; k--) {
    const code = text.charCodeAt(k);
    if (isWordCode(code)) break;
    if (endsSentence(code)) return -1;
  }
  if (k < limit) return -1;
  wordEnd = k + 1;
  for (k--; k >= limit; k--) {
    const code = text.charCodeAt(k);
    if (isWordCode(code)) continue;
    const folded = foldOf(code);
    if ((folded === HYPHEN || folded === APOSTROPHE) && k > limit && isWordCode(text.charCodeAt(k - 1))) continue;
    break;
  }
  return k + 1;
}

/** The word after `end` in the same sentence, folded ("arena" in "Donbass Arena"). */
export function wordAfter(text: string, end: number): string | undefined {
  const limit = Math.min(text.length, end + WORD_REACH);
  let k = end;
  for (; k < limit; k++) {
    const code = text.charCodeAt(k);
    if (isWordCode(code)) break;
    if (endsSentence(code)) return undefined;
  }
  if (k >= limit) return undefined;
  const start = k;
  while (k < limit && isWordCode(text.charCodeAt(k))) k++;
  return foldText(text.slice(start, k));
}

/**
 * What stands before a ship's name, read backwards: earlier names of a list («Ямал» і «Азов», the Yamal
 * and the Azov), a dash, a hull number (К-141), the fleet (Черноморского флота, ВМФ России), words.
 */
const TOKENS_BEFORE = /«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|"[^"]*"|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[,&–—-]/gu;
const LIST_JOINS = new Set([',', '&', 'и', 'і', 'й', 'та', 'and', 'und']);
const ARTICLES = new Set(['the', 'der', 'die', 'das', 'des', 'dem', 'den']);
const COUNTRY_AFTER_FLEET = new Set(['россии', 'рф', 'украины', 'росії', 'україни', 'russlands', 'russia']);
/** In English and German, where ships are named without quotation marks: a ship word, singular. */
const LATIN_SHIP_WORDS = new Set([
  'ship', 'submarine', 'cruiser', 'frigate', 'destroyer', 'corvette', 'vessel', 'tanker', 'ferry', 'icebreaker', 'minesweeper',
  'u-boot', 'kreuzer', 'schiff', 'fregatte', 'zerstorer', 'korvette', 'fahre', 'eisbrecher', 'landungsschiff', 'kriegsschiff',
]);
const LATIN_SHIPS_WORDS = new Set(['ships', 'submarines', 'cruisers', 'frigates', 'destroyers', 'corvettes', 'vessels', 'tankers', 'schiffe', 'landungsschiffe', 'kriegsschiffe', 'u-boote']);

function startsWithAny(word: string, stems: readonly string[]): boolean {
  for (const stem of stems) if (word.startsWith(stem)) return true;
  return false;
}

function isShipWord(word: string | undefined): boolean {
  return word !== undefined && (SHIP_ACRONYMS.has(word) || startsWithAny(word, SHIP_STEMS));
}

/**
 * Whether the mention at `start` is a ship's name: in quotation marks right after a ship word (АПЛ
 * «Курск», великий десантний корабель «Азов»), also across a hull number, the fleet's name (корабль
 * Черноморского флота «Азов») or a list of quoted names (кораблі «Ямал» і «Азов»). English and German
 * name ships without quotes: there a capitalised name right after a ship word in the singular ("the
 * landing ship Minsk", "the submarine Rostov-on-Don"), or the last of a list after one in the plural
 * ("the landing ships Yamal and Azov").
 */
export function isShipName(text: string, start: number, previous: string | undefined): boolean {
  const quoted = openedByQuote(text, start);
  if (!quoted) {
    // Most names: no quotes, and the word before them neither a ship word, an article nor a list's.
    if (previous === undefined || !(LATIN_SHIP_WORDS.has(previous) || ARTICLES.has(previous) || LIST_JOINS.has(previous))) return false;
    return text.charCodeAt(start) < 0x250 && isLatinShipName(text, start);
  }
  let before = text.slice(Math.max(0, start - 160), start).replace(/[«„“"‚‘'‹]\s?$/u, '');
  const sentence = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('\n'));
  if (sentence >= 0) before = before.slice(sentence + 1);
  const tokens = (before.match(TOKENS_BEFORE) ?? []).map((token) => foldText(token));
  let k = tokens.length - 1;
  const isQuoted = (token: string | undefined) => token !== undefined && /^[«„“"]/u.test(token);
  while (k >= 1 && LIST_JOINS.has(tokens[k] as string) && isQuoted(tokens[k - 1])) k -= 2;
  if (k >= 0 && /^[–—-]$/u.test(tokens[k] as string)) k--;
  if (k >= 0 && /\d/u.test(tokens[k] as string)) k--;
  if (isShipWord(tokens[k])) return true;
  // The fleet between: one to three words before it, the ship word.
  if (k >= 1 && COUNTRY_AFTER_FLEET.has(tokens[k] as string) && startsWithAny(tokens[k - 1] as string, FLEET_STEMS)) k--;
  if (k < 0 || !startsWithAny(tokens[k] as string, FLEET_STEMS)) return false;
  for (let back = k - 1; back >= Math.max(0, k - 3); back--) {
    if (isQuoted(tokens[back]) || /^[,&–—-]$/u.test(tokens[back] as string)) return false;
    if (isShipWord(tokens[back])) return true;
  }
  return false;
}

/**
 * A ship named without quotation marks (English, German), read word by word backwards: "the landing
 * ship Minsk", "the submarine Rostov-on-Don", "the landing ships, the Yamal and the Azov".
 */
function isLatinShipName(text: string, start: number): boolean {
  let at = wordStartBefore(text, start);
  let word = at < 0 ? undefined : foldText(text.slice(at, wordEnd));
  if (word !== undefined && ARTICLES.has(word)) {
    at = wordStartBefore(text, at);
    word = at < 0 ? undefined : foldText(text.slice(at, wordEnd));
  }
  if (word === undefined) return false;
  if (LATIN_SHIP_WORDS.has(word)) return true;
  let listed = false;
  while (word !== undefined && LIST_JOINS.has(word)) {
    // The name before the join, capitalised, perhaps after an article.
    at = wordStartBefore(text, at);
    if (at < 0 || !/\p{Lu}/u.test(text.charAt(at))) return false;
    at = wordStartBefore(text, at);
    word = at < 0 ? undefined : foldText(text.slice(at, wordEnd));
    if (word !== undefined && ARTICLES.has(word)) {
      at = wordStartBefore(text, at);
      word = at < 0 ? undefined : foldText(text.slice(at, wordEnd));
    }
    listed = true;
  }
  return listed && word !== undefined && LATIN_SHIPS_WORDS.has(word);
}
