/**
 * Tags passages with the entities they mention: the one step shared by the bundled corpus build
 * and "Add this page" (and remembering), so both tag excerpts exactly alike.
 *
 * The passages of one article are tagged as one page, with the page step of core/page-sense.ts
 * (`spotPieces`): the same decisions the content script makes when it marks the page (one sense per
 * page, the page's topic, general names only on war pages), so a stored excerpt's tags and the
 * page's marks agree. `tagText` tags a single text on its own (the chronicle's sentences).
 */
import { spotPieces } from './page-sense';
import type { ExcerptMention } from './schema';
import type { PageContext } from './spotter-context';
import type { Mention, Spotter } from './spotter';

export interface Tags {
  entityIds: string[];
  mentions: ExcerptMention[];
}

function tagsOf(mentions: readonly Mention[]): Tags {
  return {
    entityIds: [...new Set(mentions.map((mention) => mention.entity.id))].sort(),
    mentions: mentions.map((mention) => [mention.start, mention.end, mention.entity.id]),
  };
}

/** One text on its own, the spotter's pass 2 only (a sentence of the chronicle). */
export function tagText(spotter: Spotter, text: string, page?: PageContext): Tags {
  return tagsOf(spotter.spot(text, page ? { page } : {}));
}

/** The passages of one article, as one page (the page step included): their tags, in order. */
export function tagPassages(spotter: Spotter, texts: readonly string[], lang?: string | null): Tags[] {
  return spotPieces(spotter, texts, lang).map(tagsOf);
}
