/**
 * What the reader added to the marking of this page, beside the bundled gazetteer:
 *
 * - the names they track, as a small spotter of their own compiled where they are saved
 *   (lib/tracked-spotter.ts), whose mentions the scanner merges with the bundled ones
 *   (page-scanner.ts `ScanAdditions`), and whose entities the card shows (the note as description);
 * - the marks they turned off on this site ("Not this" in a card, lib/settings.ts `unmarked`).
 *
 * Both are read from storage when the page path starts, without waking the background (the request
 * for the tracked names leaves beside the settings', boot-time.ts `askEarly`), and followed as they
 * change: `onChange` is told, and the page is read again (no reload).
 */
import type { Entity } from '../../core/gazetteer';
import { type Spotter, type SpotterEntity, spotterFromSnapshot } from '../../core/spotter';
import { TRACKED_DESCRIPTION } from '../../core/tracked-names';
import { type Settings, type UnmarkedForm, turnOffMark, turnOnMark, unmarkKey, watchSettings } from '../../lib/settings';
import { type TrackedSpotter, watchTrackedSpotter } from '../../lib/tracked-spotter';
import type { ScanAdditions } from './page-scanner';

export class ReaderNames {
  private spotter: Spotter | undefined;
  private readonly entities = new Map<string, SpotterEntity & { description?: string }>();
  /** Keys (core of lib/settings.ts `unmarkKey`) of the marks turned off on this site. */
  private unmarked = new Set<string>();
  private unwatch: (() => void)[] = [];

  constructor(
    /** The page's site (host name), or undefined where Backstory never marks. */
    private readonly site: string | undefined,
    /** Told when what is marked changed (names tracked or deleted, marks turned off or on here). */
    private readonly onChange: (additions: ScanAdditions) => void,
  ) {}

  /** What the scanner adds; the skip test reads the current list each time. */
  get additions(): ScanAdditions {
    return { ...(this.spotter ? { spotter: this.spotter } : {}), skip: (mention) => this.isUnmarked(mention.text, mention.entity.id) };
  }

  /** Resolves when the tracked names asked for at start are in; then follows changes. */
  async ready(early: Promise<TrackedSpotter | undefined>): Promise<void> {
    this.take(await early);
    if (this.unwatch.length > 0) return;
    this.unwatch.push(
      watchTrackedSpotter((tracked) => {
        this.take(tracked);
        this.onChange(this.additions);
      }),
      watchSettings((settings) => {
        if (this.useSettings(settings)) this.onChange(this.additions);
      }),
    );
  }

  stop(): void {
    for (const unwatch of this.unwatch.splice(0)) unwatch();
  }

  /** Take the settings' list of marks turned off; true when it changed for this site. */
  useSettings(settings: Settings): boolean {
    const next = new Set(settings.unmarked.filter((entry) => entry.site === this.site).map((entry) => unmarkKey(entry.form, entry.entityId)));
    const changed = next.size !== this.unmarked.size || [...next].some((key) => !this.unmarked.has(key));
    this.unmarked = next;
    return changed;
  }

  isUnmarked(text: string, entityId: string): boolean {
    return this.unmarked.size > 0 && this.unmarked.has(unmarkKey(text, entityId));
  }

  /** A tracked name's entity (the card's name, kind and note). */
  entityById(id: string): (SpotterEntity & { description?: string }) | undefined {
    return this.entities.get(id);
  }

  /** "Not this": stop marking this written form as this entity on this site. */
  async turnOff(text: string, entity: Pick<Entity, 'id' | 'name'>): Promise<UnmarkedForm> {
    if (!this.site) throw new Error('Backstory does not mark this page.');
    const entry: UnmarkedForm = { site: this.site, form: text.replace(/['’ʼ‘]s$/u, '').trim(), entityId: entity.id, name: entity.name };
    await turnOffMark(entry);
    return entry;
  }

  /** Undo "Not this". */
  async turnOn(entry: Pick<UnmarkedForm, 'site' | 'form' | 'entityId'>): Promise<void> {
    await turnOnMark(entry);
  }

  private take(tracked: TrackedSpotter | undefined): void {
    this.entities.clear();
    this.spotter = undefined;
    if (!tracked) return;
    for (const entity of tracked.snapshot.entities) {
      this.entities.set(entity.id, { ...entity, description: tracked.notes[entity.id] ?? TRACKED_DESCRIPTION });
    }
    try {
      this.spotter = spotterFromSnapshot(tracked.snapshot);
    } catch {
      // Stored by another version: the background stores it again after an update; mark nothing of it meanwhile.
      this.spotter = undefined;
    }
  }
}
