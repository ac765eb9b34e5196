import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('the built extension in headless Chromium', () => {
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

  it('starts the service worker', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/u);
    const stats = await session.worker.evaluate(() => chrome.runtime.getManifest().name);
    expect(stats).toBe('Backstory');
  });

  it('runs the content script on a page and marks mentions', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/'));
    expect(await waitForMarks(page, 3)).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('renders the popup with the entities of a tab', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/'));
    await waitForMarks(article);
    const tabId = await session.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return tab?.id;
    }, server.url('/'));
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await expect(popup.getByRole('list', { name: 'Entities on this page' })).toBeDefined();
    await popup.getByText('Kherson').first().waitFor();
    expect(await popup.getByText('Vladimir Putin').count()).toBeGreaterThan(0);
    await popup.close();
    await article.close();
  });

  it('renders the side panel and the options page', async () => {
    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByRole('list', { name: 'Sources' }).waitFor();
    expect(await panel.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.getByLabel('Pause Backstory on every site').waitFor();
    await panel.close();
    await options.close();
  });
});
