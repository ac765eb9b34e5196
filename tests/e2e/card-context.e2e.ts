/**
 * What the reader can tell before and after hovering: light marks for names with nothing behind
 * them yet, general names marked only on pages about the war, an empty card's next steps, and a
 * source's other excerpts one click away in the reading room.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, paintedMarks, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

/** The texts of the marks drawn full and light. */
async function markStyles(page: Page): Promise<{ full: string[]; light: string[] }> {
  return page.evaluate(() => {
    const texts = (name: string) => [...((CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>)].map((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return live.toString();
    }).sort();
    return { full: texts('backstory-mention'), light: texts('backstory-mention-light') };
  });
}

/** Bring a card button into the card's view and return its centre. */
async function cardButton(card: CardInspector, label: string): Promise<{ x: number; y: number }> {
  await card.evaluate(`function (label) {
    const button = [...this.querySelectorAll('button')].find((candidate) => candidate.textContent.trim().startsWith(label));
    if (button) button.scrollIntoView({ block: 'nearest' });
  }`, label);
  return card.buttonCentre(label);
}

async function panelFocus(session: ExtensionSession): Promise<unknown> {
  return session.worker.evaluate(async () => (await (globalThis as any).chrome.storage.session.get('panelFocus')).panelFocus);
}

describe('what the marks and the card say about what Backstory knows', () => {
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

  it('marks general names only on a page about the war', async () => {
    const summit = await session.context.newPage();
    await summit.goto(server.url('/summit.html'));
    const report = await session.scanReport(summit);
    // Macron, Scholz, Biden, the EU and the UN, on a page about tariffs: nothing is marked or listed.
    expect(report.entities).toEqual([]);
    expect(await paintedMarks(summit)).toEqual([]);
    await summit.close();

    const frontline = await session.context.newPage();
    await frontline.goto(server.url('/frontline.html'));
    await waitForMarks(frontline, 6);
    const texts = (await paintedMarks(frontline)).map((mark) => mark.text);
    expect(texts).toEqual(expect.arrayContaining(['Vovchansk', 'Kharkiv', 'Emmanuel Macron', 'United Nations', 'Kherson']));
    await frontline.close();
  });

  it('offers next steps on a card with no excerpts: remember, add, search', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/frontline.html'));
    await waitForMarks(page, 6);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'United Nations');
    const content = await card.waitForContent();
    expect(content.description.length).toBeGreaterThan(20);
    expect(content.keyDates.length).toBeGreaterThanOrEqual(2);
    expect(content.excerpts).toEqual([]);
    expect(content.empty).toMatch(/No excerpts about United Nations from your pages yet, beyond its key dates/u);
    expect(content.buttons).toEqual(expect.arrayContaining(['Remember the articles you read', 'Search your corpus for “United Nations”', 'Add this page']));

    const search = await cardButton(card, 'Search your corpus for');
    await page.mouse.move(search.x, search.y, { steps: 3 });
    await page.mouse.click(search.x, search.y);
    await expect.poll(() => panelFocus(session)).toMatchObject({ view: 'search', search: { query: 'United Nations' } });
    await card.detach();
    await page.close();
  });

  it('draws names with only a description and key dates light, and in full once a page about them is added', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/frontline.html'));
    await waitForMarks(page, 6);
    await page.waitForFunction(() => CSS.highlights.has('backstory-mention-light'), undefined, { timeout: 10_000 });
    const before = await markStyles(page);
    // Kharkiv and Kherson have excerpts in the bundled corpus; Vovchansk and Macron only key dates.
    expect(before.full).toEqual(expect.arrayContaining(['Kharkiv', 'Kherson']));
    expect(before.light).toEqual(expect.arrayContaining(['Vovchansk', 'Emmanuel Macron']));
    expect(before.full).not.toContain('Vovchansk');

    const reply = await session.request({ type: 'add-tab', tabId: await session.tabIdOf(page) });
    expect(reply.ok).toBe(true);
    // No reload: the list in storage changes and the page redraws its marks.
    await page.waitForFunction(() => {
      const light = [...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)];
      return !light.some((range) => range.startContainer.textContent?.slice(range.startOffset, range.endOffset) === 'Vovchansk');
    }, undefined, { timeout: 10_000 });
    expect((await markStyles(page)).full).toContain('Vovchansk');
    await page.close();
  });

  it('shows a source’s other excerpts one click away, in the reading room', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 5);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kherson');
    const content = await card.waitForContent();
    const more = content.buttons.find((text) => /^All \d+ from this source \(.+\), in the reading room$/u.test(text));
    expect(more).toBeDefined();
    const count = Number(/\d+/u.exec(more!)![0]);
    const button = await cardButton(card, `All ${count} from this source`);
    await page.mouse.move(button.x, button.y, { steps: 3 });
    await page.mouse.click(button.x, button.y);
    await expect.poll(() => panelFocus(session)).toMatchObject({ view: 'search', search: { sourceId: expect.any(String) } });
    const { search } = (await panelFocus(session)) as { search: { sourceId: string } };
    await card.detach();
    await page.close();

    // The reading room opens on the search, filtered to that source: all its excerpts, newest first.
    const panel = await session.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await session.worker.evaluate(async (sourceId) => {
      await (globalThis as any).chrome.storage.session.set({ panelFocus: { view: 'search', search: { sourceId }, at: Date.now() } });
    }, search.sourceId);
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByText(new RegExp(`^${count} excerpts?`, 'u')).waitFor({ timeout: 10_000 });
    expect(await panel.getByRole('combobox', { name: 'Source' }).inputValue()).toBe(search.sourceId);
    await panel.close();
  });
});
