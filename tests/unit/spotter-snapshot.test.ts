// @vitest-environment node
/**
 * The precompiled spotter the content script ships (core/spotter.ts `snapshot` and
 * `spotterFromSnapshot`, built by scripts/spotter-snapshot-plugin.ts) finds exactly what a freshly
 * compiled one finds, and a snapshot of other data is never used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../core/gazetteer';
import { compileSpotter, spotterFromSnapshot } from '../../core/spotter';
import { TEST_GAZETTEER } from './spotter-fixture';

const root = join(import.meta.dirname, '..', '..');
const gazetteer = JSON.parse(readFileSync(join(root, 'data', 'entities.json'), 'utf8')) as Gazetteer;
const passages = readFileSync(join(root, 'tests', 'spotter-eval', 'passages.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { text: string; lang?: string });

describe('the precompiled spotter', () => {
  const fresh = compileSpotter(gazetteer);
  // Through JSON, as the bundle carries it.
  const snapshot = JSON.parse(JSON.stringify(compileSpotter(gazetteer).snapshot()));
  const restored = spotterFromSnapshot(gazetteer, snapshot);

  it('finds the same mentions as a fresh compile on every labelled passage', () => {
    expect(passages.length).toBeGreaterThan(300);
    for (const passage of passages) {
      expect(restored.spot(passage.text, { lang: passage.lang ?? null })).toEqual(fresh.spot(passage.text, { lang: passage.lang ?? null }));
    }
  });

  it('builds nothing up front: tries are decoded on first use', () => {
    const lazy = spotterFromSnapshot(gazetteer, snapshot) as unknown as { buckets: { built: boolean }[] };
    expect(lazy.buckets.every((bucket) => !bucket.built)).toBe(true);
    (lazy as unknown as { spot(text: string): unknown }).spot('Kyiv');
    expect(lazy.buckets.filter((bucket) => bucket.built)).toHaveLength(1);
  });

  it('falls back to compiling when the snapshot belongs to other data', () => {
    const other = compileSpotter(TEST_GAZETTEER).snapshot();
    const spotter = spotterFromSnapshot(gazetteer, other);
    expect(spotter.spot('Russia left Kherson and Київ.').map((mention) => mention.entity.id)).toEqual(['kherson', 'kyiv']);
    expect(spotterFromSnapshot(gazetteer, undefined).spot('NATO').map((mention) => mention.entity.id)).toEqual(['nato']);
  });
});
