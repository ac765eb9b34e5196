/**
 * The built extension loads in Chromium: the service worker starts and installs the bundled corpus,
 * the content script runs on a page, and the popup, side panel and options pages render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, EXTENSION_DIR, type ExtensionSession, launchExtension, waitForMarks } from './harness';
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
    // The runtime manifest has the name resolved from _locales (the built file says __MSG_extName__).
    expect(manifest).toMatchObject({ name: 'Backstory', default_locale: 'en', manifest_version: 3, side_panel: { default_path: 'sidepanel.html' } });
    expect(manifest.permissions.sort()).toEqual(['contextMenus', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage']);
    // The sites the content script already runs on, nothing more (no new install warning).
    expect(manifest.host_permissions).toEqual(manifest.content_scripts[0].matches);
  });

  it('gives every keyboard command a key that Chromium really assigns, and the options page shows them', async () => {
    // _execute_action (the toolbar button) has no key unless the reader gives it one.
    const commands = (await session.worker.evaluate(() => (globalThis as any).chrome.commands.getAll()) as { name: string; shortcut: string }[])
      .filter((command) => !command.name.startsWith('_'));
    expect(commands.map((command) => command.name).sort()).toEqual(['add-page', 'open-side-panel', 'show-card']);
    for (const command of commands) expect(command.shortcut, command.name).toMatch(/^Alt\+Shift\+[A-Z]$/u);
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const keys = options.getByRole('list', { name: 'Keyboard shortcuts' }).locator('kbd');
    await keys.nth(2).waitFor();
    expect((await keys.allTextContents()).sort()).toEqual(commands.map((command) => command.shortcut).sort());
    expect(await options.getByText('No key set').count()).toBe(0);
    await options.close();
  });

  it('installs the bundled corpus in IndexedDB on first run', async () => {
    const stats = (await session.request<{ sources: number; excerpts: number }>({ type: 'stats' })).value!;
    // Five documents, and the chronicle: one source of key dates per entity.
    expect(stats.sources).toBe(5 + 234);
    expect(stats.excerpts).toBeGreaterThan(40 + 2 * 234);
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

describe('a tab opened before Backstory was installed', () => {
  it('is marked without a reload, and the popup sees its entities', async () => {
    const server = await startStaticServer();
    const profile = mkdtempSync(join(tmpdir(), 'backstory-e2e-'));
    // No extension at launch: it is installed while the page is open, as a reader installs it.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      // Playwright turns extensions off unless told otherwise; this flag lets CDP install one.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...CHROMIUM_ARGS, '--enable-unsafe-extension-debugging'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url('/article.html'));
      await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
      const cdp = await context.browser()!.newBrowserCDPSession();
      const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never)) as { id: string };
      expect(await waitForMarks(page, 5)).toBeGreaterThanOrEqual(5);
      expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${id}/options.html`);
      // Host permissions let the extension find the tab by its address.
      const tabId = await popup.evaluate(async (url) => {
        const [tab] = await (globalThis as any).chrome.tabs.query({ url });
        return tab.id as number;
      }, server.url('/article.html'));
      await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
      await popup.getByRole('list', { name: 'Places' }).getByText('Kherson').waitFor();
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await server.close();
    }
  });
});
