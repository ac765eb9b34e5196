/**
 * Reads the page's visible prose as "text runs": the text of consecutive text nodes that flow as one
 * line of reading (inline elements such as <b>, <a>, <span> do not break a run; block elements,
 * <br>, images and form controls do). A mention may therefore cross element boundaries
 * (`<b>Sergei</b> Surovikin`), and offsets in a run map back to (text node, offset) pairs.
 *
 * Skipped while reading: <script>, <style>, <noscript>, <template>, <textarea>, inputs and
 * selects, SVG text, editable content, elements with the `hidden` attribute, and anything marked
 * `data-backstory-ui`. Text hidden by CSS (`display: none`, `visibility: hidden`,
 * `content-visibility: hidden`) is read but its matches are dropped (`isRenderedText`): asking the
 * browser about visibility costs a style lookup, so it is asked only where a name was found.
 */

/** Elements whose subtree is never read. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'MATH', 'CODE', 'PRE', 'KBD', 'SAMP',
  'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Elements that flow inside a line: they do not end a run. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'LABEL',
  'MARK', 'Q', 'RUBY', 'RB', 'RT', 'S', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME',
  'TT', 'U', 'VAR', 'WBR', 'NOBR', 'BIG',
]);

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface TextRun {
  /** The run's text: its nodes' data, concatenated. */
  text: string;
  nodes: Text[];
  /** Offset in `text` at which each node starts. */
  starts: number[];
}

/** True when an element's own subtree must not be read. */
export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (element.namespaceURI === SVG_NS) return true;
  if (element.hasAttribute('data-backstory-ui')) return true;
  // The attribute, not `isContentEditable`, which would make the browser compute styles.
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (element.hasAttribute('hidden')) return true;
  return false;
}

/**
 * True when the text directly inside `element` is rendered. Uses `checkVisibility` (one style
 * lookup) where the browser has it; an element with no layout box (display: none on it or an
 * ancestor) or `visibility: hidden` is not rendered.
 */
export function isRenderedElement(element: Element | null): boolean {
  if (!element) return false;
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check !== 'function') return true;
  return check.call(element, { visibilityProperty: true, checkVisibilityCSS: true, contentVisibilityAuto: false });
}

/** True when every text node in `nodes` is rendered (each parent element checked once). */
export function isRenderedText(nodes: readonly Text[]): boolean {
  let last: Element | null = null;
  for (const node of nodes) {
    const parent = node.parentElement;
    if (parent === last) continue;
    if (!isRenderedElement(parent)) return false;
    last = parent;
  }
  return true;
}

/** The nearest ancestor that is not inline: the element whose line the text flows in. */
function blockOf(node: Node): Node | null {
  let element = node.parentElement;
  while (element && INLINE_TAGS.has(element.tagName)) element = element.parentElement;
  return element;
}

/**
 * Reads the text runs under a root element piece by piece: `read(shouldStop)` walks until
 * `shouldStop()` says the time slice is used up and returns the runs completed so far, so a huge page
 * is read across several tasks. `done` turns true when the whole subtree has been read.
 */
export class TextRunReader {
  done = false;
  private readonly walker: TreeWalker;
  private current: TextRun | undefined;
  private currentBlock: Node | null = null;
  private pending: TextRun[] = [];

  constructor(readonly root: Element) {
    const doc = root.ownerDocument;
    // No filter callback: calling into JavaScript for each of a huge page's nodes costs more than
    // the walk itself. Skipped subtrees are stepped over in `next`.
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // A root inside a skipped subtree (a mutation inside <script> or an editor) has nothing to read.
    for (let element: Element | null = root; element; element = element.parentElement) {
      if (isSkippedElement(element)) {
        this.done = true;
        break;
      }
    }
  }

  /** Read until `shouldStop()` is true (checked every 16 nodes) or the subtree ends. */
  read(shouldStop: () => boolean = () => false): TextRun[] {
    let count = 0;
    while (!this.done) {
      const node = this.next();
      if (!node) {
        this.flush();
        this.done = true;
        break;
      }
      this.visit(node);
      if ((++count & 15) === 0 && shouldStop()) break;
    }
    const runs = this.pending;
    this.pending = [];
    return runs;
  }

  /** The next node in document order, stepping over skipped elements and their subtrees. */
  private next(): Node | null {
    const walker = this.walker;
    let node = walker.nextNode();
    while (node && node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)) {
      node = null;
      // After the subtree: the next sibling of the element or of its nearest ancestor that has one.
      while (!node) {
        node = walker.nextSibling();
        if (!node && !walker.parentNode()) return null;
      }
    }
    return node;
  }

  private flush(): void {
    if (this.current && /\S/u.test(this.current.text)) this.pending.push(this.current);
    this.current = undefined;
    this.currentBlock = null;
  }

  private visit(node: Node): void {
    if (node.nodeType !== Node.TEXT_NODE) {
      // Elements are visited only to notice run breaks (block elements, <br>, images…).
      if (!INLINE_TAGS.has((node as Element).tagName)) this.flush();
      return;
    }
    const text = node as Text;
    const block = blockOf(text);
    if (this.current && block !== this.currentBlock) this.flush();
    if (!this.current) {
      if (!/\S/u.test(text.data)) return;
      this.current = { text: '', nodes: [], starts: [] };
      this.currentBlock = block;
    }
    this.current.starts.push(this.current.text.length);
    this.current.nodes.push(text);
    this.current.text += text.data;
  }
}

/** Every text run under `root`, in one go (tests, small subtrees). */
export function readTextRuns(root: Element): TextRun[] {
  return new TextRunReader(root).read();
}

/** The element to re-read when `node` changed: its nearest non-inline ancestor. */
export function rescanRootOf(node: Node): Element | null {
  if (node.nodeType === Node.ELEMENT_NODE && !INLINE_TAGS.has((node as Element).tagName)) return node as Element;
  return blockOf(node) as Element | null;
}

/** Position in a run → the text node and offset inside it (binary search over `starts`). */
export function locate(run: TextRun, offset: number, preferEnd = false): { node: Text; offset: number } {
  let low = 0;
  let high = run.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const start = run.starts[middle] as number;
    if (start < offset || (!preferEnd && start === offset)) low = middle;
    else high = middle - 1;
  }
  const node = run.nodes[low] as Text;
  return { node, offset: offset - (run.starts[low] as number) };
}

/** A DOM Range for [start, end) of a run. */
export function rangeFor(doc: Document, run: TextRun, start: number, end: number): Range {
  const from = locate(run, start);
  const to = locate(run, end, true);
  const range = doc.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
