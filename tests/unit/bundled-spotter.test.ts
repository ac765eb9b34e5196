/**
 * The bundled spotter content scripts start from: compiled and stored by the background
 * (entrypoints/background/bundled-spotter.ts) stamped with the build's id, read from storage by the
 * page (lib/bundled-spotter.ts) only when it is this build's, and written again when a page asks.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import SPOTTER_BUILD from 'virtual:spotter-build';
import { compileSpotter, spotterFromSnapshot } from '../../core/spotter';
import { bundledSpotterFor, storeBundledSpotter } from '../../entrypoints/background/bundled-spotter';
import { BUNDLED_SPOTTER_KEY, getStoredSpotter, parseStoredSpotter } from '../../lib/bundled-spotter';
import { gazetteer } from '../../lib/gazetteer-data';
import { spotterBuildId } from '../../scripts/spotter-build-plugin';

const TEXT = 'Під Курськом і в Херсоні: Zelensky met Rutte in Kyiv; в Киеве сообщили о Сырском.';
const found = (text: string, spotter: { spot(text: string): { text: string; entity: { id: string } }[] }) => spotter.spot(text).map((mention) => `${mention.text}=${mention.entity.id}`);

describe('the bundled spotter in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is this build’s: the id is the hash of what the gazetteer compiles to', () => {
    expect(SPOTTER_BUILD).toMatch(/^[0-9a-f]{16}$/u);
    expect(spotterBuildId(gazetteer)).toBe(SPOTTER_BUILD);
    // Another gazetteer, another id.
    expect(spotterBuildId({ ...gazetteer, entities: gazetteer.entities.slice(1) })).not.toBe(SPOTTER_BUILD);
  });

  it('is stored by the background and read back by a page; the spotter it makes finds what the compiled one finds', async () => {
    expect(await getStoredSpotter(SPOTTER_BUILD)).toBeUndefined();
    await storeBundledSpotter();
    const snapshot = await getStoredSpotter(SPOTTER_BUILD);
    expect(snapshot).toBeDefined();
    const fromStorage = found(TEXT, spotterFromSnapshot(snapshot!));
    expect(fromStorage).toEqual(found(TEXT, compileSpotter(gazetteer)));
    expect(fromStorage).toEqual(expect.arrayContaining(['Курськом=kursk', 'Херсоні=kherson', 'Zelensky=zelensky', 'Kyiv=kyiv', 'Киеве=kyiv']));
  });

  it('is refused when another build stored it or it is damaged, and written again when a page asks', async () => {
    const stored = await storeBundledSpotter();
    await fakeBrowser.storage.local.set({ [BUNDLED_SPOTTER_KEY]: { ...stored, build: 'an-older-build00' } });
    expect(await getStoredSpotter(SPOTTER_BUILD)).toBeUndefined();
    expect(parseStoredSpotter({ build: SPOTTER_BUILD, snapshot: { ...stored.snapshot, format: 0 } }, SPOTTER_BUILD)).toBeUndefined();
    expect(parseStoredSpotter('junk', SPOTTER_BUILD)).toBeUndefined();
    const answer = await bundledSpotterFor();
    expect(answer.build).toBe(SPOTTER_BUILD);
    expect(await getStoredSpotter(SPOTTER_BUILD)).toEqual(answer.snapshot);
  });

  it('still answers a page when storage refuses the write (a full disk)', async () => {
    const set = fakeBrowser.storage.local.set;
    fakeBrowser.storage.local.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    try {
      const answer = await bundledSpotterFor();
      expect(found('Kherson', spotterFromSnapshot(answer.snapshot))).toEqual(['Kherson=kherson']);
    } finally {
      fakeBrowser.storage.local.set = set;
    }
    expect(await getStoredSpotter(SPOTTER_BUILD)).toBeUndefined();
  });
});
