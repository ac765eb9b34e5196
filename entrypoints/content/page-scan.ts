/**
 * Walks the page's visible text, runs the spotter and registers a highlight for each mention.
 */
import type { Spotter, Mention } from '../../core/spotter';
import type { PageEntity } from '../../core/protocol';

export const HIGHLIGHT_NAME = 'backstory-mention';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TEMPLATE', 'IFRAME', 'svg', 'SVG', 'CODE', 'PRE']);

export interface PageScan {
  mentions: { node: Text; mention: Mention }[];
  entities(): PageEntity[];
  clear(): void;
}

export function scanPage(doc: Document, spotter: Spotter): PageScan {
  const found: { node: Text; mention: Mention }[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.tagName) || parent.isContentEditable) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data;
    for (const mention of spotter.spot(text)) found.push({ node: node as Text, mention });
  }
  const ranges = found.map(({ node, mention }) => {
    const range = doc.createRange();
    range.setStart(node, mention.start);
    range.setEnd(node, mention.end);
    return range;
  });
  const highlights = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  if (highlights && typeof Highlight !== 'undefined') highlights.set(HIGHLIGHT_NAME, new Highlight(...ranges));
  return {
    mentions: found,
    entities() {
      const byId = new Map<string, PageEntity & { seenCounts: Map<string, number> }>();
      for (const { mention } of found) {
        let entry = byId.get(mention.entity.id);
        if (!entry) {
          entry = { ...mention.entity, count: 0, seen: [], seenCounts: new Map() };
          byId.set(mention.entity.id, entry);
        }
        entry.count++;
        entry.seenCounts.set(mention.text, (entry.seenCounts.get(mention.text) ?? 0) + 1);
      }
      return [...byId.values()].map(({ seenCounts, ...entity }) => ({
        ...entity,
        seen: [...seenCounts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text),
      }));
    },
    clear() {
      highlights?.delete(HIGHLIGHT_NAME);
    },
  };
}
