/**
 * How the spotter decides between senses of an ambiguous alias and how sure it is of a mention.
 *
 * A match found in the text carries one or more candidates (entity + alias whose case rule fits).
 * Each candidate starts from its alias's `confidence` (1 for a distinctive name; less for a form
 * that is also a common word, a surname shared with others, a city that is also a river) and is
 * then adjusted, in this order:
 *
 * 1. Cues of the entity, looked up around the mention (CUE_WINDOW_WORDS words either side, within
 *    the mention's sentence): a hit among `support` adds SUPPORT_BONUS, and each further distinct
 *    support cue that hits SUPPORT_EXTRA, up to SUPPORT_MAX in all; any hit among `against`
 *    subtracts AGAINST_PENALTY, enough to drop an unambiguous name below MIN_CONFIDENCE
 *    ("Chicken Kiev").
 *    A cue `word` matches a word in the window, `word*` a word starting with it, `<word` only the
 *    word right before the mention and `>word` only the word right after; `@quoted` hits when the
 *    mention is enclosed in quotation marks (ships are named in quotes: the “Moscow”, «Курск»).
 *    When `@quoted` is a support cue of the entity and hits, its `<word` and `>word` against cues
 *    are not read: the quotes make the name a thing's, whatever preposition stands before it
 *    ("служив в «Азові»" is the unit, "в Азове" the town).
 *    Words are folded like aliases (case, Latin diacritics, ё); a plain cue also matches the word
 *    with a trailing s or 's (plural, possessive, German genitive: "set" hits "sets", "Smetana"
 *    hits "Smetanas").
 * 2. Only for ambiguous aliases (base confidence below AMBIGUOUS_BELOW):
 *    a. the page as a whole: its war score w (0–1) adds PAGE_WEIGHT × (w − 0.5), so ±0.25: on a
 *       page that does not talk about the war an ambiguous form below 0.75 needs a supporting cue;
 *    b. the same entity named unambiguously elsewhere on the page ("Dmitry Medvedev" earlier makes
 *       a later bare "Medvedev" his): + CONFIRMED_BONUS;
 *    c. the page language, when known: an alias marked with that `lang` gains LANG_BONUS, an alias
 *       marked with another language loses it. Without a language hint nothing changes.
 *
 * The candidate with the highest result wins, compared before clamping (a river with three support
 * cues beats a city that would reach 1 without any; ties: the higher base confidence, then the
 * entity listed first); its result clamped to [0, 1] is the mention's confidence, and the mention is
 * kept when it reaches MIN_CONFIDENCE.
 *
 * `candidateScore` also says which cues were *strong*: positional ones and words within
 * STRONG_CUE_WORDS words of the mention, and what the alias's confidence plus those alone gives
 * (`strongLocal`). The page step (core/page-sense.ts) lets strong cues decide a mention whatever the
 * page says, and reads `#topic` cues, which never hit in the window: they name a page topic
 * (core/page-topics.ts) that speaks for or against the entity.
 *
 * The war score. Pass 1 also finds "context words" (WAR_WORDS: war, invasion, troops, Krieg,
 * війна, обстрел, Ukraine, Russia…, in the four languages). The page's war score is
 *   w = min(1, WAR_SCORE_PER_ENTITY × E + WAR_SCORE_PER_WORD × W)
 * where E counts distinct entities matched through an unambiguous form (base confidence at least
 * AMBIGUOUS_BELOW, the form not shared by two entities) and W distinct context words. A report on
 * the front line names Zelensky, Kharkiv and NATO and says "troops" (w = 1); a tennis report naming
 * only "Medvedev" has w = 0, and a bare shared surname there falls below MIN_CONFIDENCE.
 * The score needs only the pass-1 matches, not the text, so a page scanned piece by piece gets the
 * same score as the same text spotted at once.
 *
 * General names. Entities marked `scope: "general"` in the gazetteer (the UN, the EU, NATO, heads of
 * state of other countries) are named by news of every kind. They do not count towards E, and the
 * page (the content script, where the whole page is known) marks them only when it names the war's
 * own people, places or organisations: at least two of them, or one and two distinct war words
 * (`marksGeneralNames`). War words alone are not enough: "front", "strikes" and "wars" fill front
 * pages, strike reports and film reviews (on the 33 real saved pages of the test fixtures, words
 * alone would have made a hotel guide, an Xbox review and a gun-law story war pages). On a page
 * about a G7 summit's trade talks general names stay unmarked; on a report on the war they are
 * marked. `spot` on a single text (the corpus, the CLI) does not apply this rule.
 */
import { CharClass, classOf, foldText, foldedWords } from './text-fold';
import type { Cues } from './gazetteer';
import { type PageTopic, isPageTopic } from './page-topics';

export const MIN_CONFIDENCE = 0.5;
export const AMBIGUOUS_BELOW = 0.9;
export const SUPPORT_BONUS = 0.3;
export const SUPPORT_EXTRA = 0.1;
export const SUPPORT_MAX = 0.5;
export const AGAINST_PENALTY = 0.6;
export const PAGE_WEIGHT = 0.5;
export const CONFIRMED_BONUS = 0.2;
export const LANG_BONUS = 0.1;
/** Each distinct unambiguous entity on the page adds this much to the war score. */
export const WAR_SCORE_PER_ENTITY = 0.35;
/** Each distinct context word (WAR_WORDS) on the page adds this much to the war score. */
export const WAR_SCORE_PER_WORD = 0.2;
export const CUE_WINDOW_WORDS = 6;
/**
 * A cue this close to the mention (in words: 1 is the word right beside it) is strong local
 * evidence: the page step (core/page-sense.ts) lets it decide the mention whatever the page says.
 * Positional cues (`<word`, `>word`, `@quoted`) are always strong.
 */
export const STRONG_CUE_WORDS = 3;
/** War-specific names (not general ones) a page needs to mark general names, or one fewer with… */
export const GENERAL_MIN_NAMES = 2;
/** …this many distinct war words. */
export const GENERAL_MIN_WORDS = 2;
/** Characters read on each side of a mention to find the cue window. */
const WINDOW_CHARS = 100;

/**
 * Words that say a page is about the war, folded like aliases; `*` allows any ending. Matched in
 * any case, as whole words; mostly in the four languages, a few in French, Spanish and Portuguese. Words of one meaning share a key (the first item) so that "war" and
 * "wars" count once. Entity names are not listed here: they count as entities.
 */
export const WAR_WORDS: readonly (readonly string[])[] = [
  // English
  ['war', 'wars', 'wartime'],
  ['invasion', 'invade*', 'invading'],
  ['troops', 'soldier*', 'servicem*'],
  ['shelling', 'shelled', 'artillery'],
  ['missile*', 'rocket*'],
  ['drone*'],
  ['front line', 'frontline*', 'front-line*'],
  ['offensive', 'counteroffensive', 'counter-offensive'],
  ['ceasefire', 'truce', 'peace talks'],
  ['occupied', 'occupation', 'occupier*', 'annex*'],
  ['mobilisation', 'mobilization'],
  ['sanction*'],
  ['air strike*', 'airstrike*', 'strikes'],
  ['Ukraine', 'Ukrainian*'],
  ['Russia', 'Russian*'],
  // German
  ['Krieg*', 'Angriffskrieg*'],
  ['Invasion', 'Einmarsch'],
  ['Truppen', 'Soldaten', 'Streitkräfte*', 'Armee'],
  ['Beschuss', 'Artillerie', 'Angriff*', 'Luftangriff*'],
  ['Rakete*', 'Raketen*', 'Marschflugkörper*'],
  ['Drohne*', 'Drohnen*'],
  ['Front', 'Frontlinie*', 'Gegenoffensive*'],
  ['Waffenruhe', 'Waffenstillstand*', 'Friedensgespräch*'],
  ['besetzt*', 'Besatzung*', 'annekt*'],
  ['Mobilmachung', 'Sanktion*'],
  ['ukrainisch*', 'Russland*', 'russisch*'],
  // Ukrainian
  ['війна', 'війни', 'війну', 'війні', 'війною', 'воєнн*', 'військ*'],
  ['вторгнен*', 'окупац*', 'окупант*', 'окупова*', 'анексі*'],
  ['обстріл*', 'артилері*', 'удар', 'удари', 'ударів'],
  ['ракет*', 'дрон*', 'безпілотник*'],
  ['фронт*', 'контрнаступ*', 'ЗСУ'],
  ['мобілізац*', 'санкці*', 'перемир*'],
  ['Україн*', 'україн*', 'Росі*', 'російськ*', 'РФ'],
  // Russian
  ['война', 'войны', 'войну', 'войне', 'войной', 'военн*', 'войск*'],
  ['вторжени*', 'оккупац*', 'оккупант*', 'оккупирова*', 'аннекси*'],
  ['обстрел*', 'артиллери*', 'удары', 'ударов'],
  ['беспилотник*', 'спецоперац*', 'СВО', 'ВСУ', 'контрнаступлени*'],
  ['мобилизац*', 'санкци*', 'перемири*'],
  ['Украин*', 'украин*', 'Росси*', 'российск*', 'РФ'],
  // French, Spanish, Portuguese (Ukraine is in the English list)
  ['guerre', 'guerra'],
  ['Russie', 'Rusia', 'Rússia', 'russe*', 'russo', 'russa', 'russos', 'russas', 'ruso', 'rusa', 'rusos', 'rusas'],
  ['Ucrania', 'Ucrânia', 'ukrainien*', 'ucranian*'],
];

/**
 * War-word groups that only name the two countries or their people ("Ukraine", "Russian",
 * «російський», russisch). They say less than "troops" or "shelling": a tennis report calls Medvedev
 * "the Russian". The page step does not count them as evidence against another topic.
 */
const COUNTRY_GROUP_HEADS = new Set(['Ukraine', 'Russia', 'ukrainisch*', 'Україн*', 'Украин*', 'Russie', 'Ucrania']);

/** Whether a war-word key only names one of the two countries or their people. */
export function isCountryWord(key: number): boolean {
  return key < WAR_WORDS.length && COUNTRY_GROUP_HEADS.has((WAR_WORDS[key] as readonly string[])[0] as string);
}

export interface PageContext {
  /** 0: the page does not talk about the war; 1: it clearly does. */
  warScore: number;
  /** Ids of the entities matched on the page through an unambiguous form. */
  confirmed?: readonly string[];
  /** How many of those are the war's own (not general names). */
  warNames?: number;
  /** Distinct war words (WAR_WORDS groups) on the page. */
  warWords?: number;
  /** How many of those only name the two countries or their people (`isCountryWord`). */
  countryWords?: number;
  /** The page's language (primary subtag, "en", "uk", "ru", "de"…), when known. */
  lang?: string;
}

export const NEUTRAL_PAGE: PageContext = { warScore: 0.5 };

/** Whether a page marks general names (see "General names" above). */
export function marksGeneralNames(page: PageContext): boolean {
  const names = page.warNames ?? 0;
  return names >= GENERAL_MIN_NAMES || (names >= GENERAL_MIN_NAMES - 1 && (page.warWords ?? 0) >= GENERAL_MIN_WORDS);
}

export function warScore(distinctConfidentEntities: number, distinctWarWords = 0): number {
  const score = distinctConfidentEntities * WAR_SCORE_PER_ENTITY + distinctWarWords * WAR_SCORE_PER_WORD;
  return Math.min(1, Math.round(score * 1000) / 1000);
}

/** @deprecated kept for callers of the first version; use `warScore`. */
export function warScoreFromEntityCount(distinctConfidentEntities: number): number {
  return warScore(distinctConfidentEntities, 0);
}

type CuePosition = 'near' | 'before' | 'after' | 'quoted' | 'topic';

export interface CompiledCue {
  position: CuePosition;
  word: string;
  prefix: boolean;
}

export interface CompiledCues {
  support: CompiledCue[];
  against: CompiledCue[];
}

/** The page topics a compiled cue list names (`#sport`). */
export function topicsOf(cues: readonly CompiledCue[]): PageTopic[] {
  return cues.filter((cue) => cue.position === 'topic').map((cue) => cue.word as PageTopic);
}

export function compileCues(cues: Cues | undefined): CompiledCues | undefined {
  if (!cues || (!cues.support?.length && !cues.against?.length)) return undefined;
  return {
    support: (cues.support ?? []).map(compileCue),
    against: (cues.against ?? []).map(compileCue),
  };
}

export function compileCue(cue: string): CompiledCue {
  let text = cue.trim();
  if (text === '@quoted') return { position: 'quoted', word: '', prefix: false };
  if (text.startsWith('#')) {
    // A page topic (page-topics.ts): read by the page step, never in the mention's window.
    const topic = text.slice(1);
    if (!isPageTopic(topic)) throw new Error(`Unknown page topic "${cue}"`);
    return { position: 'topic', word: topic, prefix: false };
  }
  if (text.startsWith('@')) throw new Error(`Unknown special cue "${cue}" (known: @quoted)`);
  let position: CuePosition = 'near';
  if (text.startsWith('<')) {
    position = 'before';
    text = text.slice(1);
  } else if (text.startsWith('>')) {
    position = 'after';
    text = text.slice(1);
  }
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  const word = foldText(text);
  // The cue window splits words at anything but letters and digits (an apostrophe between letters
  // stays), so a cue with a space, hyphen or dot could never hit.
  const words = foldedWords(word);
  if (words.length !== 1 || words[0] !== word) throw new Error(`A cue is one word of letters and digits: "${cue}"`);
  return { position, word, prefix };
}

/** The words around one mention, folded, and whether the mention is in quotation marks. */
export interface CueWindow {
  before: string[];
  after: string[];
  quoted: boolean;
}

/** Opening and closing quotation marks of the languages we read (straight, curly, guillemets, „“). */
const QUOTES = new Set([0x22, 0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2039, 0x203a, 0x300c, 0x300d]);

function isQuoted(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && classOf(text.charCodeAt(before)) === CharClass.Ignorable) before--;
  let after = end;
  while (after < text.length && classOf(text.charCodeAt(after)) === CharClass.Ignorable) after++;
  return before >= 0 && after < text.length &&
    QUOTES.has(text.charCodeAt(before)) && QUOTES.has(text.charCodeAt(after));
}

/**
 * A sentence ends at . ! ? … (and closing quotes or brackets after them) followed by white space
 * and a capital letter, digit or opening quote; a blank line ends a paragraph. Abbreviations before
 * a name ("Gen. Surovikin") end the window early, which only narrows it.
 */
const SENTENCE_END = /[.!?…]["'”»’)\]]*\s+(?=[\p{Lu}\p{N}"“„«'‘])|\n\s*\n/gu;

export function cueWindow(text: string, start: number, end: number): CueWindow {
  const windowStart = Math.max(0, start - WINDOW_CHARS);
  let beforeText = text.slice(windowStart, start);
  let cutBefore = windowStart > 0;
  let sentenceStart = 0;
  // The mention's own first letter is read too: a sentence that ends right before it ends there.
  const scanned = beforeText + text.charAt(start);
  SENTENCE_END.lastIndex = 0;
  for (let found = SENTENCE_END.exec(scanned); found; found = SENTENCE_END.exec(scanned)) {
    sentenceStart = found.index + found[0].length;
  }
  if (sentenceStart > 0) {
    beforeText = beforeText.slice(sentenceStart);
    cutBefore = false;
  }
  const before = foldedWords(beforeText);
  // The first word may be cut by the window: drop it unless the window starts a sentence or the text.
  if (cutBefore && before.length > 0) before.shift();
  let afterText = text.slice(end, end + WINDOW_CHARS);
  let cutAfter = end + WINDOW_CHARS < text.length;
  SENTENCE_END.lastIndex = 0;
  const sentenceEnd = SENTENCE_END.exec(afterText);
  if (sentenceEnd) {
    afterText = afterText.slice(0, sentenceEnd.index + 1);
    cutAfter = false;
  }
  const after = foldedWords(afterText);
  if (cutAfter && after.length > 0) after.pop();
  // A possessive or elided ending glued to the mention ("Moscow’s") is not the next word.
  if (after.length > 0 && /^[\u0027\u2019]/u.test(text.slice(end, end + 1)) && after[0] !== undefined && after[0].length <= 2) {
    after.shift();
  }
  return {
    before: before.slice(-CUE_WINDOW_WORDS),
    after: after.slice(0, CUE_WINDOW_WORDS),
    quoted: isQuoted(text, start, end),
  };
}

function wordMatches(cue: CompiledCue, word: string | undefined): boolean {
  if (word === undefined) return false;
  if (cue.prefix) return word.startsWith(cue.word);
  if (word === cue.word) return true;
  const extra = word.length - cue.word.length;
  return (extra === 1 && word.endsWith('s') || extra === 2 && word.endsWith("'s")) && word.startsWith(cue.word);
}

export function cueHits(cue: CompiledCue, window: CueWindow): boolean {
  return cueDistance(cue, window) > 0;
}

/**
 * How close a cue hits: 0 when it does not, 1 for a positional cue (`<word`, `>word`, `@quoted`)
 * or a word right beside the mention, n for the nth word away. Topic cues never hit here.
 */
export function cueDistance(cue: CompiledCue, window: CueWindow): number {
  switch (cue.position) {
    case 'quoted':
      return window.quoted ? 1 : 0;
    case 'topic':
      return 0;
    case 'before':
      return wordMatches(cue, window.before[window.before.length - 1]) ? 1 : 0;
    case 'after':
      return wordMatches(cue, window.after[0]) ? 1 : 0;
    default: {
      let best = 0;
      for (let k = window.before.length - 1, distance = 1; k >= 0; k--, distance++) {
        if (wordMatches(cue, window.before[k])) {
          best = distance;
          break;
        }
      }
      for (let k = 0; k < window.after.length && (best === 0 || k + 1 < best); k++) {
        if (wordMatches(cue, window.after[k])) {
          best = k + 1;
          break;
        }
      }
      return best;
    }
  }
}

/** What `candidateConfidence` knows about one candidate besides its cues. */
export interface CandidateFacts {
  /** The alias's own confidence. */
  base: number;
  /** The alias's language, if it is marked with one. */
  lang?: string;
  /** The entity was matched unambiguously elsewhere on the page. */
  confirmed?: boolean;
}

/** One candidate's score, with what went into it (the page step reads the parts). */
export interface CandidateScore {
  /** The alias's confidence plus the cue terms, before the page (not clamped). */
  local: number;
  /** `local` plus the page terms (ambiguous forms only), not clamped: candidates are compared on it. */
  score: number;
  /** `score` clamped to [0, 1]: the mention's confidence. */
  confidence: number;
  /** Distinct support cues that hit. */
  supportHits: number;
  /** An against cue hit. */
  against: boolean;
  /** A support cue hit within STRONG_CUE_WORDS words (or a positional one). */
  strongSupport: boolean;
  /** An against cue hit within STRONG_CUE_WORDS words (or a positional one). */
  strongAgainst: boolean;
  /** A positional against cue hit (`<word`, `>word`, `@quoted`): "chicken Kiev", „Kursk“ in quotes. */
  againstBeside: boolean;
  /** How close the nearest strong support cue is, in words (1: beside the mention, or positional); 0: none. */
  supportDistance: number;
  /**
   * The alias's confidence plus the strong cues only (not clamped): what the cues right beside the
   * mention say, when far cues disagree ("in the city of Kursk, after which the submarine was named").
   * When a positional cue supports the sense, only a positional cue against it is subtracted.
   */
  strongLocal: number;
}

/** Score of one candidate sense of a match, following the rules at the top of this file. */
export function candidateScore(
  facts: CandidateFacts | number,
  cues: CompiledCues | undefined,
  window: CueWindow | undefined,
  page: PageContext,
): CandidateScore {
  const { base, lang, confirmed } = typeof facts === 'number' ? { base: facts } as CandidateFacts : facts;
  let confidence = base;
  let supportHits = 0;
  let against = false;
  let strongSupport = false;
  let strongAgainst = false;
  let againstBeside = false;
  let supportDistance = 0;
  let supportBeside = false;
  let strongHits = 0;
  if (cues && window) {
    for (const cue of cues.support) {
      const distance = cueDistance(cue, window);
      if (distance === 0) continue;
      supportHits++;
      if (distance <= STRONG_CUE_WORDS || cue.position !== 'near') {
        strongSupport = true;
        strongHits++;
        if (supportDistance === 0 || distance < supportDistance) supportDistance = distance;
        if (cue.position !== 'near') supportBeside = true;
      }
    }
    // Quotation marks make a name the name of a thing (a unit, a ship): where they speak for this sense,
    // the word right before or after cannot make it a place ("служив в «Азові»").
    const quotedName = window.quoted && cues.support.some((cue) => cue.position === 'quoted');
    for (const cue of cues.against) {
      if (quotedName && (cue.position === 'before' || cue.position === 'after')) continue;
      const distance = cueDistance(cue, window);
      if (distance === 0) continue;
      against = true;
      if (distance <= STRONG_CUE_WORDS || cue.position !== 'near') strongAgainst = true;
      if (cue.position !== 'near') againstBeside = true;
    }
    if (supportHits > 0) confidence += Math.min(SUPPORT_MAX, SUPPORT_BONUS + SUPPORT_EXTRA * (supportHits - 1));
    if (against) confidence -= AGAINST_PENALTY;
  }
  const local = round(confidence);
  let strongLocal = base;
  if (strongHits > 0) strongLocal += Math.min(SUPPORT_MAX, SUPPORT_BONUS + SUPPORT_EXTRA * (strongHits - 1));
  // A positional cue for the sense (the quotes of «Азова», "in" before "Kursk") outweighs words against
  // it nearby; only a positional cue against counts then.
  if (supportBeside ? againstBeside : strongAgainst) strongLocal -= AGAINST_PENALTY;
  if (base < AMBIGUOUS_BELOW) {
    confidence += PAGE_WEIGHT * (page.warScore - 0.5);
    if (confirmed) confidence += CONFIRMED_BONUS;
    if (lang && page.lang) confidence += lang === page.lang ? LANG_BONUS : -LANG_BONUS;
  }
  const score = round(confidence);
  return {
    local, score, confidence: Math.max(0, Math.min(1, score)), supportHits, against, strongSupport, strongAgainst, againstBeside,
    supportDistance, strongLocal: round(strongLocal),
  };
}

/** Confidence of one candidate sense of a match (`candidateScore(…).confidence`). */
export function candidateConfidence(
  facts: CandidateFacts | number,
  cues: CompiledCues | undefined,
  window: CueWindow | undefined,
  page: PageContext,
): number {
  return candidateScore(facts, cues, window, page).confidence;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
