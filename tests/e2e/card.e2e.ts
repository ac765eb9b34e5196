/**
 * The hover card in the built extension: hover intent, dated excerpts, the closed shadow root,
 * closing, keyboard access, and a screenshot for the README.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, SCREENSHOTS_DIR, type ExtensionSession, hoverMention, launchExtension, stopServiceWorker, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('the hover card', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startStaticServer();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function openArticle(): Promise<{ page: Page; card: CardInspector }> {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 5);
    return { page, card: await CardInspector.attach(page) };
  }

  it('opens after a short rest on a mention, with dated excerpts about the entity', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'Kherson');
    // Not at once: the reader must rest on the mention.
    await page.waitForTimeout(120);
    expect(await card.isOpen()).toBe(false);
    const content = await card.waitForContent();
    expect(content.label).toContain('Kherson');
    expect(content.kind).toMatch(/place/iu);
    expect(content.description.length).toBeGreaterThan(20);
    expect(content.excerpts.length).toBeGreaterThanOrEqual(3);
    expect(content.excerpts.length).toBeLessThanOrEqual(5);
    for (const excerpt of content.excerpts) {
      expect(excerpt.datetime).toMatch(/^\d{4}-\d{2}-\d{2}/u);
      expect(excerpt.date).not.toBe('');
      expect(excerpt.source).not.toBe('');
      expect(excerpt.emphasised.some((text) => /Kherson|Херсон/u.test(text))).toBe(true);
    }
    // The video transcript links to the moment in the video.
    const videoLinks = content.excerpts.map((excerpt) => excerpt.link).filter((link) => link?.includes('youtube.com'));
    for (const link of videoLinks) expect(link).toMatch(/[?&]t=\d+s/u);
    expect(content.buttons).toEqual(expect.arrayContaining([expect.stringMatching(/^More in side panel/u), 'Add this page']));
    await card.detach();
    await page.close();
  });

  it('takes the README screenshot on the demo news page', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1100, height: 760 });
    server.route('/demo.html', readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'demo', 'index.html'), 'utf8'));
    await page.goto(server.url('/demo.html'));
    await waitForMarks(page, 10);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    await page.evaluate(() => scrollTo(0, 0));
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'card.png') });
    await card.detach();
    await page.close();
  });

  it('marks a page while the background sleeps; the first card wakes it and shows the description it sends', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/empty.html'));
    expect(await stopServiceWorker(session, page)).toBe(true);
    const workerRunning = async () => {
      const cdp = await session.context.newCDPSession(page);
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
        return targetInfos.some((target) => target.type === 'service_worker' && target.url.includes(session.extensionId));
      } finally {
        await cdp.detach();
      }
    };
    await expect.poll(workerRunning).toBe(false);
    // Marking needs nothing from the background: the page is marked and the worker still sleeps.
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 5);
    await page.waitForTimeout(300);
    expect(await workerRunning()).toBe(false);
    // The card brings what draws it and its excerpts, with the description, from the worker it wakes.
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kherson');
    const content = await card.waitForContent();
    expect(content.label).toContain('Kherson');
    const gazetteer = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'entities.json'), 'utf8')) as { entities: { id: string; description: string }[] };
    expect(content.description).toBe(gazetteer.entities.find((entity) => entity.id === 'kherson')!.description);
    expect(content.excerpts.length).toBeGreaterThan(0);
    expect(await workerRunning()).toBe(true);
    await card.detach();
    await page.close();
  });

  it('says which spelling was seen when it differs from the canonical name', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'Києві');
    const content = await card.waitForContent();
    expect(content.label).toContain('Kyiv');
    expect(content.seenAs).toContain('Києві');
    await card.detach();
    await page.close();
  });

  it('is closed to the page: no shadow root, no text, no excerpts readable from page scripts', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    const seenByPage = await page.evaluate(() => {
      const host = document.querySelector('backstory-card');
      return { exists: !!host, shadowRoot: host?.shadowRoot ?? null, text: host?.textContent ?? '', html: host?.innerHTML ?? '' };
    });
    expect(seenByPage).toEqual({ exists: true, shadowRoot: null, text: '', html: '' });
    await card.detach();
    await page.close();
  });

  it('stays open while the pointer moves into it, and closes when it leaves', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    const box = (await card.box())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 30, { steps: 6 });
    await page.waitForTimeout(500);
    expect(await card.isOpen()).toBe(true);
    await page.mouse.move(1200, 880, { steps: 4 });
    await page.waitForTimeout(600);
    expect(await card.isOpen()).toBe(false);
    await card.detach();
    await page.close();
  });

  it('closes on Escape and on a click elsewhere', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'NATO');
    await card.waitForContent();
    await page.keyboard.press('Escape');
    expect(await card.isOpen()).toBe(false);
    await hoverMention(page, 'NATO');
    await card.waitForContent();
    await page.mouse.click(1200, 20);
    expect(await card.isOpen()).toBe(false);
    await card.detach();
    await page.close();
  });

  it('follows the pointer from one mention to another across a gap, and opens the second card', async () => {
    server.route('/columns.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two columns</title>
<style>body { margin: 0; font: 18px/1.5 sans-serif; } .cols { display: flex; justify-content: space-between; padding: 80px 40px; }</style></head>
<body><div class="cols"><p>Shelling hit Kherson overnight.</p><p>Fighting went on near Bakhmut.</p></div></body></html>`);
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url('/columns.html'));
    await waitForMarks(page, 2);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kherson');
    expect((await card.waitForContent()).label).toContain('Kherson');
    // Across the gap to the other column, at a reader's pace, then rest there.
    const target = await page.evaluate(() => {
      const paragraph = document.querySelectorAll('p')[1]!;
      const text = paragraph.firstChild!;
      const range = document.createRange();
      const at = text.textContent!.indexOf('Bakhmut');
      range.setStart(text, at);
      range.setEnd(text, at + 'Bakhmut'.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await expect.poll(async () => (await card.read())?.label ?? '', { timeout: 5000 }).toContain('Bakhmut');
    await card.detach();
    await page.close();
  });

  it('stays open when the page adds content next to its mention', async () => {
    const { page, card } = await openArticle();
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    // A live blog adds a note to the paragraph and a post to the article: the paragraph is read
    // again, and the card stays on its word, still emphasised.
    await page.evaluate(() => {
      const note = document.createElement('span');
      note.textContent = ' (updated)';
      document.getElementById('p1')!.append(note);
      const post = document.createElement('p');
      post.textContent = 'Update: power was restored to part of the city this morning.';
      document.querySelector('article')!.append(post);
    });
    await page.waitForTimeout(800);
    expect(await card.isOpen()).toBe(true);
    expect((await card.read())?.label).toContain('Kherson');
    const active = await page.evaluate(() => [...((CSS.highlights.get('backstory-active') ?? []) as Iterable<AbstractRange>)].map((range) =>
      range.startContainer.textContent!.slice(range.startOffset, range.endOffset)));
    expect(active).toEqual(['Kherson']);
    await card.detach();
    await page.close();
  });

  it('opens from the keyboard command on the selected mention, takes focus, and gives it back on Escape', async () => {
    const { page, card } = await openArticle();
    await page.evaluate(() => {
      const text = document.getElementById('p2')!.lastChild!; // " Surovikin announced … NATO …"
      const range = document.createRange();
      const offset = text.textContent!.indexOf('NATO');
      range.setStart(text, offset + 1);
      range.collapse(true);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const shown = await session.sendToTab<{ shown: boolean }>(page, { type: 'show-card-for-selection' });
    expect(shown.shown).toBe(true);
    const content = await card.waitForContent();
    expect(content.label).toContain('NATO');
    expect(content.focused).not.toBeNull();
    // Tab moves through the card and stays inside it (more presses than the card has stops: it cycles).
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = (await card.read())?.focused;
      expect(focused).not.toBeNull();
      seen.add(focused!);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['×', 'Add this page']));
    await page.keyboard.press('Escape');
    expect(await card.isOpen()).toBe(false);
    await card.detach();
    await page.close();
  });

  it('opens on the next mention on screen when nothing is selected', async () => {
    const { page, card } = await openArticle();
    await page.evaluate(() => getSelection()!.removeAllRanges());
    const labels: string[] = [];
    for (let press = 0; press < 3; press++) {
      await session.sendToTab(page, { type: 'show-card-for-selection' });
      await page.waitForTimeout(150);
      labels.push((await card.waitForContent()).label);
    }
    // Reading order: the headline's Kherson, the first paragraph's Kherson, then Vladimir Putin.
    expect(labels).toEqual(['Backstory: Kherson', 'Backstory: Kherson', 'Backstory: Vladimir Putin']);
    await card.detach();
    await page.close();
  });

  it('works on a page with a strict Content-Security-Policy', async () => {
    server.route('/csp.html', '<!doctype html><title>Strict</title><body><p>Kyiv and Kharkiv under attack; NATO responds.</p></body>', {
      'content-security-policy': "default-src 'none'; style-src 'self'; script-src 'none'",
    });
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(server.url('/csp.html'));
    await waitForMarks(page, 3);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kharkiv');
    const content = await card.waitForContent();
    expect(content.label).toContain('Kharkiv');
    // Styled (the stylesheet was not blocked): the card has its rounded border and shadow.
    const style = await card.evaluate<{ radius: string; shadow: string }>(`function () {
      const style = getComputedStyle(this.querySelector('.bs-card'));
      return { radius: style.borderTopLeftRadius, shadow: style.boxShadow };
    }`);
    expect(style?.radius).toBe('10px');
    expect(style?.shadow).not.toBe('none');
    expect(errors.filter((error) => /Content Security Policy|Refused/iu.test(error))).toEqual([]);
    await card.detach();
    await page.close();
  });

  it('flips above the mention at the bottom of the viewport', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 500 });
    const filler = '<p>Filler paragraph.</p>'.repeat(40);
    server.route('/bottom.html', `<!doctype html><title>Bottom</title><body>${filler}<p id="last">At the very end: Zelensky spoke.</p>${filler}</body>`);
    await page.goto(server.url('/bottom.html'));
    await waitForMarks(page, 1);
    await page.evaluate(() => {
      const last = document.getElementById('last')!;
      scrollTo(0, last.getBoundingClientRect().top + scrollY - innerHeight + 40);
    });
    const rect = await page.evaluate(() => document.getElementById('last')!.getBoundingClientRect().toJSON());
    const card = await CardInspector.attach(page);
    await page.mouse.move(rect.x + 150, rect.y + rect.height / 2);
    await page.mouse.move(rect.x + 160, rect.y + rect.height / 2);
    await card.waitForContent();
    const box = (await card.box())!;
    expect(box.y + box.height).toBeLessThanOrEqual(rect.y + 1);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await card.detach();
    await page.close();
  });
});
