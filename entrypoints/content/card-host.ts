/**
 * Where the hover card lives on the page: a `<backstory-card>` element with a **closed** shadow
 * root, so page CSS cannot restyle the card and page scripts cannot read the reader's excerpts out
 * of it (`element.shadowRoot` is null for them). The element exists only while a card is open, so
 * the page's DOM is untouched the rest of the time. Critical host styles are inline `!important`.
 */
import cardStyles from '../../components/styles.css?inline';

export const CARD_TAG = 'backstory-card';

/** The host's own box: fixed over the page, above everything, hidden until placed. */
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['z-index', '2147483647'],
  ['top', '0'],
  ['left', '0'],
  ['visibility', 'hidden'],
  ['display', 'block'],
  ['contain', 'layout style'],
];

/** One constructed style sheet, shared by every opening of the card. */
let cardSheet: CSSStyleSheet | undefined;
const MARGIN_PX = 8;
const GAP_PX = 6;

export type CardTheme = 'light' | 'dark' | 'auto';

/** Whether the page itself is dark, from the computed background of <body> or <html>. */
export function pageTheme(doc: Document): CardTheme {
  const view = doc.defaultView;
  if (!view) return 'auto';
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const color = view.getComputedStyle(element).backgroundColor;
    const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+))?/u.exec(color);
    if (!match) continue;
    const alpha = match[4] === undefined ? 1 : Number(match[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])].map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2 ? 'dark' : 'light';
  }
  return 'auto';
}

/** Where to put a box of `size` next to `anchor` in a viewport, flipping above when there is no room below. */
export function placeCard(
  anchor: { left: number; top: number; bottom: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number; placement: 'below' | 'above' } {
  const spaceBelow = viewport.height - anchor.bottom - GAP_PX - MARGIN_PX;
  const spaceAbove = anchor.top - GAP_PX - MARGIN_PX;
  const below = size.height <= spaceBelow || spaceBelow >= spaceAbove;
  let top = below ? anchor.bottom + GAP_PX : anchor.top - GAP_PX - size.height;
  top = Math.max(MARGIN_PX, Math.min(top, viewport.height - size.height - MARGIN_PX));
  let left = anchor.left;
  left = Math.max(MARGIN_PX, Math.min(left, viewport.width - size.width - MARGIN_PX));
  return { left: Math.round(left), top: Math.round(top), placement: below ? 'below' : 'above' };
}

/**
 * Style the shadow root with one constructed sheet (not blocked by a page's strict
 * Content-Security-Policy, unlike a <style> element in Chrome). Returns false where the browser
 * refuses: Firefox ESR 140 throws "Accessing from Xray wrapper is not supported" when a content
 * script sets `adoptedStyleSheets` on a page's node (ESR 153 accepts it).
 */
function adoptCardSheet(doc: Document, shadow: ShadowRoot): boolean {
  const Sheet = (doc.defaultView as (Window & { CSSStyleSheet?: typeof CSSStyleSheet }) | null)?.CSSStyleSheet;
  if (!Sheet || !('adoptedStyleSheets' in shadow) || !('replaceSync' in Sheet.prototype)) return false;
  try {
    cardSheet ??= new Sheet();
    if (cardSheet.cssRules.length === 0) cardSheet.replaceSync(cardStyles);
    shadow.adoptedStyleSheets = [cardSheet];
    return true;
  } catch {
    return false;
  }
}

export class CardHost {
  private host: HTMLElement | undefined;
  private root: HTMLElement | undefined;

  constructor(private readonly doc: Document) {}

  get isOpen(): boolean {
    return !!this.host?.isConnected;
  }

  /** The element the card is rendered into, while open. */
  get container(): HTMLElement | undefined {
    return this.host?.isConnected ? this.root : undefined;
  }

  /** Create the host (once per opening) and return the element to render the card into. */
  open(theme: CardTheme): HTMLElement {
    if (this.host?.isConnected && this.root) {
      this.applyTheme(theme);
      return this.root;
    }
    const host = this.doc.createElement(CARD_TAG);
    host.setAttribute('data-backstory-ui', '');
    // Through the CSSOM, not a style attribute or a <style> element: pages with a strict
    // Content-Security-Policy (no 'unsafe-inline' styles) block those, but not these.
    for (const [property, value] of HOST_STYLE) host.style.setProperty(property, value, 'important');
    const shadow = host.attachShadow({ mode: 'closed' });
    const root = this.doc.createElement('div');
    root.className = 'bs-root';
    if (!adoptCardSheet(this.doc, shadow)) {
      // Extension-created <style> elements are exempt from the page's CSP in Firefox, the one
      // browser that lands here (see adoptCardSheet).
      const style = this.doc.createElement('style');
      style.textContent = cardStyles;
      shadow.append(style);
    }
    shadow.append(root);
    (this.doc.documentElement ?? this.doc.body).append(host);
    this.host = host;
    this.root = root;
    this.applyTheme(theme);
    return root;
  }

  /** Position the card next to `anchor` (viewport coordinates) and make it visible. */
  place(anchor: { left: number; top: number; bottom: number }): void {
    const host = this.host;
    const card = this.root?.firstElementChild as HTMLElement | null | undefined;
    if (!host || !card) return;
    const view = this.doc.defaultView;
    const viewport = { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 };
    const rect = card.getBoundingClientRect();
    const { left, top } = placeCard(anchor, { width: rect.width, height: rect.height }, viewport);
    host.style.setProperty('left', `${left}px`, 'important');
    host.style.setProperty('top', `${top}px`, 'important');
    host.style.setProperty('visibility', 'visible', 'important');
  }

  /** True when an event's target is the card (events from inside a closed root are retargeted to the host). */
  isCardTarget(target: EventTarget | null): boolean {
    return !!this.host && target === this.host;
  }

  /** The card's first focusable element, for keyboard opening. */
  focusables(): HTMLElement[] {
    if (!this.root) return [];
    return [...this.root.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])')];
  }

  /** The element focused inside the card, if any. */
  activeElement(): Element | null {
    const shadow = this.root?.getRootNode() as ShadowRoot | undefined;
    return shadow?.activeElement ?? null;
  }

  close(): void {
    this.host?.remove();
    this.host = undefined;
    this.root = undefined;
  }

  private applyTheme(theme: CardTheme): void {
    if (!this.root) return;
    this.root.classList.toggle('bs-theme-dark', theme === 'dark');
    this.root.classList.toggle('bs-theme-light', theme === 'light');
  }
}
