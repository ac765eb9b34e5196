/**
 * Paints marks on mentions. With the CSS Custom Highlight API (Chrome 105+, Safari 17.2+,
 * Firefox 140+) no text is wrapped: ranges are registered under three highlight names and styled by
 * `::highlight()` rules in highlight.css, so the page's DOM and layout never change and frameworks
 * that re-render are not disturbed. Without the API, each mention is wrapped in a
 * `<mark data-backstory-mark>` that is removed cleanly (text nodes re-joined) on `clear()`.
 *
 * A mark is drawn *light* when its entity has nothing behind it but the description and key dates
 * (no excerpts yet): the reader sees before hovering which marks lead to more.
 */

export const MENTION_HIGHLIGHT = 'backstory-mention';
export const LIGHT_HIGHLIGHT = 'backstory-mention-light';
export const ACTIVE_HIGHLIGHT = 'backstory-active';
export const MARK_ATTRIBUTE = 'data-backstory-mark';
export const LIGHT_ATTRIBUTE = 'data-backstory-light';

export interface Marker {
  /** `highlight`: CSS Custom Highlight API; `wrap`: <mark> elements. */
  readonly mode: 'highlight' | 'wrap';
  /** Paint a mention (light: no excerpts behind it); returns the range that now covers it (the same one, or the wrapper's contents). */
  add(range: AbstractRange, light?: boolean): AbstractRange;
  /** Draw a painted mention light or in full. */
  setLight(range: AbstractRange, light: boolean): void;
  remove(range: AbstractRange): void;
  /** Emphasise one mention (the one whose card is open), or none. */
  setActive(range: AbstractRange | undefined): void;
  clear(): void;
  /** The number of marks painted. */
  readonly size: number;
}

interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}

function highlightRegistry(doc: Document): HighlightRegistryLike | undefined {
  const view = doc.defaultView as (Window & { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: unknown }) | null;
  if (!view?.CSS?.highlights || typeof view.Highlight !== 'function') return undefined;
  return view.CSS.highlights;
}

export function createMarker(doc: Document): Marker {
  const registry = highlightRegistry(doc);
  return registry ? new HighlightMarker(doc, registry) : new WrapMarker(doc);
}

class HighlightMarker implements Marker {
  readonly mode = 'highlight' as const;
  private readonly mentions: Highlight;
  private readonly light: Highlight;
  private readonly active: Highlight;
  /** Whether the highlights are in the page's registry (they are taken out on clear()). */
  private registered = false;

  constructor(doc: Document, private readonly registry: HighlightRegistryLike) {
    const HighlightClass = (doc.defaultView as unknown as { Highlight: typeof Highlight }).Highlight;
    this.mentions = new HighlightClass();
    this.light = new HighlightClass();
    this.active = new HighlightClass();
    // The hovered mention is painted over the others.
    this.active.priority = 1;
  }

  private register(): void {
    if (this.registered) return;
    this.registry.set(MENTION_HIGHLIGHT, this.mentions);
    this.registry.set(LIGHT_HIGHLIGHT, this.light);
    this.registry.set(ACTIVE_HIGHLIGHT, this.active);
    this.registered = true;
  }

  get size(): number {
    return this.mentions.size + this.light.size;
  }

  add(range: AbstractRange, light = false): AbstractRange {
    this.register();
    (light ? this.light : this.mentions).add(range);
    return range;
  }

  setLight(range: AbstractRange, light: boolean): void {
    if (!this.mentions.has(range) && !this.light.has(range)) return;
    (light ? this.mentions : this.light).delete(range);
    (light ? this.light : this.mentions).add(range);
  }

  remove(range: AbstractRange): void {
    this.mentions.delete(range);
    this.light.delete(range);
    this.active.delete(range);
  }

  setActive(range: AbstractRange | undefined): void {
    this.active.clear();
    if (range) this.active.add(range);
  }

  clear(): void {
    this.mentions.clear();
    this.light.clear();
    this.active.clear();
    this.registry.delete(MENTION_HIGHLIGHT);
    this.registry.delete(LIGHT_HIGHLIGHT);
    this.registry.delete(ACTIVE_HIGHLIGHT);
    this.registered = false;
  }
}

/**
 * Fallback for browsers without the Highlight API: wraps each text-node piece of a range in a
 * <mark>. The returned range spans the wrappers' contents, so hit-testing and positioning work the
 * same way. Wrapping changes the DOM; the scanner ignores mutations of elements carrying
 * MARK_ATTRIBUTE.
 */
class WrapMarker implements Marker {
  readonly mode = 'wrap' as const;
  private readonly wrappers = new Map<AbstractRange, HTMLElement[]>();

  constructor(private readonly doc: Document) {}

  get size(): number {
    return this.wrappers.size;
  }

  add(range: AbstractRange, light = false): AbstractRange {
    const pieces = textPieces(this.doc, range);
    const marks: HTMLElement[] = [];
    for (const piece of pieces) {
      let node = piece.node;
      if (piece.end < node.data.length) node.splitText(piece.end);
      if (piece.start > 0) node = node.splitText(piece.start);
      const mark = this.doc.createElement('mark');
      mark.setAttribute(MARK_ATTRIBUTE, '');
      if (light) mark.setAttribute(LIGHT_ATTRIBUTE, '');
      node.parentNode?.insertBefore(mark, node);
      mark.appendChild(node);
      marks.push(mark);
    }
    const wrapped = this.doc.createRange();
    const first = marks[0];
    const last = marks[marks.length - 1];
    if (first && last) {
      wrapped.setStart(first, 0);
      wrapped.setEnd(last, last.childNodes.length);
    }
    this.wrappers.set(wrapped, marks);
    return wrapped;
  }

  setLight(range: AbstractRange, light: boolean): void {
    for (const mark of this.wrappers.get(range) ?? []) {
      if (light) mark.setAttribute(LIGHT_ATTRIBUTE, '');
      else mark.removeAttribute(LIGHT_ATTRIBUTE);
    }
  }

  remove(range: AbstractRange): void {
    const marks = this.wrappers.get(range);
    if (!marks) return;
    this.wrappers.delete(range);
    for (const mark of marks) unwrap(mark);
  }

  setActive(range: AbstractRange | undefined): void {
    for (const [candidate, marks] of this.wrappers) {
      for (const mark of marks) {
        if (candidate === range) mark.setAttribute('data-backstory-active', '');
        else mark.removeAttribute('data-backstory-active');
      }
    }
  }

  clear(): void {
    for (const marks of this.wrappers.values()) for (const mark of marks) unwrap(mark);
    this.wrappers.clear();
  }
}

function unwrap(mark: HTMLElement): void {
  const parent = mark.parentNode;
  if (!parent) return;
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  mark.remove();
  parent.normalize();
}

/** The text-node pieces a range covers, in document order. */
function textPieces(doc: Document, abstract: AbstractRange): { node: Text; start: number; end: number }[] {
  const range = doc.createRange();
  range.setStart(abstract.startContainer, abstract.startOffset);
  range.setEnd(abstract.endContainer, abstract.endOffset);
  const pieces: { node: Text; start: number; end: number }[] = [];
  const startNode = range.startContainer;
  const endNode = range.endContainer;
  if (startNode === endNode && startNode.nodeType === Node.TEXT_NODE) {
    return [{ node: startNode as Text, start: range.startOffset, end: range.endOffset }];
  }
  const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue;
    const start = node === startNode ? range.startOffset : 0;
    const end = node === endNode ? range.endOffset : node.data.length;
    if (end > start) pieces.push({ node, start, end });
  }
  return pieces;
}
