/**
 * The reading room (side panel page): search as you type with highlighted matches and filters, an
 * entity's timeline, the sources with delete/undo, export and import, and opening it from a card.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, SCREENSHOTS_DIR, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

/** An export file with each reader source copied `copies` times (new ids and URLs), header counts updated. */
function multiply(lines: string[], copies: number): string {
  const header = JSON.parse(lines[0]!) as { sources: number; excerpts: number };
  const records = lines.slice(1).map((line) => JSON.parse(line) as { source?: { id: string; url?: string }; excerpt?: { id: string; sourceId: string } });
  const out: string[] = [];
  let sources = 0;
  let excerpts = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const record of records) {
      if (record.source) {
        out.push(JSON.stringify({ source: { ...record.source, id: `${record.source.id}-${copy}`, url: `${record.source.url}?copy=${copy}` } }));
        sources++;
      } else if (record.excerpt) {
        const [sourceId, position] = record.excerpt.id.split('#');
        out.push(JSON.stringify({ excerpt: { ...record.excerpt, id: `${sourceId}-${copy}#${position}`, sourceId: `${record.excerpt.sourceId}-${copy}` } }));
        excerpts++;
      }
    }
  }
  return `${JSON.stringify({ ...header, sources, excerpts })}\n${out.join('\n')}\n`;
}

describe('the reading room', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function panel(hash = ''): Promise<Page> {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(session.extensionUrl(`sidepanel.html${hash}`));
    return page;
  }

  async function addReport(): Promise<void> {
    const article = await session.context.newPage();
    await article.goto(server.url('/report.html'));
    await session.scanReport(article);
    const reply = await session.request({ type: 'add-tab', tabId: await session.tabIdOf(article) });
    expect(reply.ok).toBe(true);
    await article.close();
  }

  it('searches as you type, marking the matches, with prefix and typo tolerance', async () => {
    const page = await panel('#search');
    const box = page.getByRole('searchbox', { name: 'Search the corpus' });
    await box.pressSequentially('withdr', { delay: 30 });
    const results = page.getByRole('list', { name: 'Search results' });
    // Results come as you type: wait for the ones of the whole word typed so far.
    await page.waitForFunction(() => {
      const marks = [...document.querySelectorAll('[aria-label="Search results"] mark.bs-match')].map((mark) => mark.textContent!.toLowerCase());
      return marks.length > 3 && marks.every((mark) => mark.startsWith('withdr'));
    });
    const marks = await results.locator('mark.bs-match').allTextContents();
    expect(marks.length).toBeGreaterThan(3);
    for (const mark of marks) expect(mark.toLowerCase()).toMatch(/^withdr/u);
    await box.fill('Surovkin'); // one letter missing
    // Every result names him (the seed's excerpt, and his key dates in the chronicle).
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[aria-label="Search results"] article')];
      return items.length > 0 && items.every((item) => item.textContent!.includes('Surovikin'));
    });
    // A Cyrillic name finds the excerpts tagged with its entity, whatever spelling they use.
    await box.fill('Херсон');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Search results"] article').length > 3 &&
      [...document.querySelectorAll('[aria-label="Search results"] .bs-match')].some((mark) => mark.textContent === 'Kherson'));
    expect(await results.locator('.bs-match').allTextContents()).toEqual(expect.arrayContaining(['Kherson']));
    await page.close();
  });

  it('filters by entity, date range and source', async () => {
    const page = await panel('#search');
    await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('Ukraine');
    await page.getByText('Filters').click();
    await page.getByLabel('Entity').selectOption('kursk');
    const results = page.getByRole('list', { name: 'Search results' });
    // What the background finds for the same question: only excerpts tagged with Kursk, and the panel shows them all.
    const expected = (await session.request<{ hits: { excerpt: { id: string; entityIds: string[] } }[] }>({ type: 'search', query: 'Ukraine', filters: { entityIds: ['kursk'] }, limit: 20 })).value!;
    expect(expected.hits.length).toBeGreaterThan(0);
    for (const hit of expected.hits) expect(hit.excerpt.entityIds).toContain('kursk');
    await expect.poll(() => results.locator('article').count()).toBe(expected.hits.length);
    await page.getByLabel('Entity').selectOption('');
    await page.getByLabel('From', { exact: true }).fill('2022-03-01');
    await page.getByLabel('To', { exact: true }).fill('2022-03-31');
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="Search results"] time')].length > 0 &&
      [...document.querySelectorAll('[aria-label="Search results"] time')].every((time) => time.getAttribute('datetime')!.startsWith('2022-03')));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Source').selectOption({ index: 1 });
    await page.waitForTimeout(300);
    const sources = new Set(await results.locator('.bs-source').allTextContents());
    expect(sources.size).toBe(1);
    await page.close();
  });

  it('shows an entity: description, spellings, a timeline whose bars filter the list', async () => {
    await addReport(); // a 2024 page about Kyiv and Putin, so the timeline has more than one month
    const page = await panel('#entity=putin');
    await page.getByRole('heading', { name: 'Vladimir Putin', level: 2 }).waitFor();
    expect(await page.locator('.bs-aliases').textContent()).toMatch(/Путин/u);
    const chart = page.getByRole('group', { name: 'Excerpts about Vladimir Putin per month' });
    await chart.waitFor();
    const bars = chart.getByRole('button');
    expect(await bars.count()).toBeGreaterThanOrEqual(3);
    const list = page.getByRole('list', { name: 'Excerpts about Vladimir Putin' });
    const all = await list.locator('article').count();
    const datetimes = await list.locator('time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')!));
    expect([...datetimes].sort()).toEqual(datetimes); // oldest first
    const label = (await bars.first().getAttribute('aria-label'))!;
    await bars.first().click();
    await expect.poll(() => list.locator('article').count()).toBeLessThan(all);
    const filtered = await list.locator('article').count();
    expect(label).toMatch(new RegExp(`: ${filtered} excerpts?$`, 'u'));
    // Keyboard: the same bar again with Enter clears the filter.
    await bars.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.locator('article').count()).toBe(all);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel.png') });
    await page.close();
  });

  it('moves between its tabs with the arrow keys', async () => {
    const page = await panel('#search');
    await page.getByRole('tab', { name: 'Search' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Entities' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: /Remembered as you read/u }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: /Bundled corpus/u }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Track a name' }).waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Names');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Search');
    await page.close();
  });

  it('lists sources with their dates, deletes a reader page with undo', async () => {
    const page = await panel('#sources');
    await page.getByRole('heading', { name: /Bundled corpus \(5\)/u }).waitFor();
    expect(await page.getByText(/Date from an explicit date line/u).count()).toBe(1);
    const yours = page.getByRole('heading', { name: /Your pages \((\d+)\)/u });
    const before = Number(/\((\d+)\)/u.exec((await yours.textContent())!)![1]);
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Delete “Fighting intensifies near Pokrovsk/u }).click();
    await page.getByText(/Deleted “Fighting intensifies near Pokrovsk/u).waitFor();
    await page.getByRole('heading', { name: `Your pages (${before - 1})` }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { name: `Your pages (${before})` }).waitFor();
    await page.close();
  });

  it('exports the reader’s pages and imports them back; a bad file changes nothing', async () => {
    const page = await panel('#sources');
    await page.getByRole('heading', { name: /Your pages \(\d+\)/u }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export your pages' }).click();
    const file = await download;
    const path = join(tmpdir(), `backstory-export-${Date.now()}.jsonl`);
    await file.saveAs(path);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: expect.stringMatching(/backstory/iu) });
    expect(lines.length).toBeGreaterThan(2);

    const bad = join(tmpdir(), `backstory-bad-${Date.now()}.jsonl`);
    writeFileSync(bad, `${lines[0]}\n${lines[1]}\n{"this is": not json}\n`);
    await page.getByLabel('Import a Backstory export file').setInputFiles(bad);
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Nothing was imported .*line 3 of the file is not valid JSON/iu);

    await page.getByLabel('Import a Backstory export file').setInputFiles(path);
    await page.getByText(/Imported [\d,]+ sources? and [\d,]+ excerpts/u).waitFor();
    expect(await page.getByText(/already there, unchanged/u).count()).toBe(1);

    // A large file: its progress shows while it is checked, written and indexed.
    const big = join(tmpdir(), `backstory-big-${Date.now()}.jsonl`);
    writeFileSync(big, multiply(lines, 400));
    await page.getByLabel('Import a Backstory export file').setInputFiles(big);
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor({ timeout: 20_000 });
    await page.getByText(/Imported 400 sources and [\d,]+ excerpts/u).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /Your pages \(\d{3}\)/u }).waitFor();
    await page.close();
  });

  it('opens on the right entity from a card’s “More in side panel”', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/article.html'));
    await waitForMarks(article, 5);
    const card = await CardInspector.attach(article);
    await hoverMention(article, 'NATO');
    await card.waitForContent();
    const button = await card.buttonCentre('More in side panel');
    const opened = session.context.waitForEvent('page', { timeout: 2000 }).catch(() => undefined);
    await article.mouse.move(button.x, button.y, { steps: 3 });
    await article.mouse.click(button.x, button.y);
    // Chrome opens its side panel (not a page Playwright sees); where it cannot, a tab opens instead.
    const tab = await opened;
    const focus = await session.worker.evaluate(async () => (await (globalThis as any).chrome.storage.session.get('panelFocus')).panelFocus);
    expect(focus).toMatchObject({ entityId: 'nato', view: 'entity' });
    const target = tab ?? (await panel());
    await target.getByRole('heading', { name: 'NATO', level: 2 }).waitFor();
    await card.detach();
    await article.close();
    await target.close();
  });
});
