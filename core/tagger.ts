/**
 * Tags a passage with the entities it mentions, using the spotter: the one step shared by the
 * bundled corpus build and "Add this page", so both tag excerpts exactly alike.
 */
import type { ExcerptMention } from './schema';
import type { PageContext } from './spotter-context';
import type { Spotter } from './spotter';

export interface Tags {
  entityIds: string[];
  mentions: ExcerptMention[];
}

export function tagText(spotter: Spotter, text: string, page?: PageContext): Tags {
  const mentions = spotter.spot(text, page ? { page } : {});
  return {
    entityIds: [...new Set(mentions.map((mention) => mention.entity.id))].sort(),
    mentions: mentions.map((mention) => [mention.start, mention.end, mention.entity.id]),
  };
}
