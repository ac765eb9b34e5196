/**
 * The mentions found on the page: the text nodes each covers (for hit-testing), which are painted
 * (marks are capped so a page with thousands of mentions stays responsive), and the per-entity
 * summary the popup shows.
 *
 * Painted ranges are StaticRanges where the browser has them: a live Range is updated by the
 * browser on every DOM mutation of the page, and thousands of them would slow a dynamic page down.
 * Mentions whose text changed are re-read by the scanner, so staleness never shows.
 */
import type { Mention } from '../../core/spotter';
import type { PageEntity } from '../../core/protocol';
import type { Marker } from './marker';

/** At most this many mentions are painted and hoverable; the rest are only counted. */
export const MAX_MARKS = 2000;

export interface PageMention {
  entityId: string;
  /** The text as it appears on the page ("Kiev", "Херсона"), invisible characters removed. */
  text: string;
  confidence: number;
  /** The range as painted (a StaticRange, or the wrapper's contents in wrap mode); undefined past the cap. */
  painted?: AbstractRange;
  startNode: Node;
  startOffset: number;
  endNode: Node;
  endOffset: number;
  /** The text nodes the mention covers. */
  nodes: Node[];
}

interface EntityTally {
  name: string;
  kind: string;
  count: number;
  seen: Map<string, number>;
}

export interface MentionPosition {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  /** Every text node from start to end (one for most mentions). */
  nodes: Text[];
}

function surfaceOf(text: string): string {
  return text.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '').replace(/\s+/gu, ' ');
}

function staticRange(doc: Document, position: MentionPosition): AbstractRange {
  const init = {
    startContainer: position.startNode,
    startOffset: position.startOffset,
    endContainer: position.endNode,
    endOffset: position.endOffset,
  };
  const StaticRangeClass = (doc.defaultView as unknown as { StaticRange?: typeof StaticRange } | null)?.StaticRange;
  if (StaticRangeClass) return new StaticRangeClass(init);
  const range = doc.createRange();
  range.setStart(init.startContainer, init.startOffset);
  range.setEnd(init.endContainer, init.endOffset);
  return range;
}

/** A live Range over a mention, for measuring (client rects) and comparing positions. */
export function liveRange(doc: Document, mention: PageMention): Range {
  const range = doc.createRange();
  range.setStart(mention.startNode, mention.startOffset);
  range.setEnd(mention.endNode, mention.endOffset);
  return range;
}

export class PageMentions {
  private readonly byNode = new Map<Node, PageMention[]>();
  private readonly mentions = new Set<PageMention>();
  private painted = 0;
  private readonly tallies = new Map<string, EntityTally>();
  /** The entities with excerpts behind them; undefined until known (every mark is then drawn in full). */
  private withExcerpts: ReadonlySet<string> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly marker: Marker,
    private readonly maxMarks = MAX_MARKS,
  ) {}

  /** True when painting changes the DOM (the <mark> fallback): the scanner must ignore its own mutations. */
  get changesDom(): boolean {
    return this.marker.mode === 'wrap';
  }

  /** Mentions painted on the page. */
  get size(): number {
    return this.painted;
  }

  /** Mentions found, painted or not. */
  get total(): number {
    return this.mentions.size;
  }

  /** Record a mention; paint it unless the cap is reached. */
  add(mention: Mention, position: MentionPosition): PageMention {
    const entry: PageMention = {
      entityId: mention.entity.id,
      text: surfaceOf(mention.text),
      confidence: mention.confidence,
      startNode: position.startNode,
      startOffset: position.startOffset,
      endNode: position.endNode,
      endOffset: position.endOffset,
      nodes: position.nodes,
    };
    this.count(mention.entity.id, mention.entity.name, mention.entity.kind, entry.text, 1);
    this.mentions.add(entry);
    if (this.painted < this.maxMarks) {
      const painted = this.marker.add(staticRange(this.doc, position), this.isLight(entry.entityId));
      entry.painted = painted;
      this.painted++;
      if (this.marker.mode === 'wrap') {
        // Wrapping split the text nodes: the mention now lives in the wrappers.
        entry.startNode = painted.startContainer;
        entry.startOffset = painted.startOffset;
        entry.endNode = painted.endContainer;
        entry.endOffset = painted.endOffset;
        entry.nodes = [...textNodesIn(this.doc, painted.startContainer, painted.endContainer)];
      }
      for (const node of entry.nodes) {
        const list = this.byNode.get(node);
        if (list) list.push(entry);
        else this.byNode.set(node, [entry]);
      }
    }
    return entry;
  }

  /**
   * Record the mentions of one text run (in reading order). In wrap mode painting splits text
   * nodes after the mention's start, so mentions are painted from the last to the first: earlier
   * positions in the same node are never moved by a later split.
   */
  addRun(found: readonly { mention: Mention; position: MentionPosition }[]): void {
    if (this.marker.mode !== 'wrap') {
      for (const { mention, position } of found) this.add(mention, position);
      return;
    }
    for (let index = found.length - 1; index >= 0; index--) {
      const { mention, position } = found[index] as { mention: Mention; position: MentionPosition };
      this.add(mention, position);
    }
  }

  /** Whether marks of this entity are drawn light: nothing behind it but its description and key dates. */
  isLight(entityId: string): boolean {
    return this.withExcerpts !== undefined && !this.withExcerpts.has(entityId);
  }

  /** Which entities have excerpts behind them (lib/coverage.ts): redraws the marks that change. */
  setCoverage(withExcerpts: ReadonlySet<string> | undefined): void {
    const before = new Map<string, boolean>();
    for (const id of this.tallies.keys()) before.set(id, this.isLight(id));
    this.withExcerpts = withExcerpts;
    for (const mention of this.paintedMentions()) {
      const light = this.isLight(mention.entityId);
      if (before.get(mention.entityId) !== light) this.marker.setLight(mention.painted as AbstractRange, light);
    }
  }

  /** Whether a mention is still on the page as recorded (not re-read or removed since). */
  isCurrent(mention: PageMention): boolean {
    return this.mentions.has(mention) && mention.painted !== undefined && mention.startNode.isConnected;
  }

  /** The painted mention that replaced `mention` when its text was read again: same entity, same place. */
  successorOf(mention: PageMention): PageMention | undefined {
    return this.at(mention.startNode).find((candidate) => candidate !== mention && candidate.entityId === mention.entityId &&
      candidate.startOffset === mention.startOffset && candidate.endNode === mention.endNode && candidate.endOffset === mention.endOffset);
  }

  /** Painted mentions covering a text node (for hit-testing). */
  at(node: Node): readonly PageMention[] {
    return this.byNode.get(node) ?? [];
  }

  /** Every painted mention. */
  *paintedMentions(): Generator<PageMention> {
    for (const mention of this.mentions) if (mention.painted) yield mention;
  }

  /**
   * Forget the mentions inside any of `roots` (before they are re-read) and those whose text left
   * the page. Returns how many were removed.
   */
  removeWithin(roots: readonly Node[]): number {
    let removed = 0;
    for (const mention of [...this.mentions]) {
      const start = mention.startNode;
      const inside = roots.some((root) => root === start || root.contains(start));
      if (inside || !start.isConnected || !mention.endNode.isConnected) {
        this.removeOne(mention);
        removed++;
      }
    }
    return removed;
  }

  /** The entities on the page, most mentioned first. */
  entities(): PageEntity[] {
    return [...this.tallies.entries()]
      .filter(([, tally]) => tally.count > 0)
      .map(([id, tally]) => ({
        id,
        name: tally.name,
        kind: tally.kind,
        count: tally.count,
        seen: [...tally.seen.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text),
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  /** Entity ids on the page, most mentioned first. */
  entityIds(): string[] {
    return this.entities().map((entity) => entity.id);
  }

  /** The first painted mention of an entity in document order. */
  firstOf(entityId: string): PageMention | undefined {
    let first: PageMention | undefined;
    let firstRange: Range | undefined;
    for (const mention of this.paintedMentions()) {
      if (mention.entityId !== entityId || !mention.startNode.isConnected) continue;
      const range = liveRange(this.doc, mention);
      if (!firstRange || range.compareBoundaryPoints(Range.START_TO_START, firstRange) < 0) {
        first = mention;
        firstRange = range;
      }
    }
    return first;
  }

  clear(): void {
    this.marker.clear();
    this.mentions.clear();
    this.byNode.clear();
    this.tallies.clear();
    this.painted = 0;
  }

  private count(id: string, name: string, kind: string, surface: string, delta: number): void {
    let tally = this.tallies.get(id);
    if (!tally) {
      tally = { name, kind, count: 0, seen: new Map() };
      this.tallies.set(id, tally);
    }
    tally.count += delta;
    const seen = (tally.seen.get(surface) ?? 0) + delta;
    if (seen <= 0) tally.seen.delete(surface);
    else tally.seen.set(surface, seen);
  }

  private removeOne(mention: PageMention): void {
    this.mentions.delete(mention);
    this.count(mention.entityId, '', '', mention.text, -1);
    if (!mention.painted) return;
    this.painted--;
    this.marker.remove(mention.painted);
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const index = list.indexOf(mention);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.byNode.delete(node);
    }
  }
}

/** Text nodes from `start` to `end` inclusive, in document order. */
function* textNodesIn(doc: Document, start: Node, end: Node): Generator<Node> {
  const range = doc.createRange();
  range.setStartBefore(start);
  range.setEndAfter(end);
  const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (range.intersectsNode(node)) yield node;
  }
}
