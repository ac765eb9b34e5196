/**
 * The hover card's behaviour: hover intent, fetching excerpts, keyboard access and closing.
 *
 * - Events are delegated on the document (content added later needs nothing), pointer moves are
 *   handled at most once per frame, and hit-testing maps the pointer to a mention.
 * - The card opens after the pointer rests `delayMs` on a mention (300 ms by default; the reader
 *   can change it); excerpts are requested as soon as the pointer arrives so they are usually there
 *   when the card opens. Answers for a mention the pointer already left are ignored.
 * - It stays open while the pointer travels into it (CLOSE_GRACE_MS), and closes on leaving, on
 *   Escape, on a click elsewhere, or when its mention scrolls out of view.
 * - Opened from the keyboard (the extension command), it takes focus; Tab moves through it (the
 *   excerpt list is a stop of its own), the scroll keys scroll the list and not the page, and
 *   Escape closes it and gives focus back.
 * - Scrolling inside the card never reaches the page (card-scroll.ts), so it never closes the card.
 * - What the card draws (card-view.ts: Preact, the card, its styles) is a part injected the first
 *   time a card is wanted on the page, with the excerpts (page-parts.ts); the entity's description
 *   comes with the excerpts, from the background.
 * - "Not this" (when the page offers it) turns the mark off on this site; the card stays to say
 *   how to undo it, though its mark is gone.
 */
import type { AddPageResult, ExcerptsForEntity } from '../../core/protocol';
import type { SpotterEntity } from '../../core/spotter';
import type { Entity } from '../../core/gazetteer';
import { canAddAnyway } from '../../core/protocol';
import type { AddState } from '../../components/AddPageStatus';
import type { ExcerptsState, NotThisState } from '../../components/EntityCard';
import type { CardView } from './card-view';
import { mentionAtPoint } from './hit-test';
import { type PageMention, type PageMentions, liveRange } from './page-mentions';
import type { Marker } from './marker';

export const CLOSE_GRACE_MS = 300;

export interface HoverCardDeps {
  /** Name and kind (the description comes with the excerpts, from the background). */
  entityById(id: string): (SpotterEntity & { description?: string }) | undefined;
  fetchExcerpts(entityId: string): Promise<ExcerptsForEntity>;
  /** What draws the card (a part loaded on first use). */
  loadView(): Promise<CardView>;
  addPage(force: boolean): Promise<AddPageResult>;
  openSidePanel(entityId: string): void;
  /** Open the reading room's search: a source's excerpts, or a query. */
  openSearch(search: { sourceId?: string; query?: string }): void;
  /** Open the options (where remembering is turned on). */
  openOptions(): void;
  /** Whether the reader remembers the articles they read. */
  remembering(): boolean;
  delayMs(): number;
  /** "Not this": stop marking this written form as this entity on this site; resolves to where, and how to undo it. */
  notThis?(text: string, entity: Pick<Entity, 'id' | 'name'>): Promise<{ site: string; undo: () => Promise<void> }>;
}

interface OpenCard {
  mention: PageMention;
  entity: SpotterEntity & { description?: string };
  excerpts: ExcerptsState;
  addState: AddState;
  /** Opened from the keyboard: focus is inside and leaving with the pointer does not close it. */
  pinned: boolean;
  /** The element focused before the card took focus. */
  returnFocus: Element | null;
  token: number;
  /** "Not this" asked for: the card stays (its mark is gone) to say how to undo it. */
  notThis?: NotThisState;
  undoNotThis?: () => Promise<void>;
}

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[’'`]s$/u, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The alias as seen, when it is not just the canonical name (or its surname). */
export function seenAsLabel(seen: string, entity: Pick<SpotterEntity, 'name'>): string | undefined {
  const seenFolded = fold(seen);
  const nameFolded = fold(entity.name);
  if (!seenFolded || nameFolded === seenFolded) return undefined;
  const words = entity.name.split(/\s+/u).map(fold);
  if (words.includes(seenFolded)) return undefined;
  return seen.replace(/[’'`]s$/u, '');
}

export class HoverCardController {
  private view: CardView | undefined;
  private viewLoading: Promise<CardView> | undefined;
  private card: OpenCard | undefined;
  private candidate: PageMention | undefined;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private frameRequested = false;
  private lastPointer: { x: number; y: number; target: EventTarget | null } | undefined;
  private tokens = 0;
  private readonly excerptCache = new Map<string, Promise<ExcerptsForEntity>>();
  private abort: AbortController | undefined;

  constructor(
    private readonly doc: Document,
    private readonly mentions: PageMentions,
    private readonly marker: Marker,
    private readonly deps: HoverCardDeps,
  ) {}

  get isOpen(): boolean {
    return this.card !== undefined;
  }

  /** The mention whose card is open. */
  get currentMention(): PageMention | undefined {
    return this.card?.mention;
  }

  /** The page's mentions changed: close a card whose mention left the page. */
  mentionsChanged(): void {
    const card = this.card;
    if (!card || this.mentions.isCurrent(card.mention)) return;
    // The reader turned this mark off: its card stays until closed, to offer the undo.
    if (card.notThis && card.notThis.status !== 'ready') {
      const back = this.mentions.successorOf(card.mention);
      if (back) card.mention = back;
      return;
    }
    // The page changed around the mention (a live blog adds a post, an ad loads) and its block was
    // read again: the same words are a new mention object. Keep the card on it.
    const successor = this.mentions.successorOf(card.mention);
    if (successor) {
      card.mention = successor;
      this.marker.setActive(successor.painted);
      this.reposition();
      return;
    }
    this.close(false);
  }

  attach(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    const options = { capture: true, passive: true, signal: this.abort.signal };
    this.doc.addEventListener('pointermove', (event) => this.onPointerMove(event), options);
    this.doc.addEventListener('pointerdown', (event) => this.onPointerDown(event), options);
    this.doc.addEventListener('keydown', (event) => this.onKeyDown(event), { capture: true, signal: options.signal });
    this.doc.defaultView?.addEventListener('scroll', () => this.onScroll(), options);
    this.doc.defaultView?.addEventListener('resize', () => this.reposition(), options);
  }

  detach(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.close(false);
  }

  /** Forget cached excerpts (after the corpus changed). */
  invalidate(): void {
    this.excerptCache.clear();
  }

  /**
   * Open the card for a mention. From the keyboard it takes focus; `pinned` (keyboard, or opened
   * from the popup) keeps it open when the pointer is elsewhere.
   */
  openFor(mention: PageMention, options: { keyboard: boolean; pinned?: boolean }): void {
    const entity = this.deps.entityById(mention.entityId);
    if (!entity) return;
    this.clearTimers();
    // Opening over an open card keeps the focus to return to from the first one.
    const returnFocus = this.card ? this.card.returnFocus : options.keyboard ? this.doc.activeElement : null;
    const token = ++this.tokens;
    this.card = {
      mention,
      entity,
      excerpts: { status: 'loading' },
      addState: { status: 'idle' },
      pinned: options.keyboard || options.pinned === true,
      returnFocus,
      token,
    };
    this.marker.setActive(mention.painted);
    const show = () => {
      this.renderCard();
      this.reposition();
      if (options.keyboard) this.view?.focusables()[0]?.focus();
    };
    if (this.view) show();
    else {
      this.loadView().then(
        () => {
          if (this.card?.token === token) show();
        },
        () => {
          // Nothing can be drawn (the extension was updated under the page): no card.
          if (this.card?.token === token) this.close(false);
        },
      );
    }
    this.excerptsFor(entity.id).then(
      (result) => this.update(token, { excerpts: { status: 'ready', ...result } }),
      (error: unknown) => this.update(token, { excerpts: { status: 'failed', message: messageOf(error), error } }),
    );
  }

  close(restoreFocus = true): void {
    this.clearTimers();
    this.candidate = undefined;
    this.closeCard(restoreFocus);
  }

  /** Close the card but keep a pending hover on another mention (the pointer moved on to it). */
  private closeCard(restoreFocus: boolean): void {
    this.cancelClose();
    const card = this.card;
    this.card = undefined;
    this.marker.setActive(undefined);
    this.view?.hide();
    if (restoreFocus && card?.returnFocus instanceof HTMLElement) card.returnFocus.focus();
  }

  private loadView(): Promise<CardView> {
    this.viewLoading ??= this.deps.loadView().then(
      (view) => {
        this.view = view;
        return view;
      },
      (error: unknown) => {
        this.viewLoading = undefined;
        throw error;
      },
    );
    return this.viewLoading;
  }

  private excerptsFor(entityId: string): Promise<ExcerptsForEntity> {
    let pending = this.excerptCache.get(entityId);
    if (!pending) {
      pending = this.deps.fetchExcerpts(entityId);
      this.excerptCache.set(entityId, pending);
      pending.catch(() => this.excerptCache.delete(entityId));
    }
    return pending;
  }

  private update(token: number, change: Partial<Pick<OpenCard, 'excerpts' | 'addState' | 'notThis' | 'undoNotThis'>>): void {
    if (!this.card || this.card.token !== token) return; // a stale answer: the card moved on
    Object.assign(this.card, change);
    this.renderCard();
    this.reposition();
  }

  private renderCard(): void {
    const card = this.card;
    const view = this.view;
    if (!card || !view) return;
    const token = card.token;
    // The name and description in the reader's language come with the excerpts (the page knows the English name only).
    const ready = card.excerpts.status === 'ready' ? card.excerpts as typeof card.excerpts & Pick<ExcerptsForEntity, 'name'> : undefined;
    const name = ready?.name ?? card.entity.name;
    view.show({
      entity: {
        id: card.entity.id,
        name,
        kind: card.entity.kind,
        description: ready?.description ? ready.description : card.entity.description,
      },
      // Shown when the page's form is neither the name in the reader's language nor the English one.
      seenAs: seenAsLabel(card.mention.text, card.entity) && seenAsLabel(card.mention.text, { name }),
      excerpts: card.excerpts,
      addState: card.addState,
      onClose: () => this.close(),
      onMore: () => this.deps.openSidePanel(card.entity.id),
      onAdd: (force: boolean) => this.add(token, force),
      onMoreFromSource: (sourceId: string) => this.deps.openSearch({ sourceId }),
      onSearch: () => this.deps.openSearch({ query: card.entity.name }),
      rememberOn: this.deps.remembering(),
      onRememberSettings: () => this.deps.openOptions(),
      ...(this.deps.notThis ? {
        notThis: card.notThis ?? { status: 'ready', form: card.mention.text.replace(/['’ʼ‘]s$/u, '') },
        onNotThis: () => this.notThis(token),
        onUndoNotThis: () => this.undoNotThis(token),
      } : {}),
    });
  }

  private notThis(token: number): void {
    const card = this.card;
    if (!card || card.token !== token || !this.deps.notThis) return;
    if (card.notThis && card.notThis.status !== 'ready' && card.notThis.status !== 'undone') return;
    const form = card.mention.text.replace(/['’ʼ‘]s$/u, '');
    card.pinned = true;
    this.update(token, { notThis: { status: 'saving', form } });
    this.deps.notThis(card.mention.text, card.entity).then(
      ({ site, undo }) => this.update(token, { notThis: { status: 'done', form, site }, undoNotThis: undo }),
      (error: unknown) => this.update(token, { notThis: { status: 'failed', form, message: messageOf(error), error } }),
    );
  }

  private undoNotThis(token: number): void {
    const card = this.card;
    if (!card || card.token !== token || card.notThis?.status !== 'done' || !card.undoNotThis) return;
    const { form, site } = card.notThis;
    card.undoNotThis().then(
      () => this.update(token, { notThis: { status: 'undone', form, site } }),
      (error: unknown) => this.update(token, { notThis: { status: 'failed', form, message: messageOf(error), error } }),
    );
  }

  private add(token: number, force: boolean): void {
    this.update(token, { addState: { status: 'adding' } });
    this.deps.addPage(force).then(
      (result) => {
        this.excerptCache.clear();
        this.update(token, { addState: { status: 'added', result } });
        const card = this.card;
        if (card && card.token === token) {
          this.excerptsFor(card.entity.id).then(
            (excerpts) => this.update(token, { excerpts: { status: 'ready', ...excerpts } }),
            () => undefined,
          );
        }
      },
      (error: unknown) => {
        const canForce = canAddAnyway(error);
        this.update(token, { addState: { status: 'failed', message: messageOf(error), canForce, error } });
      },
    );
  }

  /**
   * Place the card next to its mention: all of the mention's rects, as a wrapped mention has
   * several (empty ones, from an empty inline element inside it, say nothing about where it is).
   */
  private reposition(): void {
    const card = this.card;
    if (!card) return;
    const rects = [...liveRange(this.doc, card.mention).getClientRects()];
    const drawn = rects.filter((rect) => rect.width > 0 || rect.height > 0);
    this.view?.place(drawn.length > 0 ? drawn : rects);
  }

  private onPointerMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.lastPointer = { x: event.clientX, y: event.clientY, target: event.target };
    if (this.frameRequested) return;
    this.frameRequested = true;
    const view = this.doc.defaultView;
    const run = () => {
      this.frameRequested = false;
      this.handlePointer();
    };
    if (view?.requestAnimationFrame) view.requestAnimationFrame(run);
    else setTimeout(run, 16);
  }

  private handlePointer(): void {
    const pointer = this.lastPointer;
    if (!pointer) return;
    if (this.view?.isCardTarget(pointer.target)) {
      this.cancelClose();
      return;
    }
    const hit = mentionAtPoint(this.doc, this.mentions, pointer.x, pointer.y);
    const mention = hit?.mention;
    if (mention && this.card && mention === this.card.mention) {
      this.cancelClose();
      return;
    }
    if (mention !== this.candidate) {
      this.candidate = mention;
      if (this.dwellTimer !== undefined) clearTimeout(this.dwellTimer);
      this.dwellTimer = undefined;
      if (mention) {
        // Ask early, show after the dwell: the answer (and what draws the card) is usually there
        // when the card opens.
        if (!this.view) this.loadView().catch(() => undefined);
        this.excerptsFor(mention.entityId).catch(() => undefined);
        this.dwellTimer = setTimeout(() => {
          this.dwellTimer = undefined;
          if (this.candidate === mention) this.openFor(mention, { keyboard: false });
        }, Math.max(0, this.deps.delayMs()));
      }
    }
    if (!mention && this.card && !this.card.pinned) this.scheduleClose();
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.card || this.view?.isCardTarget(event.target)) return;
    const hit = mentionAtPoint(this.doc, this.mentions, event.clientX, event.clientY);
    if (hit?.mention !== this.card.mention) this.close(false);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.card) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close(true);
      return;
    }
    const view = this.view;
    if (!view?.isCardTarget(event.target)) return;
    // Scroll keys scroll the excerpt list, wherever focus is in the card, and never the page.
    if (view.scrollForKey(event)) return;
    if (event.key === 'Tab') {
      // Keep focus inside the card while it is open from the keyboard.
      const focusables = view.focusables();
      if (focusables.length === 0) return;
      const active = view.activeElement();
      const index = focusables.indexOf(active as HTMLElement);
      const next = event.shiftKey
        ? index <= 0 ? focusables.length - 1 : index - 1
        : index === focusables.length - 1 ? 0 : index + 1;
      event.preventDefault();
      focusables[next]?.focus();
    }
  }

  private onScroll(): void {
    const card = this.card;
    if (!card) return;
    const rects = [...liveRange(this.doc, card.mention).getClientRects()];
    const height = this.doc.defaultView?.innerHeight ?? 0;
    if (!rects.some((rect) => rect.bottom >= 0 && rect.top <= height)) {
      this.close(card.pinned);
      return;
    }
    this.reposition();
  }

  private scheduleClose(): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = undefined;
      this.closeCard(false);
    }, CLOSE_GRACE_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  private clearTimers(): void {
    this.cancelClose();
    if (this.dwellTimer !== undefined) clearTimeout(this.dwellTimer);
    this.dwellTimer = undefined;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
