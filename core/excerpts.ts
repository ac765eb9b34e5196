/**
 * Splits an article's blocks into excerpts: passages of one to a few sentences that read well on
 * their own in a hover card (MIN_CHARS–MAX_CHARS, aiming for TARGET_CHARS).
 *
 * - A paragraph that fits is one excerpt.
 * - A long paragraph is cut at sentence ends into balanced pieces.
 * - A short paragraph is joined with the next ones of the same section (a list's lead-in "…include:"
 *   joins its first item), or with the previous excerpt; alone and too short, it is dropped.
 * - Headings are never excerpts; they close a section.
 * Each block may carry anchors (e.g. a video timestamp written after a sentence); an excerpt takes
 * the first anchor placed inside or right after its first sentence.
 */

export const MIN_CHARS = 150;
export const TARGET_CHARS = 420;
export const MAX_CHARS = 600;

export interface Anchor<T> {
  /** Offset in the block's text at which the anchor was written. */
  offset: number;
  value: T;
}

export interface Block<T = never> {
  kind: 'paragraph' | 'heading' | 'list-item';
  text: string;
  anchors?: Anchor<T>[];
}

export interface Passage<T = never> {
  text: string;
  anchor?: T;
}

interface Piece<T> {
  text: string;
  anchor?: T;
  /** Whether the piece may start a new excerpt after a short one (false for a lead-in). */
  section: number;
}

const segmenterCache = new Map<string, Intl.Segmenter>();

/** Sentences of a text, with their start offsets. Uses Intl.Segmenter (handles "U.S. officials"). */
export function sentences(text: string, lang = 'en'): { text: string; start: number }[] {
  let segmenter = segmenterCache.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenterCache.set(lang, segmenter);
  }
  const result: { text: string; start: number }[] = [];
  for (const segment of segmenter.segment(text)) {
    const trimmed = segment.segment.trim();
    if (!trimmed) continue;
    const start = segment.index + segment.segment.indexOf(trimmed);
    // ICU breaks after "No." or an initial: glue a fragment under 20 characters to its sentence.
    const previous = result[result.length - 1];
    if (previous && previous.text.length < 20 && !/[.!?…]["”»’)]?$/u.test(previous.text)) {
      previous.text = text.slice(previous.start, start + trimmed.length);
      continue;
    }
    result.push({ text: trimmed, start });
  }
  return result;
}

function anchorFor<T>(anchors: Anchor<T>[] | undefined, start: number, end: number): T | undefined {
  if (!anchors?.length) return undefined;
  const inside = anchors.find((anchor) => anchor.offset >= start && anchor.offset <= end);
  return (inside ?? anchors.find((anchor) => anchor.offset >= start))?.value;
}

/** Cut a long text at sentence ends into pieces of about equal length, each ≤ MAX_CHARS if possible. */
function cutLong<T>(text: string, anchors: Anchor<T>[] | undefined, lang: string, section: number): Piece<T>[] {
  const parts = sentences(text, lang);
  const count = Math.max(1, Math.ceil(text.length / TARGET_CHARS));
  const goal = text.length / count;
  const pieces: Piece<T>[] = [];
  let start = 0;
  let end = 0;
  for (const sentence of parts) {
    const sentenceEnd = sentence.start + sentence.text.length;
    const length = end - start;
    const withSentence = sentenceEnd - start;
    if (length > 0 && (withSentence > MAX_CHARS || (length >= goal * 0.8 && withSentence > goal * 1.15))) {
      pieces.push({ text: text.slice(start, end).trim(), anchor: anchorFor(anchors, start, end), section });
      start = sentence.start;
    }
    end = sentenceEnd;
  }
  if (end > start) pieces.push({ text: text.slice(start, end).trim(), anchor: anchorFor(anchors, start, end), section });
  return pieces;
}

export function splitIntoPassages<T = never>(blocks: readonly Block<T>[], lang = 'en'): Passage<T>[] {
  const pieces: Piece<T>[] = [];
  let section = 0;
  for (const block of blocks) {
    const text = block.text.trim();
    if (!text) continue;
    if (block.kind === 'heading') {
      section++;
      continue;
    }
    if (text.length > MAX_CHARS) pieces.push(...cutLong(text, block.anchors, lang, section));
    else pieces.push({ text, anchor: anchorFor(block.anchors, 0, text.length), section });
  }

  const passages: (Passage<T> & { section: number })[] = [];
  let pending: (Passage<T> & { section: number }) | undefined;
  for (const piece of pieces) {
    const joined = pending ? `${pending.text} ${piece.text}` : '';
    if (pending && pending.section === piece.section && joined.length <= MAX_CHARS &&
        (pending.text.length < MIN_CHARS || pending.text.endsWith(':'))) {
      pending = { text: joined, anchor: pending.anchor ?? piece.anchor, section: piece.section };
      continue;
    }
    if (pending) passages.push(pending);
    pending = { ...piece };
  }
  if (pending) passages.push(pending);

  // Short leftovers: join the previous passage of the same section, or drop them.
  const result: Passage<T>[] = [];
  let previous: (Passage<T> & { section: number }) | undefined;
  for (const passage of passages) {
    if (passage.text.length >= MIN_CHARS) {
      result.push(passage);
      previous = passage;
      continue;
    }
    if (previous && previous.section === passage.section && previous.text.length + passage.text.length + 1 <= MAX_CHARS) {
      previous.text = `${previous.text} ${passage.text}`;
      continue;
    }
    // Keep a short passage only if it is a complete sentence of some substance.
    if (passage.text.length >= 80 && /[.!?”"»]$/u.test(passage.text)) {
      result.push(passage);
      previous = passage;
    }
  }
  return result.map(({ text, anchor }) => (anchor === undefined ? { text } : { text, anchor }));
}
