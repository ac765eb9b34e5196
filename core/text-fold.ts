/**
 * Character classes and case/diacritic folding shared by the spotter, the gazetteer compiler and
 * the cue matcher. Everything works per UTF-16 code unit so that offsets never shift: a folded
 * character always stands for exactly one original code unit (combining marks and invisible
 * characters are skipped, never removed).
 *
 * Why per code unit and not `String.prototype.normalize`: the spotter reports offsets into the
 * page's own text nodes. Normalising (NFD, removing soft hyphens…) would change lengths and force an
 * offset map; folding one unit at a time lets the matcher walk the original string directly.
 *
 * Folding rules (what the matcher treats as equal):
 * - case: every letter is compared in lower case (the case rules of aliases are checked later);
 * - Latin letters lose their diacritics (Erdoğan = Erdogan, Orbán = Orban, ł = l); Cyrillic keeps
 *   them (й ≠ и, ї ≠ і), except ё = е, as Russian writers use both;
 * - all apostrophes (' ’ ‘ ʼ …) are one apostrophe, all hyphens (‐ ‑ – as written in names) one
 *   hyphen, every white-space character one space;
 * - soft hyphens and zero-width characters are "ignorable": skipped inside words;
 * - the underscore is part of a word (identifiers, handles: "UN_willing" holds no "UN");
 * - combining marks belong to the letter before them: a decomposed "и + ̆" is read as "й"
 *   (see `foldWithMarks`), a decomposed Latin "g + ̆" as "g".
 *
 * Why the tables are filled by blocks of 256 code units: the content script compiles the spotter
 * on every page, so start-up time matters. Testing all 65,536 code units against Unicode property
 * regexes takes ~12 ms; the blocks that news text is made of (Latin-1, Latin Extended-A, Cyrillic,
 * punctuation) are filled at first use from ranges written out here (well under 1 ms) and any other
 * block, from the regexes, the first time a character from it is seen. Unfilled entries read as
 * `CharClass.Unknown`; hot loops call `classOf` only for that value.
 */

/** Class of a code unit, as the matcher sees it. */
export const enum CharClass {
  /** Punctuation, symbols, anything that ends a word. */
  Other = 0,
  /** A letter or digit that is not upper case. */
  Word = 1,
  /** An upper-case (or title-case) letter. */
  Upper = 2,
  /** Soft hyphen and zero-width characters: invisible, skipped inside names. */
  Ignorable = 3,
  /** Any white space (including no-break spaces and line breaks). */
  Space = 4,
  /** A combining mark: part of the word, attached to the letter before it. */
  Mark = 5,
  /** Not computed yet: call `classOf`. */
  Unknown = 7,
}

export const APOSTROPHE = 0x27;
export const HYPHEN = 0x2d;
export const SPACE = 0x20;
const UNDERSCORE = 0x5f;

const IGNORABLES = [0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x034f, 0x180e];
const APOSTROPHES = [0x27, 0x2019, 0x2018, 0x02bc, 0x02b9, 0x0060, 0x00b4, 0x2032, 0xff07];
const HYPHENS = [0x2d, 0x2010, 0x2011, 0x2012, 0x2043, 0xfe63, 0xff0d];
/** Latin letters that do not decompose under NFD but are read as a base letter. */
const LATIN_EXTRA: Record<string, string> = {
  ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o', ħ: 'h', ı: 'i', İ: 'i', ŀ: 'l', ŧ: 't', ƶ: 'z',
};
/** Blocks (code >> 8) filled at start-up: Latin-1, Latin Extended-A and B, Cyrillic, punctuation. */
const EAGER_BLOCKS = [0x00, 0x01, 0x04, 0x20];

const classTable = new Uint8Array(65536);
const foldTable = new Uint16Array(65536);
const blockFilled = new Uint8Array(256);
let initialised = false;

let letterPattern: RegExp | undefined;
let markPattern: RegExp | undefined;
let spacePattern: RegExp | undefined;

function isLatin(code: number): boolean {
  return (code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff);
}

export function isCyrillic(code: number): boolean {
  return code >= 0x0400 && code <= 0x052f;
}

/**
 * Class of a code unit in the blocks filled at start-up (Latin-1, Latin Extended-A, Cyrillic,
 * General Punctuation), from the Unicode tables written out as ranges: regexes with Unicode
 * properties cost ~1 ms each to compile, which every page would pay. tests/unit/text-fold.test.ts
 * checks these ranges against the regexes for every code unit of those blocks.
 */
function eagerClass(code: number): CharClass {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return CharClass.Word;
    if (code >= 0x41 && code <= 0x5a) return CharClass.Upper;
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return CharClass.Space;
    return CharClass.Other;
  }
  if (code < 0x100) {
    if (code === 0xa0) return CharClass.Space;
    if (code === 0xaa || code === 0xb5 || code === 0xba || code === 0xb2 || code === 0xb3 || code === 0xb9 ||
        (code >= 0xbc && code <= 0xbe)) return CharClass.Word;
    if ((code >= 0xc0 && code <= 0xd6) || (code >= 0xd8 && code <= 0xde)) return CharClass.Upper;
    if ((code >= 0xdf && code <= 0xf6) || code >= 0xf8) return CharClass.Word;
    return CharClass.Other;
  }
  if (code < 0x200) return caseClass(code);
  if (code >= 0x400 && code < 0x500) {
    if (code === 0x482) return CharClass.Other;
    if (code >= 0x483 && code <= 0x489) return CharClass.Mark;
    return caseClass(code);
  }
  // General Punctuation, superscripts, currency, combining marks for symbols (0x2000–0x20FF).
  if ((code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f) {
    return CharClass.Space;
  }
  if (code === 0x2070 || code === 0x2071 || (code >= 0x2074 && code <= 0x2079) || (code >= 0x207f && code <= 0x2089) ||
      (code >= 0x2090 && code <= 0x209c)) return CharClass.Word;
  if (code >= 0x20d0 && code <= 0x20f0) return CharClass.Mark;
  return CharClass.Other;
}

/** Upper or Word for a letter, by its case mappings. */
function caseClass(code: number): CharClass {
  const ch = String.fromCharCode(code);
  const lower = ch.toLowerCase();
  return lower !== ch || (ch.toUpperCase() === ch && lower !== ch.toUpperCase()) ? CharClass.Upper : CharClass.Word;
}

/** Class of a code unit in any other block, from the Unicode property regexes. */
function regexClass(code: number): CharClass {
  letterPattern ??= /[\p{L}\p{Nd}\p{Nl}\p{No}]/u;
  markPattern ??= /\p{M}/u;
  spacePattern ??= /\s/u;
  const ch = String.fromCharCode(code);
  if (spacePattern.test(ch)) return CharClass.Space;
  if (markPattern.test(ch)) return CharClass.Mark;
  if (letterPattern.test(ch)) return caseClass(code);
  return CharClass.Other;
}

/** Blocks whose classes `eagerClass` knows without regexes. */
const RANGED_BLOCKS = new Set([0x00, 0x01, 0x04, 0x20]);

/** The class computation for every code unit, for tests: by ranges where known, else by regex. */
export function computeClass(code: number, byRegex = false): CharClass {
  return !byRegex && RANGED_BLOCKS.has(code >> 8) ? eagerClass(code) : regexClass(code);
}

function fillBlock(block: number): void {
  blockFilled[block] = 1;
  const first = block << 8;
  // Surrogates are left as "Other": astral letters are rare in news, emoji are not.
  if (first >= 0xd800 && first <= 0xdfff) {
    classTable.fill(CharClass.Other, first, first + 256);
    for (let code = first; code < first + 256; code++) foldTable[code] = code;
    return;
  }
  const ranged = RANGED_BLOCKS.has(block);
  for (let code = first; code < first + 256; code++) {
    const cls = ranged ? eagerClass(code) : regexClass(code);
    classTable[code] = cls;
    foldTable[code] = cls === CharClass.Space ? SPACE : code;
    if (cls === CharClass.Upper) {
      if (code < 0x80) {
        foldTable[code] = code + 32;
        continue;
      }
    } else if (cls !== CharClass.Word || code < 0x80) {
      continue;
    }
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    let folded = lower.length === 1 ? lower : ch;
    if (isLatin(code)) {
      const extra = LATIN_EXTRA[ch];
      if (extra) folded = extra;
      else {
        const base = folded.normalize('NFD')[0];
        if (base && base.charCodeAt(0) < 0x80) folded = base;
      }
    }
    if (folded === 'ё') folded = 'е';
    foldTable[code] = folded.charCodeAt(0);
  }
  for (const code of IGNORABLES) if (code >> 8 === block) classTable[code] = CharClass.Ignorable;
  // The underscore joins words, as in identifiers and handles ("UN_willing", "get_kiev_url").
  if (block === 0) classTable[UNDERSCORE] = CharClass.Word;
  // Apostrophes end a word (U+02BC and U+02B9 are letters to Unicode); the matcher keeps one
  // inside a Cyrillic word itself (Ukrainian "Марʼїнка").
  for (const code of APOSTROPHES) {
    if (code >> 8 !== block) continue;
    foldTable[code] = APOSTROPHE;
    classTable[code] = CharClass.Other;
  }
  for (const code of HYPHENS) if (code >> 8 === block) foldTable[code] = HYPHEN;
}

function initialise(): void {
  initialised = true;
  classTable.fill(CharClass.Unknown);
  for (const block of EAGER_BLOCKS) fillBlock(block);
}

/** Class of one code unit (fills its block on first use). */
export function classOf(code: number): CharClass {
  if (!initialised) initialise();
  if (blockFilled[code >> 8] === 0) fillBlock(code >> 8);
  return classTable[code] as CharClass;
}

/** Folded form of one code unit (fills its block on first use). */
export function foldOf(code: number): number {
  if (!initialised) initialise();
  if (blockFilled[code >> 8] === 0) fillBlock(code >> 8);
  return foldTable[code] as number;
}

/**
 * Class of every UTF-16 code unit. Entries of blocks not filled yet read `CharClass.Unknown`:
 * call `classOf(code)` for those (which also fills the fold table for that block).
 */
export function charClasses(): Uint8Array {
  if (!initialised) initialise();
  return classTable;
}

/** Folded form of every UTF-16 code unit; valid once the unit's class is known (see `charClasses`). */
export function foldCodes(): Uint16Array {
  if (!initialised) initialise();
  return foldTable;
}

export function isWordClass(cls: number): boolean {
  return cls === CharClass.Word || cls === CharClass.Upper || cls === CharClass.Mark;
}

export function isLetterClass(cls: number): boolean {
  return cls === CharClass.Word || cls === CharClass.Upper;
}

/**
 * The folded code of the letter at `index` when combining marks follow it (`index + 1` is a mark).
 * Cyrillic letters compose with their marks (и + ̆ = й, і + ̈ = ї); any other letter keeps its own
 * fold, so Latin diacritics written as marks are dropped like precomposed ones.
 */
export function foldWithMarks(text: string, index: number, end: number): number {
  const code = text.charCodeAt(index);
  const folded = foldOf(code);
  if (!isCyrillic(code)) return folded;
  let k = index + 1;
  while (k < end && classOf(text.charCodeAt(k)) === CharClass.Mark) k++;
  const composed = text.slice(index, k).normalize('NFC');
  return composed.length === 1 ? foldOf(composed.charCodeAt(0)) : folded;
}

/** Index after the combining marks that start at `index`. */
export function skipMarks(text: string, index: number, end: number): number {
  let k = index;
  while (k < end && classOf(text.charCodeAt(k)) === CharClass.Mark) k++;
  return k;
}

/**
 * Fold a string the way the matcher compares text: lower case, Latin diacritics removed, ё → е,
 * apostrophes and hyphens unified, white space runs collapsed to one space (and trimmed), invisible
 * characters dropped, marks composed or dropped. Used to compile aliases and cues; the matcher
 * itself folds one unit at a time.
 */
export function foldText(text: string): string {
  const source = text.normalize('NFC');
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const cls = classOf(code);
    if (cls === CharClass.Ignorable || cls === CharClass.Mark) continue;
    if (cls === CharClass.Space) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(foldOf(code));
  }
  return out;
}

/**
 * Split text into folded words (letters, digits; marks dropped; an apostrophe between two letters
 * stays inside the word, so "putin's" and "мар'їнка" are one word each).
 */
export function foldedWords(text: string): string[] {
  const source = text.normalize('NFC');
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const cls = classOf(code);
    if (cls === CharClass.Ignorable || cls === CharClass.Mark) continue;
    if (isLetterClass(cls) || (foldOf(code) === APOSTROPHE && current && i + 1 < source.length &&
        isLetterClass(classOf(source.charCodeAt(i + 1))))) {
      current += String.fromCharCode(foldOf(code));
    } else if (current) {
      words.push(current);
      current = '';
    }
  }
  if (current) words.push(current);
  return words;
}
