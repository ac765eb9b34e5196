/**
 * "Remember the articles I read" in the built extension: asked on the first-run page, off by
 * default (a page read for the dwell time is not kept), on from the options switch; then three
 * articles in Ukrainian, Russian and German read for the dwell time become the backstory of a
 * person they all name, in the card on a fourth page, with their dates and "read on"; a private
 * reading session is never kept; the popup pauses it; "Your reading" lists and forgets.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../core/schema';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

const DWELL_SECONDS = 3;

function article(lang: string, title: string, date: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="${date}T09:00:00Z"><meta property="og:site_name" content="Test ${lang.toUpperCase()} News"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header><main><article><h1>${title}</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}
</article></main><footer>© Test News</footer></body></html>`;
}

const PAGES: Record<string, string> = {
  '/uk/zelensky-kharkiv.html': article('uk', 'Зеленський відвідав Харків після нічних ударів', '2024-05-14', [
    'Президент Володимир Зеленський у вівторок приїхав до Харкова, де зустрівся з військовими та представниками міської влади. Місто майже щоночі потерпає від ракетних ударів і атак керованими авіабомбами.',
    'Зеленський заявив, що Харкову потрібні додаткові системи протиповітряної оборони, і пообіцяв, що уряд виділить кошти на укриття для шкіл та лікарень у прифронтових районах області.',
    'Мешканці Харкова розповідали журналістам, що звикли до сирен, але останні тижні були найважчими з початку року: пошкоджено друкарню, кілька житлових будинків і підстанцію.',
  ]),
  '/ru/zelensky-odessa.html': article('ru', 'Зеленский провел совещание в Одессе', '2024-03-07', [
    'Владимир Зеленский в среду провел в Одессе совещание по безопасности морского коридора, по которому из портов продолжают выходить суда с зерном, несмотря на регулярные обстрелы побережья.',
    'По словам Зеленского, за последние месяцы через коридор прошли сотни судов, а защита портов Одессы остается одной из главных задач для военных и для партнеров Украины, которые поставляют системы ПВО.',
    'Во время визита в порт рядом с колонной взорвалась ракета; местные власти сообщили о погибших и раненых, а в городе на несколько часов отключили электричество.',
  ]),
  '/de/selenskyj-saporischschja.html': article('de', 'Selenskyj besucht die Front bei Saporischschja', '2023-06-27', [
    'Der ukrainische Präsident Wolodymyr Selenskyj hat am Dienstag Stellungen nahe Saporischschja besucht und sich dort von Kommandeuren über den Verlauf der Gegenoffensive unterrichten lassen.',
    'Selenskyj sprach von schwierigen Kämpfen und dankte den Soldaten, die trotz dichter Minenfelder langsam vorrückten. Aus Saporischschja wurden zugleich neue Angriffe auf zivile Ziele gemeldet.',
    'Beobachter in Kyjiw und im Ausland warnten davor, schnelle Erfolge zu erwarten: Die Verteidigungslinien im Süden seien über Monate ausgebaut worden und nur mit hohen Verlusten zu durchbrechen.',
  ]),
  '/en/zelensky-today.html': article('en', 'Zelensky meets governors of front-line regions', '2025-01-20', [
    'Volodymyr Zelensky met the governors of Kharkiv, Odesa and Zaporizhzhia regions on Monday to discuss how the country will get through the rest of the winter, as strikes on the power grid continued.',
    'Officials said the meeting focused on generators, shelters and the repair of substations, and that Zelensky asked for a report on every region within two weeks.',
  ]),
};

describe('remembering the articles the reader reads', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    for (const [path, body] of Object.entries(PAGES)) server.route(path, body);
    session = await launchExtension({ keepWelcome: true });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function ask<T>(message: unknown): Promise<T> {
    const reply = await session.request<T>(message);
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as T;
  }
  const remembered = async () => (await ask<SourceRecord[]>({ type: 'list-sources' })).filter((source) => source.remembered);

  /** Open a page, wait for its marks, keep it in front for the dwell time and a little more. */
  async function read(path: string): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(server.url(path));
    await waitForMarks(page, 2);
    await page.bringToFront();
    await page.waitForTimeout(DWELL_SECONDS * 1000 + 1500);
    return page;
  }

  it('asks once, on the first-run page, and is off until the reader says yes', async () => {
    const welcome = session.context.pages().find((page) => page.url().endsWith('/welcome.html'))
      ?? (await session.context.waitForEvent('page', { predicate: (page) => page.url().endsWith('/welcome.html'), timeout: 10_000 }));
    await welcome.getByRole('heading', { name: 'Remember the articles you read?' }).waitFor();
    expect(await welcome.getByRole('button', { name: 'Yes, remember the articles I read' }).isVisible()).toBe(true);
    await welcome.getByRole('button', { name: 'Not now' }).click();
    await welcome.getByRole('status').filter({ hasText: /only keep the pages you add/u }).waitFor();
    await welcome.close();

    // A short dwell for the test; still off, so reading keeps nothing.
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.evaluate(async (seconds) => {
      const chrome = (globalThis as any).chrome;
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, dwellSeconds: seconds } });
    }, DWELL_SECONDS);
    await options.close();
    const page = await read('/uk/zelensky-kharkiv.html');
    await page.close();
    expect(await remembered()).toEqual([]);
  });

  it('remembers articles in three languages once switched on, and a fourth page’s card shows them, dated and “read on”', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const toggle = options.getByRole('checkbox', { name: 'Remember the articles I read' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(() => options.locator('#bs-dwell').isEnabled()).toBe(true);
    expect(await options.locator('#bs-dwell').inputValue()).toBe(String(DWELL_SECONDS));
    await options.close();

    for (const path of ['/uk/zelensky-kharkiv.html', '/ru/zelensky-odessa.html', '/de/selenskyj-saporischschja.html']) {
      const page = await read(path);
      await expect.poll(async () => (await remembered()).some((source) => source.url === server.url(path)), { timeout: 10_000 }).toBe(true);
      await page.close();
    }
    const kept = await remembered();
    expect(kept.map((source) => [source.lang, source.date.slice(0, 10)]).sort()).toEqual([['de', '2023-06-27'], ['ru', '2024-03-07'], ['uk', '2024-05-14']]);
    for (const source of kept) expect(source.readAt).toMatch(/^\d{4}-\d{2}-\d{2}T/u);

    const fourth = await session.context.newPage();
    await fourth.goto(server.url('/en/zelensky-today.html'));
    await waitForMarks(fourth, 3);
    const card = await CardInspector.attach(fourth);
    await hoverMention(fourth, 'Volodymyr Zelensky');
    const content = await card.waitForContent();
    const dates = content.excerpts.map((excerpt) => excerpt.datetime?.slice(0, 10));
    expect(new Set(dates)).toEqual(new Set(['2023-06-27', '2024-03-07', '2024-05-14']));
    const text = await card.evaluate<string>('function () { return this.textContent; }');
    expect(text).toMatch(/read on/u);
    await card.detach();
    // The fourth page was not read for the dwell time yet: it is not remembered.
    expect((await remembered()).some((source) => source.url === server.url('/en/zelensky-today.html'))).toBe(false);
    await fourth.close();
  });

  it('is paused from the popup, and “Your reading” lists, finds and forgets', async () => {
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    await popup.getByRole('checkbox', { name: 'Pause remembering the articles I read' }).check();
    await popup.close();
    const page = await read('/en/zelensky-today.html');
    await page.close();
    expect((await remembered()).some((source) => source.url === server.url('/en/zelensky-today.html'))).toBe(false);

    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html#reading'));
    await panel.getByRole('heading', { name: 'Remembered as you read (3)' }).waitFor();
    await panel.getByRole('status').filter({ hasText: 'Remembering is paused.' }).waitFor();
    await panel.getByRole('button', { name: 'Resume' }).click();
    await panel.getByLabel('Find in your reading').fill('Одес');
    await expect.poll(() => panel.locator('.bs-source-item').count()).toBe(1);
    await panel.getByLabel('Find in your reading').fill('');
    await panel.getByRole('button', { name: /^Delete “Selenskyj/u }).click();
    await panel.getByRole('heading', { name: 'Remembered as you read (2)' }).waitFor();
    await panel.getByRole('button', { name: 'Undo' }).click();
    await panel.getByRole('heading', { name: 'Remembered as you read (3)' }).waitFor();
    await panel.getByRole('button', { name: 'Forget everything remembered' }).click();
    await panel.getByRole('button', { name: 'Forget', exact: true }).click();
    await panel.getByRole('heading', { name: 'Remembered as you read (0)' }).waitFor();
    expect(await remembered()).toEqual([]);
    await panel.close();
  });

  it('never remembers a huge page, whose extraction would hold the page up', async () => {
    const paragraph = '<p>Officials in Kyiv and Kharkiv met again to discuss the power grid, the repair of substations and the shelters that schools will need this winter, and agreed to meet again next week.</p>';
    server.route('/huge.html', article('en', 'A very long page about Kyiv and Kharkiv', '2024-02-01', []).replace('</article>', `${paragraph.repeat(2600)}</article>`));
    const page = await read('/huge.html');
    await page.close();
    expect((await remembered()).some((source) => source.url === server.url('/huge.html'))).toBe(false);
  });
});
