/**
 * Where the hover card lives on the page: a `<backstory-card>` element with a **closed** shadow
 * root, so page CSS cannot restyle the card and page scripts cannot read the reader's excerpts out
 * of it (`element.shadowRoot` is null for them). The element exists only while a card is open, so
 * the page's DOM is untouched the rest of the time. Critical host styles are inline `!important`.
 */
import cardStyles from '../../components/styles.css?inline';
import { type AnchorRect, type CardPlacement, cardWidth, placeCard } from './card-placement';
import { containScrolling, keyScrollTop } from './card-scroll';

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
/** Measured heights can be a rounded pixel short; this keeps a card that fits from scrolling by one. */
const MEASURE_SLACK_PX = 2;
/** Keys that reach the page as shortcuts when typed in the card: stopped at the card's host. */
const KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;

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
  /** Ends the listeners of this opening. */
  private listeners: AbortController | undefined;

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
    const listeners = new AbortController();
    containScrolling(root, listeners.signal);
    // Keys typed in the card are the card's: the page's shortcuts (listening on the document or
    // the window) do not see them. The card's own handlers, inside, already ran.
    for (const type of KEY_EVENTS) host.addEventListener(type, (event) => event.stopPropagation(), { signal: listeners.signal });
    (this.doc.documentElement ?? this.doc.body).append(host);
    this.host = host;
    this.root = root;
    this.listeners = listeners;
    this.applyTheme(theme);
    return root;
  }

  /**
   * Put the card next to the mention whose client rects are `rects` (viewport coordinates), never
   * over them (card-placement.ts), and make it visible. Called again when the content changes and
   * on scroll and resize.
   */
  place(rects: readonly AnchorRect[]): CardPlacement | undefined {
    const host = this.host;
    const root = this.root;
    const card = root?.firstElementChild as HTMLElement | null | undefined;
    if (!host || !root || !card || rects.length === 0) return undefined;
    const viewport = this.viewport();
    // The width first: the height to measure depends on where the text wraps.
    root.style.setProperty('--bs-card-width', `${cardWidth(viewport)}px`);
    const placement = placeCard(rects, this.naturalHeight(card), viewport);
    root.style.setProperty('--bs-card-max-height', `${placement.maxHeight}px`);
    host.style.setProperty('left', `${placement.left}px`, 'important');
    host.style.setProperty('top', `${placement.top}px`, 'important');
    host.style.setProperty('visibility', 'visible', 'important');
    return placement;
  }

  /**
   * Scroll the excerpt list for a scroll key typed in the card (arrows, Page Up/Down, Space, Home,
   * End) and keep the key from scrolling the page. False for other keys, for keys with modifiers
   * (browser shortcuts) and for Space on a button, which presses it.
   */
  scrollForKey(event: KeyboardEvent): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const list = this.scrollRegion();
    if (!list) return false;
    const active = this.activeElement();
    if (active?.matches('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return false;
    if (event.key === ' ' && active?.matches('button, summary, [role="button"]')) return false;
    const target = keyScrollTop(event.key, event.shiftKey, list);
    if (target === undefined) return false;
    event.preventDefault();
    list.scrollTop = target;
    return true;
  }

  /** The card's scrolling excerpt list, while open. */
  scrollRegion(): HTMLElement | undefined {
    return this.root?.querySelector<HTMLElement>('.bs-card-excerpts') ?? undefined;
  }

  /** The viewport the card is fixed in, without its scroll bars (the card stays off them). */
  private viewport(): { width: number; height: number } {
    const view = this.doc.defaultView;
    const scrolling = this.doc.compatMode === 'BackCompat' ? this.doc.body : this.doc.documentElement;
    const width = view?.innerWidth ?? 1024;
    const height = view?.innerHeight ?? 768;
    return {
      width: Math.min(width, scrolling?.clientWidth || width),
      height: Math.min(height, scrolling?.clientHeight || height),
    };
  }

  /** The card's height without a limit: its height now plus what its scrollers hide. */
  private naturalHeight(card: HTMLElement): number {
    let height = card.getBoundingClientRect().height + (card.scrollHeight - card.clientHeight);
    const list = this.scrollRegion();
    if (list) height += list.scrollHeight - list.clientHeight;
    return height + MEASURE_SLACK_PX;
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
    this.listeners?.abort();
    this.listeners = undefined;
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
