/**
 * The full-text index of the corpus: MiniSearch options shared by the code that builds the index
 * and the code that loads a persisted one (they must be identical or a loaded index answers
 * nonsense), the tokenizer, the query builder and the highlighter.
 *
 * Fields of an indexed excerpt:
 * - `text`: the excerpt's text;
 * - `title`: its source's title;
 * - `entities`: the ids of the entities it is tagged with, one token each.
 *
 * Why entity *ids* and not entity names in the index: the names and aliases of an entity (in four
 * languages, with inflections) are looked up in a small separate table, `EntityNames`, built from
 * the gazetteer when the background starts. A query word that names an entity ("Херсон",
 * "Zelensky") becomes "tagged with that id" and is OR-ed with the word itself. That searches by
 * names and aliases as the issue asks, while:
 * - the persisted index does not go stale when `entities.json` changes on an extension update
 *   (ids are stable; names and aliases are not);
 * - each excerpt carries 2–4 id tokens instead of dozens of name and alias tokens (a third of
 *   the index at 100k excerpts);
 * - an excerpt matched through an entity highlights that entity's mentions, in whatever language
 *   and inflection the text uses.
 *
 * Tokenizer: the same folding as the spotter (core/text-fold.ts): lower case, Latin diacritics
 * removed, ё → е, apostrophes unified, soft hyphens and zero-width characters skipped, Unicode
 * letters so Cyrillic works. English possessives lose their "'s". A short stop-word list (en, ru,
 * uk, de) keeps the postings small; "war" and "us" are deliberately not stop words here.
 *
 * Stored fields: none. A hit's id leads to the compact ranking table (core/excerpt-table.ts) and,
 * for the few hits shown, to the excerpt record in IndexedDB.
 *
 * At 100k excerpts the service does not call `MiniSearch#search` nor persist `toJSON()`: it scores
 * and snapshots MiniSearch's postings directly (core/search-postings.ts, which explains why). The
 * options and query semantics here stay the reference for both paths.
 */
import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import { type Gazetteer, expandForms, normaliseAlias } from './gazetteer';
import { type QueryTerm, fuzzyDistance } from './search-postings';
import type { ExcerptMention } from './schema';
import { APOSTROPHE, CharClass, charClasses, foldCodes, isWordClass } from './text-fold';

/** Bump when the options below change: a persisted index of another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 1;

/** Words longer than this are not indexed (a hostile page's 10,000-letter "word"). */
export const MAX_TERM_LENGTH = 40;

export interface SearchDocument {
  id: string;
  text: string;
  title: string;
  /** Entity ids separated by single spaces. */
  entities: string;
}

export const SEARCH_FIELDS = ['text', 'title', 'entities'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

const STOP_WORDS = new Set(
  [
    // English ("us" and "war" are kept: the United States, the war)
    'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'for', 'from', 'had', 'has', 'have',
    'he', 'her', 'his', 'i', 'in', 'is', 'it', 'its', 'of', 'on', 'or', 'our', 'she', 'that', 'the',
    'their', 'them', 'they', 'this', 'these', 'those', 'to', 'was', 'we', 'were', 'which', 'who', 'will',
    'with', 'would', 'you',
    // Russian
    'и', 'в', 'во', 'не', 'что', 'он', 'на', 'с', 'со', 'как', 'а', 'то', 'все', 'она', 'так', 'его',
    'но', 'к', 'у', 'же', 'за', 'бы', 'по', 'ее', 'было', 'от', 'о', 'из', 'ему', 'ли', 'если', 'уже',
    'или', 'был', 'до', 'они', 'для', 'мы', 'их', 'была', 'при', 'об', 'это', 'эти', 'этот', 'были',
    // Ukrainian
    'і', 'й', 'та', 'з', 'із', 'зі', 'що', 'як', 'це', 'від', 'про', 'але', 'або', 'чи', 'вже', 'ще',
    'її', 'їх', 'він', 'вона', 'вони', 'ви', 'був', 'була', 'було', 'були', 'є', 'також', 'після',
    'під', 'який', 'яка', 'яке', 'які', 'цей', 'ця', 'ці',
    // German ("die" and "war" are English words too)
    'der', 'das', 'und', 'im', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen',
    'zu', 'zum', 'zur', 'mit', 'von', 'vom', 'fur', 'auf', 'ist', 'sind', 'wurde', 'werden', 'nicht',
    'sich', 'auch', 'es', 'aus', 'bei', 'nach', 'wie', 'dass', 'oder', 'aber',
  ],
);

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

export interface WordSpan {
  /** UTF-16 offsets in the original text, [start, end). */
  start: number;
  end: number;
  /** The folded word, as indexed (before stop words are removed). */
  term: string;
}

/**
 * Every word of a text with its offsets, folded like the spotter folds. Apostrophes inside a word
 * are kept (Мар'їнка, O'Brien); a Latin possessive "'s" is dropped from the term.
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  const classes = charClasses();
  const fold = foldCodes();
  let term = '';
  let start = -1;
  let end = -1;
  const flush = () => {
    if (term) {
      if (term.length > 2 && term.endsWith("'s") && (term.charCodeAt(term.length - 3) < 0x250)) term = term.slice(0, -2);
      if (term.length <= MAX_TERM_LENGTH) spans.push({ start, end, term });
    }
    term = '';
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classes[code] as number;
    if (cls === CharClass.Ignorable) continue;
    if (isWordClass(cls)) {
      if (!term) start = i;
      term += String.fromCharCode(fold[code] as number);
      end = i + 1;
    } else if (term && fold[code] === APOSTROPHE && i + 1 < text.length && isWordClass(classes[text.charCodeAt(i + 1)] as number)) {
      term += "'";
    } else {
      flush();
    }
  }
  flush();
  return spans;
}

/** The folded words of a text, stop words removed: what a field or a query contributes. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const span of wordSpans(text)) if (!STOP_WORDS.has(span.term)) terms.push(span.term);
  return terms;
}

function tokenize(text: string, fieldName?: string): string[] {
  if (fieldName === 'entities') return text ? text.split(' ') : [];
  return wordSpans(text).map((span) => span.term);
}

function processTerm(term: string, fieldName?: string): string | null {
  if (fieldName === 'entities') return term;
  return STOP_WORDS.has(term) ? null : term;
}

/** The MiniSearch options: give exactly these to `new MiniSearch` and to `MiniSearch.loadJS`. */
export const SEARCH_INDEX_OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize,
  processTerm,
  // Vacuum (drop discarded documents from postings) in the background once 10% is dirt.
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 2000, batchWait: 5 },
  searchOptions: { boost: { text: 1, title: 0.6, entities: 1.3 } },
};

export function createSearchIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>(SEARCH_INDEX_OPTIONS);
}

export function loadSearchIndex(json: AsPlainObject): MiniSearch<SearchDocument> {
  return MiniSearch.loadJS<SearchDocument>(json, SEARCH_INDEX_OPTIONS);
}

export function searchDocument(excerpt: { id: string; text: string; entityIds: readonly string[] }, sourceTitle: string): SearchDocument {
  return { id: excerpt.id, text: excerpt.text, title: sourceTitle, entities: excerpt.entityIds.join(' ') };
}

/**
 * Names and aliases of the gazetteer's entities, folded into words, for turning query words into
 * entity ids. Alias patterns are expanded into every inflected form, so "Херсоні" finds Kherson.
 */
export class EntityNames {
  /** Folded word → indexes into `ids`. */
  private readonly byWord = new Map<string, number[]>();
  /** Every word, sorted, for prefix lookups. */
  private readonly words: string[];
  private readonly ids: string[];

  constructor(gazetteer: Pick<Gazetteer, 'entities' | 'paradigms'>) {
    this.ids = gazetteer.entities.map((entity) => entity.id);
    gazetteer.entities.forEach((entity, index) => {
      const forms = [entity.name];
      for (const alias of entity.aliases) {
        try {
          forms.push(...expandForms(normaliseAlias(alias).form, gazetteer.paradigms));
        } catch {
          // A malformed alias fails the spotter's build; here it just names nothing.
        }
      }
      for (const form of forms) {
        for (const term of searchTerms(form)) {
          const list = this.byWord.get(term);
          if (!list) this.byWord.set(term, [index]);
          else if (!list.includes(index)) list.push(index);
        }
      }
    });
    this.words = [...this.byWord.keys()].sort();
  }

  /**
   * Entity ids one query word names: an exact word of a name or alias, or (words of 4 letters or
   * more) the start of one: "zelen" → zelensky.
   */
  lookup(term: string): string[] {
    const found = new Set<number>(this.byWord.get(term) ?? []);
    if (term.length >= 4) {
      let low = 0;
      let high = this.words.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((this.words[middle] as string) < term) low = middle + 1;
        else high = middle;
      }
      for (let i = low; i < this.words.length && (this.words[i] as string).startsWith(term); i++) {
        for (const index of this.byWord.get(this.words[i] as string) ?? []) found.add(index);
      }
    }
    return [...found].map((index) => this.ids[index] as string);
  }
}

const identity = (value: string) => value;
const single = (value: string) => [value];

/**
 * How the side panel's search box matches each word: in the text or the source's title, by prefix
 * (words of 3+ letters, and the word being typed), fuzzily (words of 5+ letters: one edit, two from
 * 8 letters), or by naming an entity the excerpt is tagged with. Every word must match (AND).
 */
export function searchQueryTerms(terms: readonly string[], names?: EntityNames): QueryTerm[] {
  return terms.map((term, index) => ({
    term,
    prefix: term.length >= 3 || (index === terms.length - 1 && term.length >= 2),
    fuzzy: term.length >= 5 ? fuzzyDistance(term) : 0,
    fields: ['text', 'title'],
    entityIds: names?.lookup(term) ?? [],
  }));
}

/** The same query for `MiniSearch#search` (the reference semantics, and the fallback path). */
export function buildSearchQuery(terms: readonly string[], names?: EntityNames): Query {
  return {
    combineWith: 'AND',
    queries: searchQueryTerms(terms, names).map((spec) => {
      const words: Query = {
        queries: [spec.term],
        fields: [...spec.fields],
        prefix: spec.prefix,
        fuzzy: spec.fuzzy > 0 ? 0.2 : false,
        maxFuzzy: 2,
      };
      const ids = spec.entityIds;
      if (ids.length === 0) return words;
      const entities: Query = {
        queries: [...ids],
        fields: ['entities'],
        combineWith: 'OR',
        prefix: false,
        fuzzy: false,
        tokenize: single,
        processTerm: identity,
      };
      return { combineWith: 'OR', queries: [words, entities] };
    }),
  };
}

/**
 * Ranges of `text` to highlight for a hit: words whose folded form is one of the matched index
 * terms, and the mentions of matched entities. Sorted, merged, [start, end).
 */
export function matchRanges(
  text: string,
  matchedTerms: ReadonlySet<string>,
  mentions: readonly ExcerptMention[] = [],
  matchedEntities: ReadonlySet<string> = new Set(),
): [number, number][] {
  const ranges: [number, number][] = [];
  if (matchedTerms.size) {
    for (const span of wordSpans(text)) if (matchedTerms.has(span.term)) ranges.push([span.start, span.end]);
  }
  if (matchedEntities.size) {
    for (const [start, end, id] of mentions) if (matchedEntities.has(id)) ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
