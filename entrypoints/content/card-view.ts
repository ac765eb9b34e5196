/**
 * What the hover card draws, as a part of the page path injected on demand (page-parts.ts): the
 * card's host in a closed shadow root with its styles, placement and scrolling (card-host.ts), the
 * card itself (components/EntityCard.tsx, Preact), and the page's publication date that ranks its
 * excerpts (core/page-date.ts). Hover intent, hit-testing and the keyboard stay in the content
 * script (hover-card.ts), which every page loads; this part comes the first time a card is wanted.
 *
 * The card speaks the reader's language: the content script hands over the messages the
 * background sent with an answer (`CardSpeech`), installed here for the card's components
 * (lib/i18n/use-i18n.ts: this part imports no catalog), and the errors behind failed states,
 * said here in that language.
 */
import { h, render } from 'preact';
import { EntityCard, type EntityCardProps } from '../../components/EntityCard';
import type { Catalog } from '../../core/i18n/messages';
import { errorMessage } from '../../lib/i18n/error-text';
import { currentI18n, installCatalog } from '../../lib/i18n/use-i18n';
import { DEFAULT_LANG, type Lang } from '../../core/i18n/lang';
import enCard from '../../locales/en/card.json';
import enCommon from '../../locales/en/common.json';
import enErrors from '../../locales/en/errors.json';
import type { CardErrors } from './hover-card';

// English until the background's first answer brings the reader's language: what a card says
// when that answer failed (the background stopped, the extension was updated under the page).
installCatalog(DEFAULT_LANG, { ...enCommon, ...enCard, ...enErrors });
import { canonicalUrl } from '../../core/canonical-url';
import { findPageDate } from '../../core/page-date';
import type { AnchorRect } from './card-placement';
import { CardHost, pageTheme } from './card-host';

/** The reader's language for the card: its messages when they are new to this page, the errors to say in it. */
export interface CardSpeech {
  lang?: Lang;
  messages?: Catalog;
  errors?: CardErrors;
}

/** The card on one page: shown, placed, and asked about focus and keys by the hover controller. */
export interface CardView {
  /** Draw the card (opening its host when closed), themed like the page, in the reader's language. */
  show(props: EntityCardProps, speech?: CardSpeech): void;
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
    show(props, speech = {}) {
      if (speech.lang && speech.messages) installCatalog(speech.lang, speech.messages);
      const container = host.open(pageTheme(doc));
      // The card's region and dialog are read out in the card's language, not the page's.
      container.setAttribute('lang', currentI18n().lang);
      render(h(EntityCard, sayErrors(props, speech.errors)), container);
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

/** The card's failed states with their messages in the reader's language. */
function sayErrors(props: EntityCardProps, errors: CardErrors = {}): EntityCardProps {
  const { t } = currentI18n();
  const next = { ...props };
  if (props.excerpts.status === 'failed' && errors.excerpts !== undefined) next.excerpts = { ...props.excerpts, message: errorMessage(errors.excerpts, t) };
  if (props.addState.status === 'failed' && errors.add !== undefined) next.addState = { ...props.addState, message: errorMessage(errors.add, t) };
  if (props.notThis?.status === 'failed' && errors.notThis !== undefined) next.notThis = { ...props.notThis, message: errorMessage(errors.notThis, t) };
  return next;
}

/** The page's own publication date (ISO), or null when it gives none. */
export function pageDate(doc: Document, location: string): string | null {
  try {
    return findPageDate(doc, { url: canonicalUrl(doc, location), location })?.date ?? null;
  } catch {
    return null;
  }
}
