/**
 * The built extension loads in Chromium: the service worker starts and installs the bundled corpus,
 * the content script runs on a page, and the popup, side panel and options pages render.
 */
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

  it('starts the service worker with the manifest Chrome needs', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/u);
    const manifest = await session.worker.evaluate(() => (globalThis as any).chrome.runtime.getManifest());
    expect(manifest).toMatchObject({ name: 'Backstory', manifest_version: 3, side_panel: { default_path: 'sidepanel.html' } });
    expect(manifest.permissions.sort()).toEqual(['contextMenus', 'sidePanel', 'storage', 'unlimitedStorage']);
  });

  it('installs the bundled corpus in IndexedDB on first run', async () => {
    const stats = (await session.request<{ sources: number; excerpts: number }>({ type: 'stats' })).value!;
    expect(stats.sources).toBe(5);
    expect(stats.excerpts).toBeGreaterThan(40);
  });

  it('runs the content script on a page served over http', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/'));
    expect(await waitForMarks(page, 3)).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('renders the popup with the entities of the tab', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/'));
    await session.scanReport(article);
    const tabId = await session.tabIdOf(article);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.getByRole('list', { name: 'Places' }).getByText('Kherson').waitFor();
    expect(await popup.getByRole('list', { name: 'People' }).getByText('Vladimir Putin').count()).toBe(1);
    await popup.close();
    await article.close();
  });

  it('renders the side panel and the options page', async () => {
    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html#sources'));
    await panel.getByRole('heading', { name: /Bundled corpus \(5\)/u }).waitFor();
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.getByLabel('Pause Backstory on every site').waitFor();
    await panel.close();
    await options.close();
  });
});
