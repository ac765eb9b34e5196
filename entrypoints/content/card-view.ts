/**
 * What the hover card draws, as a part of the page path injected on demand (page-parts.ts): the
 * card's host in a closed shadow root with its styles, placement and scrolling (card-host.ts), the
 * card itself (components/EntityCard.tsx, Preact), and the page's publication date that ranks its
 * excerpts (core/page-date.ts). Hover intent, hit-testing and the keyboard stay in the content
 * script (hover-card.ts), which every page loads; this part comes the first time a card is wanted.
 */
import { h, render } from 'preact';
import { EntityCard, type EntityCardProps } from '../../components/EntityCard';
import type { Lang } from '../../core/i18n/lang';
import type { Catalog } from '../../core/i18n/messages';
import { canonicalUrl } from '../../core/canonical-url';
import { findPageDate } from '../../core/page-date';
import { installCatalog } from '../../lib/i18n/use-i18n';
import type { AnchorRect } from './card-placement';
import { CardHost, pageTheme } from './card-host';

/** The card on one page: shown, placed, and asked about focus and keys by the hover controller. */
export interface CardView {
  /** Draw the card (opening its host when closed), themed like the page. */
  show(props: EntityCardProps): void;
  hide(): void;
  /** Put the card next to the mention whose client rects these are. */
  place(rects: readonly AnchorRect[]): void;
  isCardTarget(target: EventTarget | null): boolean;
  focusables(): HTMLElement[];
  activeElement(): Element | null;
  /** Scroll the excerpt list for a scroll key typed in the card; false for other keys. */
  scrollForKey(event: KeyboardEvent): boolean;
}

export function createCardView(doc: Document): CardView {
  const host = new CardHost(doc);
  return {
    show(props) {
      render(h(EntityCard, props), host.open(pageTheme(doc)));
    },
    hide() {
      const container = host.container;
      if (container) render(null, container);
      host.close();
    },
    place: (rects) => {
      host.place(rects);
    },
    isCardTarget: (target) => host.isCardTarget(target),
    focusables: () => host.focusables(),
    activeElement: () => host.activeElement(),
    scrollForKey: (event) => host.scrollForKey(event),
  };
}

/**
 * The card's language: the messages of the reader's language only (the background sends them,
 * `card-messages`), so the part carries no catalog. Components re-render in the new language.
 */
export function setCardLanguage(lang: Lang, messages: Catalog): void {
  installCatalog(lang, messages);
}

/** The page's own publication date (ISO), or null when it gives none. */
export function pageDate(doc: Document, location: string): string | null {
  try {
    return findPageDate(doc, { url: canonicalUrl(doc, location), location })?.date ?? null;
  } catch {
    return null;
  }
}
