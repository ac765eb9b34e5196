/**
 * What the reader added to the marking of this page, beside the bundled gazetteer:
 *
 * - the names they track (lib/tracked-names.ts), compiled into a small spotter of their own, whose
 *   mentions the scanner merges with the bundled ones (page-scanner.ts `ScanAdditions`), and whose
 *   entities the card shows;
 * - the marks they turned off on this site ("Not this" in a card, lib/settings.ts `unmarked`).
 *
 * Both are read from storage when the page path starts, without waking the background (the request
 * for the tracked names leaves beside the settings', boot-time.ts `askEarly`), and followed as they
 * change: `onChange` is told, and the page is read again (no reload).
 */
import type { Entity } from '../../core/gazetteer';
import { type Spotter, compileSpotter } from '../../core/spotter';
import { type TrackedName, trackedEntity, trackedGazetteer } from '../../core/tracked-names';
import { type Settings, type UnmarkedForm, turnOffMark, turnOnMark, unmarkKey, watchSettings } from '../../lib/settings';
import { watchTrackedNames } from '../../lib/tracked-names';
import type { ScanAdditions } from './page-scanner';

export class ReaderNames {
  private spotter: Spotter | undefined;
  private readonly entities = new Map<string, Entity>();
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
  async ready(early: Promise<TrackedName[]>): Promise<void> {
    this.take(await early);
    if (this.unwatch.length > 0) return;
    this.unwatch.push(
      watchTrackedNames((names) => {
        this.take(names);
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
  entityById(id: string): Entity | undefined {
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

  private take(names: TrackedName[]): void {
    this.entities.clear();
    for (const name of names) this.entities.set(name.id, trackedEntity(name));
    try {
      // Built whole now (a few forms): a bad one fails here, not in the middle of reading the page.
      this.spotter = names.length > 0 ? compileSpotter(trackedGazetteer(names)).compileAll() : undefined;
    } catch {
      // A list the background would refuse too: mark nothing of it rather than break the page.
      this.spotter = undefined;
    }
  }
}
