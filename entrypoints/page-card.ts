/**
 * The hover card's drawing (entrypoints/content/card-view.ts: Preact, the card, its styles and
 * placement, the page's date), as a part of the page path injected on demand
 * (entrypoints/content/page-parts.ts): the first card a reader opens on a page brings it, pages
 * where no card is opened never load it. Run by the background in the content script's world.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createCardView, pageDate, setCardLanguage } from './content/card-view';
import { registerPart } from './content/page-parts';

export default defineUnlistedScript(() => {
  registerPart('card', { createCardView, pageDate, setCardLanguage });
});
