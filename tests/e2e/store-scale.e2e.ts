/**
 * The store at scale, as a reader who relies on export meets it: 100,000 excerpts imported through
 * the reading room, exported everything to a file, then imported into a fresh profile (a wiped
 * store) — and the second store holds the same corpus: the same records exported, the same counts,
 * the same cards. Slow by nature (two imports of 63 MB): one test, generous time.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpusFile } from '../../bench/store-files';
import { type ExtensionSession, launchExtension, stopServiceWorker } from './harness';
import { exportThroughReadingRoom, importThroughReadingRoom } from './reading-room-files';

const EXCERPTS = 100_000;

/** The export's records (every line but the header, which carries the date), as a sorted list of hashes. */
async function recordHashes(path: string): Promise<{ header: Record<string, unknown>; hashes: string[] }> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: Record<string, unknown> | undefined;
  const hashes: string[] = [];
  for await (const line of lines) {
    if (!line) continue;
    if (!header) header = JSON.parse(line) as Record<string, unknown>;
    else hashes.push(createHash('sha1').update(line).digest('base64'));
  }
  return { header: header ?? {}, hashes: hashes.sort() };
}

/** Ask the background as the reading room does; the value, or the error thrown. */
async function ask<T>(session: ExtensionSession, message: unknown): Promise<T> {
  const reply = await session.request<T>(message);
  if (!reply.ok) throw new Error(`${JSON.stringify(message)}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

type Stats = { excerpts: number; sources: number; readerSources: number; entitiesTagged: number };
type Card = { excerpts: { excerpt: { id: string } }[] };
const counted = ({ excerpts, sources, readerSources, entitiesTagged }: Stats) => ({ excerpts, sources, readerSources, entitiesTagged });

describe('the store at 100,000 excerpts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-scale-'));
  const sessions: ExtensionSession[] = [];
  afterAll(async () => {
    for (const session of sessions) await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips export → wipe → import through the reading room', async () => {
    const original = await writeCorpusFile(join(dir, 'corpus.jsonl'), EXCERPTS);

    const first = await launchExtension();
    sessions.push(first);
    const imported = await importThroughReadingRoom(first, original.path);
    expect(imported.message).toContain(`${original.sources.toLocaleString('en-US')} sources and ${EXCERPTS.toLocaleString('en-US')} excerpts`);
    const statsBefore = counted(await ask<Stats>(first, { type: 'stats' }));
    const page = { url: 'https://reading.example/round-trip', title: original.sample[0]!.source.title, date: original.sample[0]!.source.date, entityIds: ['kherson', 'kyiv'] };
    const cardBefore = await ask<Card>(first, { type: 'excerpts-for', entityId: 'kherson', page, limit: 5 });
    const exported = await exportThroughReadingRoom(first);
    await first.close();
    sessions.pop();

    // A wiped store: a new profile.
    const second = await launchExtension();
    sessions.push(second);
    expect((await ask<Stats>(second, { type: 'stats' })).readerSources).toBe(0);
    await importThroughReadingRoom(second, exported.path);
    const statsAfter = counted(await ask<Stats>(second, { type: 'stats' }));
    expect(statsAfter).toEqual(statsBefore);
    expect(statsAfter.excerpts).toBeGreaterThanOrEqual(EXCERPTS);
    const cardAfter = await ask<Card>(second, { type: 'excerpts-for', entityId: 'kherson', page, limit: 5 });
    expect(cardAfter.excerpts.map((view) => view.excerpt.id)).toEqual(cardBefore.excerpts.map((view) => view.excerpt.id));
    expect(cardAfter.excerpts.length).toBe(5);

    // The reading room pages a timeline of tens of thousands of excerpts instead of freezing.
    const timeline = await second.context.newPage();
    await timeline.goto(second.extensionUrl('sidepanel.html#entity=kyiv'));
    const list = timeline.getByRole('list', { name: 'Excerpts about Kyiv' });
    await list.locator('article').first().waitFor();
    expect(await list.locator('article').count()).toBe(50);
    await timeline.getByRole('button', { name: /^Show more \([\d,]+ left\)$/u }).click();
    await expect.poll(() => list.locator('article').count()).toBe(100);
    await timeline.close();

    // The same records come out again.
    const again = await exportThroughReadingRoom(second);
    const [a, b] = await Promise.all([recordHashes(exported.path), recordHashes(again.path)]);
    expect(b.header.counts).toEqual(a.header.counts);
    expect(b.hashes.length).toBe(a.hashes.length);
    expect(b.hashes).toEqual(a.hashes);
    for (const file of [exported.path, again.path]) rmSync(dirname(file), { recursive: true, force: true });
  }, 20 * 60_000);

  it('leaves the corpus as it was, or whole, when the worker is stopped in the middle of an import', async () => {
    const file = await writeCorpusFile(join(dir, 'interrupted.jsonl'), 30_000, 3);
    const session = await launchExtension();
    sessions.push(session);
    const before = counted(await ask<Stats>(session, { type: 'stats' }));
    const outcomes: string[] = [];
    // Stopped while the file is being read and checked, then while the last transaction writes.
    for (const phase of [/Reading and checking/u, /Writing [\d,]+ of/u]) {
      const panel = await session.context.newPage();
      await panel.goto(session.extensionUrl('sidepanel.html#sources'));
      await panel.getByRole('heading', { name: /Your pages/u }).waitFor();
      await panel.getByLabel('Import a Backstory export file').setInputFiles(file.path);
      await panel.getByText(phase).waitFor({ timeout: 120_000 });
      expect(await stopServiceWorker(session, panel)).toBe(true);
      const said = panel.getByRole('alert').or(panel.getByText(/^Imported [\d,]+ sources?/u));
      await said.waitFor({ timeout: 120_000 });
      outcomes.push((await said.textContent()) ?? '');
      await panel.close();
      const after = counted(await ask<Stats>(session, { type: 'stats' }));
      const whole = { ...before, excerpts: before.excerpts + file.excerpts, sources: before.sources + file.sources, readerSources: before.readerSources + file.sources };
      // Nothing in between: as before, or the whole file.
      if (after.excerpts === before.excerpts) expect(after).toEqual(before);
      else expect({ ...after, entitiesTagged: whole.entitiesTagged }).toEqual(whole);
    }
    expect(outcomes[0]).toMatch(/stopped during the import/u);
    // Importing the file again completes it, whatever happened before.
    await importThroughReadingRoom(session, file.path);
    const done = counted(await ask<Stats>(session, { type: 'stats' }));
    expect(done.excerpts).toBe(before.excerpts + file.excerpts);
    expect(done.readerSources).toBe(before.readerSources + file.sources);
  }, 10 * 60_000);
});
