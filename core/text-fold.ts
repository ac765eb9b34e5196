/**
 * Character classes and case/diacritic folding shared by the spotter, the gazetteer compiler and
 * the search tokenizer. Everything works per UTF-16 code unit so that offsets never shift: a folded
 * character always replaces exactly one original character.
 *
 * Why per code unit and not `String.prototype.normalize`: the spotter reports offsets into the
 * page's own text nodes. Normalising (NFD, removing soft hyphens…) would change lengths and force an
 * offset map; folding one unit at a time lets the matcher walk the original string directly.
 */

/** Class of a code unit, as the matcher sees it. */
export const enum CharClass {
  /** Punctuation, symbols, anything that ends a word. */
  Other = 0,
  /** A letter, mark or digit that is not upper case. */
  Word = 1,
  /** An upper-case (or title-case) letter. */
  Upper = 2,
  /** Soft hyphen and zero-width characters: invisible, skipped inside names. */
  Ignorable = 3,
  /** Any white space (including no-break spaces and line breaks). */
  Space = 4,
}

export const APOSTROPHE = 0x27;
export const HYPHEN = 0x2d;
export const SPACE = 0x20;

const IGNORABLES = [0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x034f, 0x180e];
const APOSTROPHES = [0x27, 0x2019, 0x2018, 0x02bc, 0x02b9, 0x0060, 0x00b4, 0x2032, 0xff07];
const HYPHENS = [0x2d, 0x2010, 0x2011, 0x2012, 0x2043, 0xfe63, 0xff0d];
/** Latin letters that do not decompose under NFD but are read as a base letter. */
const LATIN_EXTRA: Record<string, string> = {
  ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o', ħ: 'h', ı: 'i', ŀ: 'l', ŧ: 't', ƶ: 'z',
};

let classTable: Uint8Array | undefined;
let foldTable: Uint16Array | undefined;

function isLatin(code: number): boolean {
  return (code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff);
}

function buildTables(): void {
  const classes = new Uint8Array(65536);
  const fold = new Uint16Array(65536);
  const letterOrDigit = /[\p{L}\p{M}\p{N}]/u;
  const space = /\s/u;
  for (let code = 0; code < 65536; code++) {
    fold[code] = code;
    // Surrogates are left as "Other": astral letters are rare in news, emoji are not.
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    if (code < 0x80) {
      // Fast path for ASCII, which is most of every page.
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) classes[code] = CharClass.Word;
      else if (code >= 0x41 && code <= 0x5a) {
        classes[code] = CharClass.Upper;
        fold[code] = code + 32;
      } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        classes[code] = CharClass.Space;
        fold[code] = SPACE;
      }
      continue;
    }
    if (space.test(ch)) {
      classes[code] = CharClass.Space;
      fold[code] = SPACE;
      continue;
    }
    if (letterOrDigit.test(ch)) {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      classes[code] = lower !== ch || (upper === ch && lower !== upper) ? CharClass.Upper : CharClass.Word;
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
      fold[code] = folded.charCodeAt(0);
    }
  }
  for (const code of IGNORABLES) classes[code] = CharClass.Ignorable;
  for (const code of APOSTROPHES) fold[code] = APOSTROPHE;
  for (const code of HYPHENS) fold[code] = HYPHEN;
  classTable = classes;
  foldTable = fold;
}

/** Class of every UTF-16 code unit (built once, 64 KiB). */
export function charClasses(): Uint8Array {
  if (!classTable) buildTables();
  return classTable as Uint8Array;
}

/** Folded form of every UTF-16 code unit (built once, 128 KiB). */
export function foldCodes(): Uint16Array {
  if (!foldTable) buildTables();
  return foldTable as Uint16Array;
}

export function isWordClass(cls: number): boolean {
  return cls === CharClass.Word || cls === CharClass.Upper;
}

/**
 * Fold a string the way the matcher compares text: lower case, Latin diacritics removed, ё → е,
 * apostrophes and hyphens unified, white space runs collapsed to one space, invisible characters
 * dropped. Used to compile aliases and cues; the matcher itself folds one unit at a time.
 */
export function foldText(text: string): string {
  const classes = charClasses();
  const fold = foldCodes();
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classes[code];
    if (cls === CharClass.Ignorable) continue;
    if (cls === CharClass.Space) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(fold[code] as number);
  }
  return out;
}

/** Split text into folded words (letters, marks, digits; apostrophes inside words kept). */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  const classes = charClasses();
  const fold = foldCodes();
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classes[code];
    if (cls === CharClass.Ignorable) continue;
    if (isWordClass(cls as number) || (fold[code] === APOSTROPHE && current && i + 1 < text.length &&
        isWordClass(classes[text.charCodeAt(i + 1)] as number))) {
      current += String.fromCharCode(fold[code] as number);
    } else if (current) {
      words.push(current);
      current = '';
    }
  }
  if (current) words.push(current);
  return words;
}
