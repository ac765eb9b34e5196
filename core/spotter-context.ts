/**
 * How the spotter decides between senses of an ambiguous alias and how sure it is of a mention.
 *
 * A match found in the text carries one or more candidates (entity + alias). Each candidate starts
 * from its alias's `confidence` (1 for a distinctive name, less for a form that is also a common
 * word, a shared surname, a city that is also a river) and is then adjusted:
 *
 * 1. Cues of the entity, looked up in the words around the mention (six words either side):
 *    any `support` cue adds SUPPORT_BONUS, any `against` cue subtracts AGAINST_PENALTY.
 *    A cue `word` matches a word in the window, `word*` a word starting with it, `<word` only the
 *    word right before the mention and `>word` only the word right after.
 * 2. The page as a whole: only for ambiguous aliases (base confidence below AMBIGUOUS_BELOW), the
 *    page's war score w (0–1) adds PAGE_WEIGHT × w − PAGE_WEIGHT / 2. The war score grows with the
 *    number of distinct entities found on the page through unambiguous aliases: a page naming
 *    Zelensky, Kharkiv and NATO talks about the war; a tennis report naming only "Medvedev" does not.
 *
 * The candidate with the highest result wins; a mention is kept when that is at least
 * MIN_CONFIDENCE. Confidence is clamped to [0, 1].
 */
import { foldText, foldedWords } from './text-fold';
import type { Cues } from './gazetteer';

export const MIN_CONFIDENCE = 0.5;
export const AMBIGUOUS_BELOW = 0.9;
export const SUPPORT_BONUS = 0.3;
export const AGAINST_PENALTY = 0.5;
export const PAGE_WEIGHT = 0.3;
/** Each distinct unambiguous entity on the page adds this much to the war score. */
export const WAR_SCORE_PER_ENTITY = 0.35;
export const CUE_WINDOW_WORDS = 6;
/** Characters read on each side of a mention to find the cue window. */
const WINDOW_CHARS = 90;

export interface PageContext {
  /** 0: the page does not talk about the war; 1: it clearly does. */
  warScore: number;
}

export const NEUTRAL_PAGE: PageContext = { warScore: 0.5 };

export function warScoreFromEntityCount(distinctConfidentEntities: number): number {
  return Math.min(1, distinctConfidentEntities * WAR_SCORE_PER_ENTITY);
}

type CuePosition = 'near' | 'before' | 'after';

export interface CompiledCue {
  position: CuePosition;
  word: string;
  prefix: boolean;
}

export interface CompiledCues {
  support: CompiledCue[];
  against: CompiledCue[];
}

export function compileCues(cues: Cues | undefined): CompiledCues | undefined {
  if (!cues || (!cues.support?.length && !cues.against?.length)) return undefined;
  return {
    support: (cues.support ?? []).map(compileCue),
    against: (cues.against ?? []).map(compileCue),
  };
}

function compileCue(cue: string): CompiledCue {
  let text = cue.trim();
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
  if (!word || /\s/u.test(word)) throw new Error(`A cue is one word: "${cue}"`);
  return { position, word, prefix };
}

/** The words around one mention, folded. */
export interface CueWindow {
  before: string[];
  after: string[];
}

export function cueWindow(text: string, start: number, end: number): CueWindow {
  const before = foldedWords(text.slice(Math.max(0, start - WINDOW_CHARS), start));
  // The first word may be cut by the window: drop it unless the window reached the text start.
  if (start > WINDOW_CHARS && before.length > 0) before.shift();
  const after = foldedWords(text.slice(end, end + WINDOW_CHARS));
  if (end + WINDOW_CHARS < text.length && after.length > 0) after.pop();
  return {
    before: before.slice(-CUE_WINDOW_WORDS),
    after: after.slice(0, CUE_WINDOW_WORDS),
  };
}

function wordMatches(cue: CompiledCue, word: string | undefined): boolean {
  if (word === undefined) return false;
  const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
  return cue.prefix ? bare.startsWith(cue.word) : bare === cue.word || word === cue.word;
}

export function cueHits(cue: CompiledCue, window: CueWindow): boolean {
  switch (cue.position) {
    case 'before':
      return wordMatches(cue, window.before[window.before.length - 1]);
    case 'after':
      return wordMatches(cue, window.after[0]);
    default:
      return window.before.some((word) => wordMatches(cue, word)) ||
        window.after.some((word) => wordMatches(cue, word));
  }
}

/** Confidence of one candidate sense of a match, following the rules at the top of this file. */
export function candidateConfidence(
  base: number,
  cues: CompiledCues | undefined,
  window: CueWindow | undefined,
  page: PageContext,
): number {
  let confidence = base;
  if (cues && window) {
    if (cues.support.some((cue) => cueHits(cue, window))) confidence += SUPPORT_BONUS;
    if (cues.against.some((cue) => cueHits(cue, window))) confidence -= AGAINST_PENALTY;
  }
  if (base < AMBIGUOUS_BELOW) confidence += PAGE_WEIGHT * page.warScore - PAGE_WEIGHT / 2;
  return Math.max(0, Math.min(1, Math.round(confidence * 1000) / 1000));
}
