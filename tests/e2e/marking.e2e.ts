/**
 * Marking mentions in the built extension: what gets marked and what never does, the page's DOM
 * left untouched, content added later, pausing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, markCount, paintedMarks, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('marking mentions on pages', () => {
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

  it('marks mentions in the article and nowhere else', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    const report = await session.scanReport(page);
    const marks = await paintedMarks(page);
    const texts = marks.map((mark) => mark.text);
    expect(texts).toEqual(expect.arrayContaining(['Kherson', 'Vladimir Putin', 'Kyiv', 'Sergei Surovikin', 'NATO', 'Херсон', 'Києві', 'Херсона']));
    for (const mark of marks) {
      expect(mark.ancestors).not.toEqual(expect.arrayContaining(['SCRIPT', 'STYLE', 'TEXTAREA', 'NOSCRIPT', 'NAV', 'HEAD']));
      expect(mark.rect.width).toBeGreaterThan(0);
    }
    // Traps are never marked (computing, Campeonato, asesinato, Rasputin, Kyivstar, курс, Херсонес).
    expect(marks.filter((mark) => mark.ancestors.includes('P#p4'))).toEqual([]);
    // Hidden and editable text is not read.
    expect(report.entities.map((entity) => entity.id)).not.toContain('zelensky');
    expect(report.scan?.marks).toBe(marks.length);
    await page.close();
  });

  it('leaves the page’s serialized DOM byte-identical', async () => {
    const page = await session.context.newPage();
    await session.setSettings({ paused: true });
    await page.goto(server.url('/article.html'));
    await session.scanReport(page);
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await session.setSettings({ paused: false });
    await page.reload();
    await waitForMarks(page, 5);
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after).toBe(before);
    await page.close();
  });

  it('marks content inserted after load', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await session.scanReport(page);
    const initial = await markCount(page);
    await page.evaluate(() => {
      const paragraph = document.createElement('p');
      paragraph.textContent = 'Later news: Zelensky visited Kharkiv and Odesa.';
      document.getElementById('later')!.append(paragraph);
    });
    await waitForMarks(page, initial + 1);
    const texts = (await paintedMarks(page)).map((mark) => mark.text);
    expect(texts).toContain('Zelensky');
    await page.close();
  });

  it('removes every mark when paused, and marks again when resumed', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 5);
    await session.setSettings({ paused: true });
    await page.waitForFunction(() => !CSS.highlights.has('backstory-mention') && !CSS.highlights.has('backstory-mention-light'), undefined, { timeout: 10_000 });
    await session.setSettings({ paused: false });
    await waitForMarks(page, 5);
    await session.setSettings({ disabledSites: ['127.0.0.1'] });
    await page.waitForFunction(() => !CSS.highlights.has('backstory-mention') && !CSS.highlights.has('backstory-mention-light'), undefined, { timeout: 10_000 });
    await session.setSettings({ disabledSites: [] });
    await waitForMarks(page, 5);
    await page.close();
  });

  it('decides names for the whole page: the tennis player and a club\'s city are not marked, nor listed in the popup', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/tennis.html'));
    const report = await session.scanReport(page);
    const texts = (await paintedMarks(page)).map((mark) => mark.text);
    // "Daniil Medvedev" decides every later bare "Medvedev" (core/page-sense.ts, one sense per page),
    // "Dynamo Kyiv" is a club; "from Moscow" is the city.
    expect(texts).toEqual(['Moscow']);
    expect(report.entities.map((entity) => entity.id)).toEqual(['moscow']);
    await page.close();
  });

  it('follows a single-page app: navigation, re-rendering and a replaced body', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url('/spa.html'));
    await waitForMarks(page, 1);
    expect((await paintedMarks(page)).map((mark) => mark.text)).toEqual(['Kherson']);

    await page.evaluate(() => (window as unknown as { goToSecond(): void }).goToSecond());
    await page.waitForFunction(() => (((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0)) === 3, undefined, { timeout: 10_000 });
    expect((await paintedMarks(page)).map((mark) => mark.text).sort()).toEqual(['Mykolaiv', 'Odesa', 'Zelensky']);
    const report = await session.scanReport(page);
    expect(report.url).toMatch(/\/spa\/second$/u);
    expect(report.entities.map((entity) => entity.id)).not.toContain('kherson');

    await page.evaluate(() => (window as unknown as { rerender(count: number): Promise<void> }).rerender(21));
    await page.waitForTimeout(600);
    const texts = (await paintedMarks(page)).map((mark) => mark.text);
    expect(texts.filter((text) => text === 'Kharkiv')).toHaveLength(1);
    expect(texts.filter((text) => text === 'Sumy')).toHaveLength(1);

    await page.evaluate(() => (window as unknown as { replaceBody(): void }).replaceBody());
    await page.waitForFunction(() => {
      const highlight = new Set<AbstractRange>([...((CSS.highlights.get('backstory-mention') ?? []) as Iterable<AbstractRange>), ...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)]);
      return highlight?.size === 1 && [...highlight][0]!.startContainer.isConnected;
    }, undefined, { timeout: 10_000 });
    expect((await paintedMarks(page)).map((mark) => mark.text)).toEqual(['Bakhmut']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
