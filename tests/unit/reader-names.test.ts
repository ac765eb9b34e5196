/**
 * The reader's additions to marking a page: tracked names found beside the bundled ones (the
 * scanner's second spotter, merged), marks turned off on a site ("Not this") skipped, and both
 * followed from storage with the page read again, no reload.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Gazetteer } from '../../core/gazetteer';
import { compileSpotter, spotterFromSnapshot } from '../../core/spotter';
import { type TrackedName, trackedGazetteer } from '../../core/tracked-names';
import { createMarker } from '../../entrypoints/content/marker';
import { PageMentions } from '../../entrypoints/content/page-mentions';
import { PageScanner, type ScanAdditions } from '../../entrypoints/content/page-scanner';
import { ReaderNames } from '../../entrypoints/content/reader-names';
import { DEFAULT_SETTINGS, getSettings, parseSettings, turnOffMark, turnOnMark, unmarkKey, updateSettings } from '../../lib/settings';
import { TRACKED_KEY, deleteTrackedName, refreshTrackedSpotter, saveTrackedName } from '../../lib/tracked-names';
import { TRACKED_SPOTTER_KEY, getTrackedSpotter, parseTrackedSpotter } from '../../lib/tracked-spotter';

const gazetteer: Gazetteer = {
  version: 1,
  paradigms: { 'ru-m': ['', 'а', 'у', 'ом', 'е'] },
  entities: [
    { id: 'kursk', name: 'Kursk', kind: 'place', description: 'City.', aliases: ['Kursk', 'Курск{ru-m}'] },
    { id: 'kherson', name: 'Kherson', kind: 'place', description: 'City.', aliases: ['Kherson', 'Херсон{ru-m}'] },
  ],
};
const spotter = compileSpotter(gazetteer);
const STAMP = '2025-12-06T10:00:00.000Z';

function tracked(id: string, name: string, forms: string[]): TrackedName {
  return { id, name, kind: 'person', langs: ['ru'], spellings: [], forms, removed: [], added: [], created: STAMP, updated: STAMP };
}
const KHINSHTEIN = tracked('tracked-khinshtein-000001', 'Александр Хинштейн', ['Александр Хинштейн', 'Хинштейн', 'Хинштейна', 'Хинштейну']);
const PORT = { ...tracked('tracked-port-000002', 'Курский порт', ['Курский порт', 'Курского порта']), kind: 'place' as const };

function setUp(html: string) {
  document.body.innerHTML = html;
  const mentions = new PageMentions(document, createMarker(document));
  const scanner = new PageScanner(document, spotter, mentions, () => undefined, () => Promise.resolve());
  return { mentions, scanner };
}

/** The painted marks (text=entity), sorted: the <mark> fallback paints a run from its end. */
const texts = (mentions: PageMentions) => [...mentions.paintedMentions()].map((mention) => `${mention.text}=${mention.entityId}`).sort();
const sorted = (list: string[]) => [...list].sort();

describe('the scanner with the reader’s additions', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('marks tracked names beside the bundled ones, the longer name winning where they overlap', async () => {
    const { mentions, scanner } = setUp('<p>Врио губернатора Александр Хинштейн приехал в Курск.</p><p>О работе Курского порта рассказал Хинштейну заместитель.</p><p>Курска нет.</p>');
    scanner.setAdditions({ spotter: compileSpotter(trackedGazetteer([KHINSHTEIN, PORT])) });
    await scanner.scanAll();
    expect(texts(mentions)).toEqual(sorted([
      `Александр Хинштейн=${KHINSHTEIN.id}`, 'Курск=kursk', `Курского порта=${PORT.id}`, `Хинштейну=${KHINSHTEIN.id}`, 'Курска=kursk',
    ]));
    expect(mentions.entities().find((entity) => entity.id === KHINSHTEIN.id)).toMatchObject({ name: 'Александр Хинштейн', count: 2 });
  });

  it('skips the marks turned off, and reads the page again when the additions change, without a gap', async () => {
    const { mentions, scanner } = setUp('<p>Хинштейн в Курске, Хинштейна ждут в Херсоне.</p>');
    await scanner.scanAll();
    expect(texts(mentions)).toEqual(sorted(['Курске=kursk', 'Херсоне=kherson']));
    const additions: ScanAdditions = { spotter: compileSpotter(trackedGazetteer([KHINSHTEIN])), skip: (mention) => mention.text === 'Херсоне' };
    scanner.setAdditions(additions);
    const stats = await scanner.rescan();
    expect(stats?.marks).toBe(3);
    expect(texts(mentions)).toEqual(sorted([`Хинштейн=${KHINSHTEIN.id}`, 'Курске=kursk', `Хинштейна=${KHINSHTEIN.id}`]));
    scanner.setAdditions({});
    await scanner.rescan();
    expect(texts(mentions)).toEqual(sorted(['Курске=kursk', 'Херсоне=kherson']));
    scanner.stop();
    expect(await scanner.rescan()).toBeUndefined();
  });
});

describe('ReaderNames (storage → the page)', () => {
  it('reads the tracked names at start and follows them; the card finds their entities', async () => {
    await saveTrackedName(KHINSHTEIN);
    const seen: ScanAdditions[] = [];
    // The names as read at start (boot-time.ts askEarly); later changes come through the watcher.
    const names = new ReaderNames('kursk-news.example', (additions) => seen.push(additions));
    await names.ready(getTrackedSpotter());
    expect(names.entityById(KHINSHTEIN.id)?.name).toBe('Александр Хинштейн');
    await saveTrackedName(PORT);
    await saveTrackedName({ ...KHINSHTEIN, note: 'Governor.' });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(names.entityById(KHINSHTEIN.id)).toMatchObject({ name: 'Александр Хинштейн', description: 'Governor.' });
    expect(names.entityById(PORT.id)?.kind).toBe('place');
    expect(seen.at(-1)?.spotter?.spot('Курского порта и Хинштейна').map((mention) => mention.entity.id)).toEqual([PORT.id, KHINSHTEIN.id]);
    names.stop();
  });

  it('turns a mark off on its site only, and back on', async () => {
    const changes: number[] = [];
    const names = new ReaderNames('kursk-news.example', () => changes.push(1));
    await names.ready(getTrackedSpotter());
    names.useSettings(await getSettings());
    const entry = await names.turnOff('Курска’s', { id: 'kursk', name: 'Kursk' });
    expect(entry).toEqual({ site: 'kursk-news.example', form: 'Курска', entityId: 'kursk', name: 'Kursk' });
    expect((await getSettings()).unmarked).toEqual([entry]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(names.isUnmarked('КУРСКА', 'kursk')).toBe(true);
    expect(names.isUnmarked('Курска', 'kherson')).toBe(false);
    expect(changes.length).toBe(1);
    // Another site's list does not touch this page.
    await turnOffMark({ site: 'other.example', form: 'Херсона', entityId: 'kherson', name: 'Kherson' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changes.length).toBe(1);
    await names.turnOn(entry);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(names.isUnmarked('Курска', 'kursk')).toBe(false);
    expect(changes.length).toBe(2);
    names.stop();
  });
});

describe('the tracked names compiled for the page (lib/tracked-spotter.ts)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is written with every change of the list, and gone with its last name', async () => {
    expect(await getTrackedSpotter()).toBeUndefined();
    await saveTrackedName(KHINSHTEIN);
    await saveTrackedName({ ...PORT, note: 'The river port of Kursk.' });
    const stored = await getTrackedSpotter();
    expect(stored?.snapshot.entities.map((entity) => entity.id)).toEqual([KHINSHTEIN.id, PORT.id]);
    expect(stored?.notes).toEqual({ [PORT.id]: 'The river port of Kursk.' });
    // The snapshot marks what the compiled list marks.
    const text = 'Хинштейну показали Курский порт.';
    const fromSnapshot = spotterFromSnapshot(stored!.snapshot).spot(text).map((mention) => `${mention.text}=${mention.entity.id}`);
    expect(fromSnapshot).toEqual(compileSpotter(trackedGazetteer([KHINSHTEIN, PORT])).spot(text).map((mention) => `${mention.text}=${mention.entity.id}`));
    expect(fromSnapshot).toEqual([`Хинштейну=${KHINSHTEIN.id}`, `Курский порт=${PORT.id}`]);
    await deleteTrackedName(KHINSHTEIN.id);
    expect((await getTrackedSpotter())?.snapshot.entities.map((entity) => entity.id)).toEqual([PORT.id]);
    await deleteTrackedName(PORT.id);
    expect(await getTrackedSpotter()).toBeUndefined();
    expect((await fakeBrowser.storage.local.get(TRACKED_SPOTTER_KEY))[TRACKED_SPOTTER_KEY]).toBeUndefined();
  });

  it('is stored again after an update when missing or of another format, and left alone when current', async () => {
    // A list kept by a version that stored no compiled form.
    await fakeBrowser.storage.local.set({ [TRACKED_KEY]: [KHINSHTEIN] });
    expect(await getTrackedSpotter()).toBeUndefined();
    expect(await refreshTrackedSpotter()).toBe(true);
    expect((await getTrackedSpotter())?.snapshot.entities.map((entity) => entity.id)).toEqual([KHINSHTEIN.id]);
    expect(await refreshTrackedSpotter()).toBe(false);
    // Another format is read as absent, then replaced.
    const stored = (await fakeBrowser.storage.local.get(TRACKED_SPOTTER_KEY))[TRACKED_SPOTTER_KEY] as { snapshot: { format: number } };
    await fakeBrowser.storage.local.set({ [TRACKED_SPOTTER_KEY]: { ...stored, snapshot: { ...stored.snapshot, format: -1 } } });
    expect(await getTrackedSpotter()).toBeUndefined();
    expect(parseTrackedSpotter('junk')).toBeUndefined();
    expect(await refreshTrackedSpotter()).toBe(true);
    expect(await getTrackedSpotter()).toBeDefined();
    // No names and nothing stored: nothing to write.
    await fakeBrowser.storage.local.clear();
    expect(await refreshTrackedSpotter()).toBe(false);
  });
});

describe('the settings’ list of marks turned off', () => {
  it('checks each entry, keeps one per site, form and entity, and undoes by form', async () => {
    const entry = { site: 'a.example', form: 'Medvedev', entityId: 'medvedev', name: 'Dmitry Medvedev' };
    expect(parseSettings({ unmarked: [entry, { ...entry, form: 'MEDVEDEV' }, { ...entry, site: '' }, 7, { ...entry, entityId: 3 }] }).unmarked).toEqual([entry]);
    expect(parseSettings({ unmarked: 'x' }).unmarked).toEqual([]);
    expect(unmarkKey('Medvedev’s', 'medvedev')).toBe(unmarkKey('medvedev', 'medvedev'));
    await updateSettings({ ...DEFAULT_SETTINGS });
    await turnOffMark(entry);
    await turnOffMark(entry);
    expect((await getSettings()).unmarked).toEqual([entry]);
    await turnOnMark({ site: 'a.example', form: 'medvedev', entityId: 'medvedev' });
    expect((await getSettings()).unmarked).toEqual([]);
    expect(fakeBrowser).toBeDefined();
  });
});
