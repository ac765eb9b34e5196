/**
 * Tracking a name the gazetteer lacks, end to end in Chromium: a Russian regional news page names
 * the Kursk governor (Александр Хинштейн) in five cases; tracked from the reading room's Names tab,
 * every occurrence is marked on the open page without a reload, the corpus is re-tagged so that his
 * card shows what an earlier article said, search finds him, and deleting the name takes the marks
 * away. Also: "Not this" in a card (and its undo, in the card and in the options), and the hand-off
 * from the page's context menu to the Names tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, paintedMarks, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

/** His name on the page, in document order: the headline, then five cases in the text. */
const TRACKED = ['Хинштейн', 'Александр Хинштейн', 'Хинштейна', 'Хинштейну', 'Хинштейном', 'Хинштейна', 'Хинштейне'];
const NOTE = 'Врио губернатора Курской области с декабря 2024 года.';

async function markTexts(page: Page): Promise<string[]> {
  return (await paintedMarks(page)).map((mark) => mark.text);
}

async function retagState(session: ExtensionSession): Promise<{ state: string; changed: number } | undefined> {
  return session.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('trackedRetag')).trackedRetag);
}

async function openPanel(session: ExtensionSession): Promise<Page> {
  const panel = await session.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(session.extensionUrl('sidepanel.html'));
  return panel;
}

/** Click a card button the way a reader would (the card is in a closed shadow root). */
async function clickCardButton(page: Page, card: CardInspector, label: string): Promise<void> {
  await card.evaluate(`function (label) {
    const button = [...this.querySelectorAll('button')].find((candidate) => candidate.textContent.trim().startsWith(label));
    if (button) button.scrollIntoView({ block: 'nearest' });
  }`, label);
  const centre = await card.buttonCentre(label);
  await page.mouse.move(centre.x, centre.y, { steps: 3 });
  await page.mouse.click(centre.x, centre.y);
}

async function cardText(card: CardInspector, selector: string): Promise<string> {
  return (await card.evaluate<string>(`function (selector) { return (this.querySelector(selector) || {}).textContent || ''; }`, selector)) ?? '';
}

describe('tracking a name Backstory does not know', () => {
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

  it('marks every occurrence at once, shows his card with what the corpus already said, finds him in search, and unmarks him when deleted', async () => {
    // An earlier article about him goes into the corpus before he is tracked.
    const earlier = await session.context.newPage();
    await earlier.goto(server.url('/kursk-briefing.html'));
    await session.scanReport(earlier);
    const added = await session.request({ type: 'add-tab', tabId: await session.tabIdOf(earlier) });
    expect(added.ok).toBe(true);
    await earlier.close();

    const page = await session.context.newPage();
    await page.goto(server.url('/kursk-governor.html'));
    await waitForMarks(page, 5);
    const before = await markTexts(page);
    expect(before).toEqual(expect.arrayContaining(['Курской', 'Курске', 'Владимир Путин']));
    expect(before.filter((text) => text.includes('Хинштейн'))).toEqual([]);

    const panel = await openPanel(session);
    await panel.getByRole('tab', { name: 'Names' }).click();
    await panel.getByLabel('Name', { exact: true }).fill('Александр Хинштейн');
    await panel.getByLabel(/^Note/u).fill(NOTE);
    const forms = panel.getByRole('list', { name: 'Forms to mark' });
    await expect.poll(async () => (await forms.locator('.bs-track-form-text').allTextContents()))
      .toEqual(expect.arrayContaining(['Александр Хинштейн', 'Хинштейна', 'Хинштейну', 'Хинштейном', 'Хинштейне', 'Александра Хинштейна']));
    await panel.getByRole('button', { name: 'Track', exact: true }).click();
    await panel.getByText(/^Tracking “Александр Хинштейн”/u).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await panel.getByRole('list', { name: 'Names you track' }).textContent()) ?? '').toContain('Александр Хинштейн');

    // The open page marks him everywhere, no reload, and keeps its other marks.
    await expect.poll(async () => (await markTexts(page)).filter((text) => text.includes('Хинштейн')), { timeout: 15_000 }).toEqual(TRACKED);
    expect(await markTexts(page)).toEqual(expect.arrayContaining(before));
    const report = await session.sendToTab<{ entities: { name: string; count: number }[] }>(page, { type: 'page-entities' });
    expect(report.entities.find((entity) => entity.name === 'Александр Хинштейн')?.count).toBe(TRACKED.length);

    // The corpus is re-tagged in the background, with its progress in the reading room.
    await expect.poll(() => retagState(session), { timeout: 20_000 }).toMatchObject({ state: 'done' });
    expect((await retagState(session))?.changed).toBeGreaterThanOrEqual(3);
    await panel.getByText(/Your corpus is up to date with your names/u).waitFor({ timeout: 10_000 });

    // His card: the name, the reader's note, and the earlier article's excerpts.
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Хинштейну');
    await expect.poll(async () => (await card.waitForContent()).excerpts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const content = await card.waitForContent();
    expect(content.label).toContain('Александр Хинштейн');
    expect(content.kind).toMatch(/Person/u);
    expect(content.description).toBe(NOTE);
    expect(content.excerpts.every((excerpt) => excerpt.source.includes('Сейм-Инфо'))).toBe(true);
    expect(content.excerpts.flatMap((excerpt) => excerpt.emphasised)).toEqual(expect.arrayContaining(['Хинштейн']));
    await page.mouse.move(5, 5);
    await card.detach();

    // Search finds his excerpts, and he is in the entity filter.
    await panel.getByRole('tab', { name: 'Search' }).click();
    await panel.getByRole('searchbox', { name: 'Search the corpus' }).fill('Хинштейном');
    await panel.getByText(/^3 excerpts/u).waitFor({ timeout: 10_000 });
    await panel.locator('summary', { hasText: 'Filters' }).click();
    await expect.poll(() => panel.getByRole('combobox', { name: 'Entity' }).locator('option').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/^Александр Хинштейн \(3\)$/u)]));

    // Deleted: the marks go, without a reload; the bundled ones stay.
    await panel.getByRole('tab', { name: 'Names' }).click();
    await panel.getByRole('button', { name: 'Delete Александр Хинштейн' }).click();
    await panel.getByText(/No longer tracking “Александр Хинштейн”/u).waitFor();
    await expect.poll(async () => (await markTexts(page)).filter((text) => text.includes('Хинштейн')), { timeout: 15_000 }).toEqual([]);
    expect(await markTexts(page)).toEqual(expect.arrayContaining(before));
    // And the corpus forgets his tags.
    await expect.poll(async () => Object.keys((await session.request<Record<string, number>>({ type: 'entity-counts' })).value ?? {})
      .filter((id) => id.startsWith('tracked-')), { timeout: 20_000 }).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('opens the Names tab filled in, as the page’s context menu asks', async () => {
    await session.worker.evaluate(async () => {
      await (globalThis as any).chrome.storage.session.set({ panelFocus: { view: 'names', track: { name: 'Вадим Філашкін' }, at: Date.now() } });
    });
    const panel = await openPanel(session);
    await expect.poll(() => panel.getByRole('tab', { name: 'Names' }).getAttribute('aria-selected')).toBe('true');
    expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe('Вадим Філашкін');
    // Ukrainian letters: Ukrainian rules, and his forms are ready to review.
    expect(await panel.getByRole('checkbox', { name: 'Ukrainian' }).isChecked()).toBe(true);
    expect(await panel.getByRole('checkbox', { name: 'Russian' }).isChecked()).toBe(false);
    await expect.poll(async () => panel.getByRole('list', { name: 'Forms to mark' }).locator('.bs-track-form-text').allTextContents())
      .toEqual(expect.arrayContaining(['Філашкіна', 'Вадима Філашкіна']));
    // A name Backstory already marks is refused with the reason.
    await panel.getByLabel('Name', { exact: true }).fill('Херсон');
    await panel.getByRole('alert').filter({ hasText: 'Backstory already marks “Херсон” as Kherson' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Track', exact: true }).isDisabled()).toBe(true);
    await panel.close();
  });

  it('"Not this" stops marking a word on this site, says how to undo it, and the options undo it too', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/kursk-governor.html'));
    await waitForMarks(page, 5);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Курске');
    await card.waitForContent();
    await clickCardButton(page, card, 'Not this');
    await expect.poll(() => cardText(card, '.bs-not-this-status')).toMatch(/^Backstory no longer marks “Курске” as Kursk on 127\.0\.0\.1\. Undo/u);
    await expect.poll(async () => (await markTexts(page)).includes('Курске')).toBe(false);
    expect(await markTexts(page)).toContain('Курской');
    await clickCardButton(page, card, 'Undo');
    await expect.poll(async () => (await markTexts(page)).includes('Курске')).toBe(true);
    await expect.poll(() => cardText(card, '.bs-not-this-status')).toBe('“Курске” is marked as Kursk on 127.0.0.1 again.');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.isOpen()).toBe(false);

    // Again, and undone from the options this time.
    await hoverMention(page, 'Курске');
    await card.waitForContent();
    await clickCardButton(page, card, 'Not this');
    await expect.poll(async () => (await markTexts(page)).includes('Курске')).toBe(false);
    await card.detach();
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const list = options.getByRole('list', { name: 'Marks you turned off' });
    expect(await list.textContent()).toContain('“Курске” as Kursk, on 127.0.0.1');
    await options.getByRole('button', { name: 'Undo: mark “Курске” as Kursk on 127.0.0.1 again' }).click();
    await expect.poll(async () => (await markTexts(page)).includes('Курске'), { timeout: 10_000 }).toBe(true);
    await options.close();
    await page.close();
  });
});
