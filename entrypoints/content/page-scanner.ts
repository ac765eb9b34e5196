/**
 * Scans the page for mentions and keeps the marks in step with the page.
 *
 * Initial scan, in time slices of SLICE_MS that yield to the page between them (so no task of ours
 * blocks the main thread for long, even on a 2 MB page):
 *   1. read text runs and find candidate matches (spotter pass 1);
 *   2. score every match with the whole page in view (spotter pass 2, `judgePiece`);
 *   3. decide each mention with the whole page in view (core/page-sense.ts `decidePage`: names of
 *      teams, strong cues, one sense per page, the page's topic, general names only on pages about
 *      the war) and paint the marks. The popup lists what was painted, so the card and the popup
 *      follow the same decisions, and `spotPage` (the evaluation) calls the same step.
 * Afterwards a MutationObserver collects the blocks that changed; they are re-read in one batch
 * when the browser is idle. Nothing polls: between mutations the scanner uses no CPU.
 *
 * One sense per page as the page grows (a live blog): the scanner keeps every run it judged, in
 * document order (`runs`), with what the page step decided for it. When blocks are re-read, their
 * old runs are dropped, the new ones judged (every run again when the page context changed: pass 2
 * is cheap next to pass 1) and the page step runs over the whole page's runs. New runs are painted;
 * an earlier run whose decisions changed (a full name, the page's topic, a strong cue that arrived
 * later) has its block re-read in the next batch, which replaces its marks through the same path as
 * any changed block (also in the <mark> fallback, where marks split text nodes).
 *
 * What the reader adds (`ScanAdditions`, entrypoints/content/reader-names.ts): the names they
 * track, as a second small spotter run over the same text runs and merged with the bundled one's
 * mentions as one spotter would (core/tracked-names.ts `mergeMentions`), and the marks they turned
 * off on this site, skipped. `rescan` reads the page again when those change, replacing the marks
 * only once the new ones are ready.
 */
import type { ScanSummary } from '../../core/protocol';
import { type JudgedPiece, decidePage, judgePiece, pageNeedsTopic } from '../../core/page-sense';
import { TopicCounter } from '../../core/page-topics';
import { type Match, type Mention, type Spotter, isContextMatch } from '../../core/spotter';
import type { PageContext } from '../../core/spotter-context';
import { MARK_ATTRIBUTE } from './marker';
import type { MentionPosition, PageMentions } from './page-mentions';
import { type TextRun, TextRunReader, isRenderedText, locate, rescanRootOf } from './page-text';
import { mergeMentions } from '../../core/tracked-names';

/** Longest stretch of work before yielding to the page, in ms (well under the 50 ms of a long task). */
export const SLICE_MS = 8;

/** Pages with more text than this wait for a rendered frame before painting (see `paint`). */
export const LARGE_PAGE_CHARS = 200_000;

/** What a scan did; the content script reports it to the popup (protocol `ScanSummary`). */
export type ScanStats = ScanSummary;

function newStats(startedAt: number): ScanStats {
  return { mentions: 0, marks: 0, chars: 0, startedAt, finishedAt: 0, busyMs: 0, longestSliceMs: 0, slices: 0, spotMs: 0 };
}

interface Piece {
  run: TextRun;
  matches: Match[];
  /** Matches of the additional spotter (the reader's tracked names), with the spotter that found them. */
  extra?: { spotter: Spotter; matches: Match[] };
}

/** A run the scanner has judged (pass 2), with what the page step last decided for it. */
interface ScannedRun {
  piece: Piece;
  judged: JudgedPiece;
  /** The mentions decided for it, as "start:end:entity" joined: a change means its marks are stale. */
  decided: string;
}

function decidedKey(mentions: readonly Mention[] | undefined): string {
  return (mentions ?? []).map((mention) => `${mention.start}:${mention.end}:${mention.entity.id}`).join(',');
}

/** Whether two page contexts would score a match alike (war score, names, words, language). */
function sameContext(a: PageContext | undefined, b: PageContext): boolean {
  return !!a && a.warScore === b.warScore && a.warNames === b.warNames && a.warWords === b.warWords &&
    a.countryWords === b.countryWords && a.lang === b.lang && (a.confirmed ?? []).join() === (b.confirmed ?? []).join();
}

/** What the reader adds to the bundled spotter; read at each scan. */
export interface ScanAdditions {
  /** The names the reader tracks, compiled on their own: marked beside the bundled names. */
  spotter?: Spotter;
  /** Mentions not to mark (turned off on this site). */
  skip?: (mention: Mention) => boolean;
}

type Yield = () => Promise<void>;

/** Give the page a turn: `scheduler.yield()` where the browser has it, else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Where the offsets [start, end) of a run fall in the DOM. */
export function positionIn(run: TextRun, start: number, end: number): MentionPosition {
  const from = locate(run, start);
  const to = locate(run, end, true);
  const first = run.nodes.indexOf(from.node);
  const last = run.nodes.indexOf(to.node, first);
  return {
    startNode: from.node,
    startOffset: from.offset,
    endNode: to.node,
    endOffset: to.offset,
    nodes: run.nodes.slice(first, last + 1),
  };
}

/** The text now at a position, or undefined when its nodes left the page. */
function currentText(position: MentionPosition): string | undefined {
  if (!position.startNode.isConnected || !position.endNode.isConnected) return undefined;
  if (position.startNode === position.endNode) return position.startNode.data.slice(position.startOffset, position.endOffset);
  let text = '';
  for (const node of position.nodes) {
    const start = node === position.startNode ? position.startOffset : 0;
    const end = node === position.endNode ? position.endOffset : node.data.length;
    text += node.data.slice(start, end);
  }
  return text;
}

function isOurs(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!element?.closest(`[data-backstory-ui],[${MARK_ATTRIBUTE}]`);
}

export class PageScanner {
  private observer: MutationObserver | undefined;
  private readonly pendingRoots = new Set<Node>();
  private flushScheduled = false;
  private flushing: Promise<void> | undefined;
  /** All pass-1 matches seen, for the page context. */
  private contextMatches: Match[] = [];
  /** Every run scored so far (pass 2), in document order, for the page step: the whole page is decided at once. */
  private runs: ScannedRun[] = [];
  /** The page context the runs were last judged with. */
  private judgedWith: PageContext | undefined;
  /** The text of every run read, for the page's topic (counted only when a decision may need it). */
  private texts: string[] = [];
  /** The page's topic words, counted over `texts` up to `topicTexts`. */
  private topics = new TopicCounter();
  private topicTexts = 0;
  private page: PageContext | undefined;
  private stopped = false;
  /** Bumped by stop(): work begun before it is dropped. */
  private generation = 0;
  private additions: ScanAdditions = {};

  constructor(
    private readonly doc: Document,
    private readonly spotter: Spotter,
    private readonly mentions: PageMentions,
    private readonly onChange: () => void = () => {},
    private readonly yieldToPage: Yield = defaultYield,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Scan the whole body, in slices. Resolves when every mark is painted. `beforePaint` is awaited
   * between finding and painting (the content script reads the reader's settings meanwhile); when
   * it answers false nothing is painted.
   */
  async scanAll(options: { beforePaint?: () => Promise<boolean> | boolean } = {}): Promise<ScanStats> {
    this.stopped = false;
    const generation = this.generation;
    const stats = newStats(this.now());
    const body = this.doc.body;
    if (!body) return { ...stats, finishedAt: this.now() };
    this.contextMatches = [];
    this.runs = [];
    this.judgedWith = undefined;
    this.resetTopics();
    const pieces = await this.findPieces([body], stats, generation);
    if (pieces === undefined) return { ...stats, finishedAt: this.now() };
    this.contextMatches.push(...pieces.flatMap((piece) => piece.matches));
    this.page = this.pageContext();
    if (options.beforePaint && !(await options.beforePaint())) {
      this.contextMatches = [];
      return { ...stats, finishedAt: this.now() };
    }
    if (generation !== this.generation) return { ...stats, finishedAt: this.now() };
    await this.paint(pieces, this.page, stats, generation);
    stats.finishedAt = this.now();
    stats.mentions = this.mentions.total;
    stats.marks = this.mentions.size;
    if (generation === this.generation) this.onChange();
    return stats;
  }

  /** What the reader adds (tracked names, marks turned off); takes effect at the next scan (see `rescan`). */
  setAdditions(additions: ScanAdditions): void {
    this.additions = additions;
  }

  /**
   * Read the whole page again (the additions changed), keeping the current marks until the new ones
   * are found, then replacing them (in the <mark> fallback, which changes the text nodes, they go
   * first). Does nothing while stopped.
   */
  async rescan(): Promise<ScanStats | undefined> {
    if (this.stopped || !this.doc.body) return undefined;
    // Work under way (a first scan, re-reading a change) is dropped: this reads everything.
    this.generation++;
    this.pendingRoots.clear();
    // The <mark> fallback's wrappers split the text: they go before the text is read again.
    const clearFirst = this.mentions.changesDom;
    if (clearFirst) {
      this.mentions.clear();
      this.discardOwnMutations();
    }
    const stats = await this.scanAll({
      beforePaint: () => {
        // Found: the old marks go in the same task as the new ones are painted (no gap on screen).
        if (!clearFirst) this.mentions.clear();
        return true;
      },
    });
    return this.stopped ? undefined : stats;
  }

  /**
   * A run's mentions with the reader's additions: the marks turned off here left out, and the
   * tracked names' mentions merged in where they are still on the page and visible.
   */
  private withAdditions(piece: Piece, found: { mention: Mention; position: MentionPosition }[]): { mention: Mention; position: MentionPosition }[] {
    const skip = this.additions.skip;
    let kept = skip ? found.filter(({ mention }) => !skip(mention)) : found;
    if (!piece.extra) return kept;
    const { spotter, matches } = piece.extra;
    const extra: { mention: Mention; position: MentionPosition }[] = [];
    for (const mention of spotter.resolve(piece.run.text, matches, spotter.pageContext([{ matches }]))) {
      if (skip?.(mention)) continue;
      const position = positionIn(piece.run, mention.start, mention.end);
      if (currentText(position) !== mention.text || !isRenderedText(position.nodes)) continue;
      extra.push({ mention, position });
    }
    if (extra.length === 0) return kept;
    const byMention = new Map([...kept, ...extra].map((item) => [item.mention, item]));
    kept = mergeMentions(kept.map((item) => item.mention), extra.map((item) => item.mention))
      .map((mention) => byMention.get(mention) as { mention: Mention; position: MentionPosition });
    return kept;
  }

  /** Watch the page for changes and re-read what changed. */
  observe(): void {
    if (this.observer || !this.doc.documentElement) return;
    const view = this.doc.defaultView;
    const Observer = (view as unknown as { MutationObserver?: typeof MutationObserver } | null)?.MutationObserver ?? MutationObserver;
    this.observer = new Observer((records) => this.collect(records));
    // The whole document, not just <body>: some pages replace their body wholesale.
    this.observer.observe(this.doc.documentElement, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['hidden', 'open'],
    });
  }

  /** Stop watching and remove every mark. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.observer?.takeRecords();
    this.observer?.disconnect();
    this.observer = undefined;
    this.pendingRoots.clear();
    this.mentions.clear();
    this.contextMatches = [];
    this.runs = [];
    this.judgedWith = undefined;
    this.resetTopics();
    this.page = undefined;
  }

  /** Resolves when pending changes have been re-read (tests, benchmarks). */
  async settled(): Promise<void> {
    while (this.flushScheduled || this.flushing) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      if (isOurs(record.target)) continue;
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          if (isOurs(node)) continue;
          const root = node.nodeType === Node.TEXT_NODE ? rescanRootOf(node) : rescanRootOf(node);
          if (root) this.pendingRoots.add(root);
        }
        if (record.removedNodes.length > 0) {
          // Text removed from a block may have split or joined a mention: re-read the block.
          const root = rescanRootOf(record.target);
          if (root) this.pendingRoots.add(root);
        }
      } else {
        const root = rescanRootOf(record.target);
        if (root) this.pendingRoots.add(root);
      }
    }
    if (this.pendingRoots.size > 0) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const view = this.doc.defaultView as (Window & { requestIdleCallback?: Window['requestIdleCallback'] }) | null;
    const run = () => {
      this.flushScheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
      });
    };
    if (typeof view?.requestIdleCallback === 'function') view.requestIdleCallback(run, { timeout: 250 });
    else setTimeout(run, 50);
  }

  private async flush(): Promise<void> {
    if (this.stopped) return;
    const generation = this.generation;
    const roots = [...this.pendingRoots].filter((root) => root.isConnected);
    this.pendingRoots.clear();
    // Drop roots inside other roots: each subtree is read once.
    const outer = roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
    const removed = this.mentions.removeWithin(outer);
    this.discardOwnMutations();
    // The runs of the re-read blocks (and of text that left the page) are judged again below, or gone.
    const runsBefore = this.runs.length;
    this.runs = this.runs.filter(({ piece }) => {
      const first = piece.run.nodes[0];
      return !!first && first.isConnected && !outer.some((root) => root === first || root.contains(first));
    });
    const stats = newStats(this.now());
    const pieces = await this.findPieces(outer.filter((root) => root.nodeType === Node.ELEMENT_NODE) as Element[], stats, generation);
    if (pieces === undefined) return;
    if (pieces.length > 0 || this.runs.length < runsBefore) {
      this.contextMatches.push(...pieces.flatMap((piece) => piece.matches));
      this.page = this.pageContext();
      await this.paint(pieces, this.page, stats, generation);
    }
    if ((pieces.length > 0 || removed > 0) && generation === this.generation) this.onChange();
  }

  /** Pass 1 over the roots, in slices. Undefined when stopped meanwhile. */
  private async findPieces(roots: Element[], stats: ScanStats, generation: number): Promise<Piece[] | undefined> {
    const pieces: Piece[] = [];
    const extraSpotter = this.additions.spotter;
    for (const root of roots) {
      const reader = new TextRunReader(root);
      let sliceStart = this.now();
      let deadline = sliceStart + SLICE_MS;
      while (!reader.done) {
        const runs = reader.read(() => this.now() >= deadline);
        for (let index = 0; index < runs.length; index++) {
          const run = runs[index] as TextRun;
          stats.chars += run.text.length;
          this.texts.push(run.text);
          const spotStart = this.now();
          const matches = this.spotter.findMatches(run.text);
          const extra = extraSpotter?.findMatches(run.text).filter((match) => !isContextMatch(match));
          const now = this.now();
          stats.spotMs += now - spotStart;
          if (extra?.length) pieces.push({ run, matches, extra: { spotter: extraSpotter as Spotter, matches: extra } });
          else if (matches.some((match) => !isContextMatch(match))) pieces.push({ run, matches });
          else if (matches.length > 0) this.contextMatches.push(...matches);
          // A long stretch of text can use up the slice before the walk does: yield here too.
          if (now >= deadline && index < runs.length - 1) {
            this.endSlice(stats, sliceStart);
            await this.yieldToPage();
            if (generation !== this.generation) return undefined;
            sliceStart = this.now();
            deadline = sliceStart + SLICE_MS;
          }
        }
        if (!reader.done && this.now() >= deadline) {
          this.endSlice(stats, sliceStart);
          await this.yieldToPage();
          if (generation !== this.generation) return undefined;
          sliceStart = this.now();
          deadline = sliceStart + SLICE_MS;
        }
      }
      this.endSlice(stats, sliceStart);
    }
    return pieces;
  }

  private resetTopics(): void {
    this.texts = [];
    this.topics = new TopicCounter();
    this.topicTexts = 0;
  }

  /** The page context of every match seen so far, in the document's language when it declares one. */
  private pageContext(): PageContext {
    const lang = this.doc.documentElement?.lang || null;
    return this.spotter.pageContext([{ matches: this.contextMatches }], { lang });
  }

  /**
   * Pass 2, the page step and painting, in slices. Pass 2 scores each piece (sliced); the page step
   * then decides every mention at once, the pieces scored earlier included (core/page-sense.ts: one
   * sense per page, the page's topic, general names); then the new pieces are painted (sliced).
   * On a large page painting starts after the browser has rendered a frame: only then is asking
   * whether a mention's text is visible cheap (asking earlier would force the browser to compute the
   * style of the whole page inside our task). An ordinary page is rendered long before the content
   * script runs, so it does not wait.
   */
  private async paint(pieces: Piece[], page: PageContext, stats: ScanStats, generation: number): Promise<void> {
    if (pieces.length === 0 && this.runs.length === 0) return;
    if (stats.chars > LARGE_PAGE_CHARS) {
      await this.afterRender();
      if (generation !== this.generation) return;
    }
    let sliceStart = this.now();
    // The runs judged before are judged again only when the page context changed (new names or war words).
    const again = this.judgedWith !== undefined && !sameContext(this.judgedWith, page) ? this.runs : [];
    const judge = async (piece: Piece): Promise<JudgedPiece | undefined> => {
      const spotStart = this.now();
      const judged = judgePiece(this.spotter, piece.run.text, piece.matches, page);
      stats.spotMs += this.now() - spotStart;
      if (this.now() - sliceStart >= SLICE_MS) {
        this.endSlice(stats, sliceStart);
        await this.yieldToPage();
        if (generation !== this.generation) return undefined;
        sliceStart = this.now();
      }
      return judged;
    };
    for (const run of again) {
      const judged = await judge(run.piece);
      if (!judged) return;
      run.judged = judged;
    }
    const added: ScannedRun[] = [];
    for (const piece of pieces) {
      const judged = await judge(piece);
      if (!judged) return;
      added.push({ piece, judged, decided: '' });
    }
    this.judgedWith = page;
    this.insertInOrder(added);
    const judgedPieces = this.runs.map((run) => run.judged);
    // The page's topic words, in slices, when a decision depends on them.
    if (pageNeedsTopic(this.spotter, judgedPieces, page)) {
      while (this.topicTexts < this.texts.length) {
        const spotStart = this.now();
        this.topics.add(this.texts[this.topicTexts++] as string);
        stats.spotMs += this.now() - spotStart;
        if (this.now() - sliceStart >= SLICE_MS) {
          this.endSlice(stats, sliceStart);
          await this.yieldToPage();
          if (generation !== this.generation) return;
          sliceStart = this.now();
        }
      }
    }
    const decideStart = this.now();
    const decision = decidePage(this.spotter, judgedPieces, page, () => this.topics.counts());
    stats.spotMs += this.now() - decideStart;
    // Earlier runs whose decisions changed: their blocks are re-read (next batch), which repaints them.
    const isNew = new Set(added);
    const toPaint: { piece: Piece; mentions: readonly Mention[] }[] = [];
    this.runs.forEach((run, index) => {
      const mentions = decision.mentions[index] ?? [];
      const decided = decidedKey(mentions);
      if (isNew.has(run)) toPaint.push({ piece: run.piece, mentions });
      else if (decided !== run.decided) {
        const first = run.piece.run.nodes[0];
        const root = first && first.isConnected ? rescanRootOf(first) : null;
        if (root) this.pendingRoots.add(root);
      }
      run.decided = decided;
    });
    if (this.pendingRoots.size > 0) this.scheduleFlush();
    for (let index = 0; index < toPaint.length; index++) {
      const { piece, mentions } = toPaint[index] as { piece: Piece; mentions: readonly Mention[] };
      const found: { mention: Mention; position: MentionPosition }[] = [];
      for (const mention of mentions) {
        const position = positionIn(piece.run, mention.start, mention.end);
        // The text may have changed while we yielded: the observer re-reads it then.
        if (currentText(position) !== mention.text) continue;
        // Names in text hidden by CSS are not marked.
        if (!isRenderedText(position.nodes)) continue;
        found.push({ mention, position });
      }
      this.mentions.addRun(this.withAdditions(piece, found));
      if (this.now() - sliceStart >= SLICE_MS) {
        this.discardOwnMutations();
        this.endSlice(stats, sliceStart);
        await this.yieldToPage();
        if (generation !== this.generation) return;
        sliceStart = this.now();
      }
    }
    this.discardOwnMutations();
    this.endSlice(stats, sliceStart);
  }

  /**
   * Put newly judged runs among the others in document order (a live blog adds its news at the top):
   * the page step reads "the nearest decision before" in page order.
   */
  private insertInOrder(added: readonly ScannedRun[]): void {
    if (added.length === 0) return;
    const before = (a: ScannedRun, b: ScannedRun) => {
      const x = a.piece.run.nodes[0];
      const y = b.piece.run.nodes[0];
      return !!x && !!y && x !== y && (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    };
    for (const run of added) {
      // Mostly appended at the end (the first scan reads in order): check the last run first.
      const last = this.runs[this.runs.length - 1];
      if (!last || before(last, run)) {
        this.runs.push(run);
        continue;
      }
      let low = 0;
      let high = this.runs.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (before(this.runs[middle] as ScannedRun, run)) low = middle + 1;
        else high = middle;
      }
      this.runs.splice(low, 0, run);
    }
  }

  /** Resolves after the browser has rendered a frame (or after 100 ms where frames do not run). */
  private afterRender(): Promise<void> {
    const view = this.doc.defaultView;
    if (!view?.requestAnimationFrame || this.doc.visibilityState === 'hidden') return this.yieldToPage();
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve();
      };
      view.requestAnimationFrame(() => setTimeout(finish, 0));
      setTimeout(finish, 100);
    });
  }

  /**
   * In the <mark> fallback our own painting mutates the DOM. Called at the end of each synchronous
   * slice of ours: the records pending then can only be ours (the page's records from earlier tasks
   * were delivered before this task began).
   */
  private discardOwnMutations(): void {
    if (this.mentions.changesDom) this.observer?.takeRecords();
  }

  private endSlice(stats: ScanStats, sliceStart: number): void {
    const length = this.now() - sliceStart;
    stats.busyMs += length;
    stats.slices++;
    if (length > stats.longestSliceMs) stats.longestSliceMs = length;
  }
}
