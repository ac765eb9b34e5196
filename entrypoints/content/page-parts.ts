/**
 * Parts of the page path that only a reader's gesture needs, kept out of the content script that
 * every page loads (core/protocol.ts `PagePart`): the article extraction (entrypoints/page-extract.ts)
 * and the card's drawing (entrypoints/page-card.ts). The content script asks the background for a
 * part (`load-part`); the background runs the part's file in the same tab and frame, in the
 * content script's own world (entrypoints/background/page-parts.ts), where the part registers
 * itself on that world's global object: the page's scripts live in another world and cannot see it.
 *
 * A content script takes the part registered right after its own request and keeps it: a copy
 * left in the same world by an older version of the extension (before an update) is never used.
 */
import type { Lang } from '../../core/i18n/lang';
import type { Catalog } from '../../core/i18n/messages';
import type { ExtractedPage, PagePart } from '../../core/protocol';
import { BackstoryError } from '../../core/protocol';
import { askBackground } from '../../lib/messaging';
import type { CardView } from './card-view';

export interface PageParts {
  extract: {
    /** core/article-extract.ts `extractArticle` on this page. */
    extractArticle(doc: Document, location: string): ExtractedPage;
  };
  card: {
    createCardView(doc: Document): CardView;
    /** The page's own publication date (ISO), or null. */
    pageDate(doc: Document, location: string): string | null;
    /** Speak `lang` with these messages (`card-messages`); an open card is drawn again in it. */
    setCardLanguage(lang: Lang, messages: Catalog): void;
  };
}

const REGISTRY = '__backstoryPageParts';

function registry(): Partial<PageParts> {
  const world = globalThis as typeof globalThis & { [REGISTRY]?: Partial<PageParts> };
  world[REGISTRY] ??= {};
  return world[REGISTRY];
}

/** Called by a part's own file when it runs. */
export function registerPart<K extends PagePart>(name: K, part: PageParts[K]): void {
  registry()[name] = part;
}

const loaded = new Map<PagePart, Promise<unknown>>();

/** The part, injected on first use (this wakes the background if it was asleep). */
export function loadPart<K extends PagePart>(name: K): Promise<PageParts[K]> {
  let pending = loaded.get(name) as Promise<PageParts[K]> | undefined;
  if (!pending) {
    delete registry()[name];
    pending = askBackground({ type: 'load-part', part: name }).then(() => {
      const part = registry()[name];
      if (!part) throw new BackstoryError({ code: 'internal', message: 'Backstory could not finish loading on this page. Reload it and try again.', text: [{ key: 'errors.partFailed' }] });
      return part as PageParts[K];
    });
    loaded.set(name, pending);
    // A failure is not kept: the next gesture asks again.
    pending.catch(() => loaded.delete(name));
  }
  return pending;
}
