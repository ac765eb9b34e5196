/**
 * From a pointer position to the mention under it. Highlights are not elements, so there is no
 * event target to read: the caret position at the point gives a text node and offset
 * (`caretPositionFromPoint`, or `caretRangeFromPoint` in older Chrome), the mentions covering that
 * node are candidates, and the point must lie inside one of the candidate's client rects (the caret
 * API answers with the nearest text even when the pointer is in a margin).
 */
import { type PageMention, type PageMentions, liveRange } from './page-mentions';

/** Extra pixels around a mention's rects that still count as on it. */
const SLOP_PX = 1;

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  const withPosition = doc as Document & { caretPositionFromPoint?: Document['caretPositionFromPoint'] };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const withRange = doc as Document & { caretRangeFromPoint?: Document['caretRangeFromPoint'] };
  if (typeof withRange.caretRangeFromPoint === 'function') {
    const range = withRange.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
  }
  return undefined;
}

export function rectsContain(rects: Iterable<DOMRect>, x: number, y: number, slop = SLOP_PX): boolean {
  for (const rect of rects) {
    if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop) return true;
  }
  return false;
}

/** The painted mention under the viewport point (x, y), if any, and the rect under the point. */
export function mentionAtPoint(
  doc: Document,
  mentions: PageMentions,
  x: number,
  y: number,
): { mention: PageMention; rect: DOMRect } | undefined {
  const caret = caretAt(doc, x, y);
  if (!caret) return undefined;
  const candidates = new Set<PageMention>(mentions.at(caret.node));
  // At the very start or end of a text node the caret may report the neighbouring node.
  if (candidates.size === 0 && caret.node.nodeType === Node.ELEMENT_NODE) {
    const child = caret.node.childNodes[caret.offset] ?? caret.node.childNodes[caret.offset - 1];
    if (child) for (const mention of mentions.at(child)) candidates.add(mention);
  }
  for (const mention of candidates) {
    const rects = liveRange(doc, mention).getClientRects();
    for (const rect of rects) {
      if (rectsContain([rect], x, y)) return { mention, rect };
    }
  }
  return undefined;
}

/** The painted mention touching the reader's selection (or caret), if any. */
export function mentionAtSelection(doc: Document, mentions: PageMentions): PageMention | undefined {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  for (const node of [range.startContainer, range.endContainer]) {
    for (const mention of mentions.at(node)) {
      if (liveRange(doc, mention).intersectsNode(node) && rangesTouch(liveRange(doc, mention), range)) return mention;
    }
  }
  return undefined;
}

function rangesTouch(a: Range, b: Range): boolean {
  return a.compareBoundaryPoints(Range.START_TO_END, b) >= 0 && a.compareBoundaryPoints(Range.END_TO_START, b) <= 0;
}

/**
 * The next painted mention on screen in reading order, after `after` when given (so pressing the
 * shortcut again walks through the mentions in view), wrapping around to the first.
 */
export function nextMentionOnScreen(doc: Document, mentions: PageMentions, after?: PageMention): PageMention | undefined {
  const height = doc.defaultView?.innerHeight ?? 0;
  const width = doc.defaultView?.innerWidth ?? 0;
  const visible: { mention: PageMention; top: number; left: number }[] = [];
  for (const mention of mentions.paintedMentions()) {
    const rect = liveRange(doc, mention).getClientRects()[0];
    if (!rect || rect.bottom <= 0 || rect.top >= height || rect.right <= 0 || rect.left >= width) continue;
    visible.push({ mention, top: Math.round(rect.top), left: rect.left });
  }
  visible.sort((a, b) => a.top - b.top || a.left - b.left);
  if (visible.length === 0) return undefined;
  const index = after ? visible.findIndex((entry) => entry.mention === after) : -1;
  return (visible[index + 1] ?? visible[0])?.mention;
}
