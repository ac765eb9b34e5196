// @vitest-environment node
/**
 * The precompiled spotter content scripts start from (core/spotter-compile.ts `spotterSnapshot` and
 * core/spotter.ts `spotterFromSnapshot`, in the compact code of core/spotter-automaton.ts, stored by
 * the background: lib/bundled-spotter.ts) finds exactly what a freshly compiled one finds, the code
 * reads back to the same tries and records, and a damaged or foreign snapshot is refused.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../core/gazetteer';
import { type Spotter, type SpotterSnapshot, compileSpotter, spotterFromSnapshot, spotterSnapshot } from '../../core/spotter';
import { type FrozenTrie, aliasCount, decodeAliases, decodeTrie, encodeAliases, encodeTrie } from '../../core/spotter-automaton';
import { TEST_GAZETTEER } from './spotter-fixture';

const root = join(import.meta.dirname, '..', '..');
const gazetteer = JSON.parse(readFileSync(join(root, 'data', 'entities.json'), 'utf8')) as Gazetteer;
const passages = readFileSync(join(root, 'tests', 'spotter-eval', 'passages.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { text: string; lang?: string });
const FIXTURES = join(root, '..', 'shared', 'fixtures', 'readability-pages');

/** The text of a saved page, crudely: no head, scripts or styles, tags as spaces, a few entities. */
function pageText(html: string): string {
  return html
    .replace(/<(head|script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&nbsp;/gu, '\u00a0')
    .replace(/&shy;/gu, '\u00ad')
    .replace(/&amp;/gu, '&');
}

interface Internals {
  buckets: (FrozenTrie & { built: boolean })[];
  aliases: Parameters<typeof encodeAliases>[0];
}

/** Through JSON, as the bundle carries it. */
function shipped(spotter: Spotter): SpotterSnapshot {
  return JSON.parse(JSON.stringify(spotterSnapshot(spotter))) as SpotterSnapshot;
}

describe('the precompiled spotter', () => {
  const fresh = compileSpotter(gazetteer);
  const snapshot = shipped(compileSpotter(gazetteer));
  const restored = spotterFromSnapshot(snapshot);

  it('finds the same mentions as a fresh compile on every labelled passage', () => {
    expect(passages.length).toBeGreaterThan(300);
    for (const passage of passages) {
      expect(restored.spot(passage.text, { lang: passage.lang ?? null })).toEqual(fresh.spot(passage.text, { lang: passage.lang ?? null }));
    }
  });

  it('finds the same matches and page context on the text of the saved news pages', () => {
    const pages = existsSync(FIXTURES)
      ? readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'source.html')))
      : [];
    expect(pages.length).toBeGreaterThanOrEqual(30);
    let matches = 0;
    for (const name of pages) {
      const text = pageText(readFileSync(join(FIXTURES, name, 'source.html'), 'utf8'));
      const expected = fresh.findMatches(text);
      const found = restored.findMatches(text);
      // Alias groups are numbered in the order they are met: compare what they stand for.
      expect(found.map((match) => [match.start, match.end, match.terminal < 0])).toEqual(expected.map((match) => [match.start, match.end, match.terminal < 0]));
      expect(restored.pageContext([{ matches: found }])).toEqual(fresh.pageContext([{ matches: expected }]));
      expect(restored.spot(text)).toEqual(fresh.spot(text));
      matches += found.length;
    }
    expect(matches).toBeGreaterThan(200);
  });

  it('has the same forms and nodes as the compiled tries', () => {
    expect(restored.formCount).toBe(fresh.formCount);
    expect(restored.nodeCount).toBe(fresh.nodeCount);
  });

  it('reads every trie back to the same trie: decoding and writing again gives the same code', () => {
    const alphabet = snapshot.alphabet;
    for (const encoded of snapshot.buckets) {
      const trie = decodeTrie(encoded, alphabet);
      expect(encodeTrie(trie, alphabet)).toBe(encoded[4]);
      expect(trie.edgeLabel.length).toBe(encoded[2]);
      expect(trie.linkEndings.length).toBe(encoded[3]);
    }
  });

  it('reads the alias records back as they were compiled', () => {
    const aliases = (compileSpotter(gazetteer).compileAll() as unknown as Internals).aliases;
    expect(decodeAliases(encodeAliases(aliases))).toEqual(aliases);
    expect(aliases.some((alias) => alias.caseRule === 'exact')).toBe(true);
    expect(aliases.some((alias) => alias.anchorToken > 0)).toBe(true);
  });

  it('is printable ASCII with nothing to escape in a string literal, and far smaller than the gazetteer', () => {
    const codes = [snapshot.aliases, ...snapshot.buckets.map((bucket) => bucket[4])];
    expect(Object.values(snapshot.signatures).every((signature) => /^[Ul]+$/u.test(signature))).toBe(true);
    for (const code of codes) expect(code).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/u);
    const tries = snapshot.buckets.reduce((sum, bucket) => sum + bucket[4].length, 0);
    expect(tries).toBeLessThan(fresh.nodeCount * 3);
    expect(JSON.stringify(snapshot).length).toBeLessThan(JSON.stringify(gazetteer).length);
  });

  it('keeps of each entity what a page needs, and no description or alias', () => {
    expect(restored.entityById('kyiv')).toEqual({ id: 'kyiv', name: 'Kyiv', kind: 'place', cues: gazetteer.entities.find((entity) => entity.id === 'kyiv')!.cues });
    expect(restored.isGeneral('nato')).toBe(true);
    expect(restored.isGeneral('kyiv')).toBe(false);
    for (const entity of snapshot.entities) expect(Object.keys(entity).filter((key) => key === 'description' || key === 'aliases')).toEqual([]);
  });

  it('builds nothing up front: tries are decoded on first use', () => {
    const lazy = spotterFromSnapshot(snapshot);
    const internals = lazy as unknown as Internals;
    expect(internals.buckets.every((bucket) => !bucket.built)).toBe(true);
    lazy.spot('Kyiv');
    expect(internals.buckets.filter((bucket) => bucket.built)).toHaveLength(1);
  });

  it('reads the alias records a page matches, not all of them', () => {
    const lazy = spotterFromSnapshot(snapshot);
    const internals = lazy as unknown as Internals;
    expect(internals.aliases.filter(Boolean)).toHaveLength(0);
    expect(lazy.spot('Zelensky visited Kharkiv and Kherson; in Kyiv, Київ and Kiev.').map((mention) => mention.entity.id))
      .toEqual(['zelensky', 'kharkiv', 'kherson', 'kyiv', 'kyiv', 'kyiv']);
    const read = internals.aliases.filter(Boolean).length;
    expect(read).toBeGreaterThanOrEqual(6);
    expect(read).toBeLessThan(20);
    expect(aliasCount(snapshot)).toBeGreaterThan(1000);
  });

  it('refuses a damaged code or another format instead of matching wrongly', () => {
    const damaged = structuredClone(snapshot);
    const bucket = damaged.buckets[0]!;
    bucket[4] = bucket[4].slice(0, -3);
    expect(() => spotterFromSnapshot(damaged).compileAll()).toThrow(/Spotter automaton/u);
    expect(() => spotterFromSnapshot({ ...snapshot, format: 1 })).toThrow(/another format/u);
    expect(() => spotterFromSnapshot(undefined as unknown as SpotterSnapshot)).toThrow(/another format/u);
  });

  it('round-trips the small test gazetteer (every case rule, shared forms, cues)', () => {
    const small = compileSpotter(TEST_GAZETTEER);
    const back = spotterFromSnapshot(shipped(compileSpotter(TEST_GAZETTEER)));
    const texts = [
      'Russia left Kherson and Київ; у Херсоні, в Херсонесе нет.',
      'The Kursk submarine sank; fighting in Курской области went on.',
      'NATO and Nato, not nato.',
    ];
    for (const text of texts) expect(back.spot(text)).toEqual(small.spot(text));
  });
});
