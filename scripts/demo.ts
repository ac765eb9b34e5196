/**
 * `npm run demo`: opens Chromium (or Chrome) with the freshly built extension (.output/chrome-mv3)
 * in a throw-away profile, on a demo news page served from 127.0.0.1. Hover an underlined name.
 *
 * Without a display (a server, CI) it runs headless instead, opens a card on the demo page, saves
 * a screenshot to demo-screenshot.png and exits.
 *
 * Loading the extension: Chromium (and Chrome before 137) take `--load-extension`; branded Google
 * Chrome 137+ ignores that flag, so when no extension worker appears the demo installs the build
 * through the DevTools protocol (`Extensions.loadUnpacked`, allowed by
 * `--enable-unsafe-extension-debugging`). If neither works it says so and what to do, and exits
 * with an error instead of opening a browser without Backstory.
 *
 * Environment: CHROMIUM_PATH to choose the browser; DEMO_PORT to choose the port (default: any);
 * DEMO_LOAD=cdp to skip `--load-extension` and use the DevTools protocol (how it is tested).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { type BrowserContext, chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extension = join(root, '.output', 'chrome-mv3');
const demoPage = join(root, 'assets', 'demo', 'index.html');

function findBrowser(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  // Chromium first: it loads the build from the command line.
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // not on PATH
    }
  }
  throw new Error('No Chromium or Chrome found. Install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.');
}

if (!existsSync(join(extension, 'manifest.json'))) {
  console.error('No build in .output/chrome-mv3: run `npm run build` first (npm run demo does).');
  process.exit(1);
}

const html = readFileSync(demoPage);
const server = createServer((request, response) => {
  if (request.url === '/' || request.url?.startsWith('/?')) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }
});
await new Promise<void>((resolve) => server.listen(Number(process.env.DEMO_PORT ?? 0), '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const browserPath = findBrowser();
const useFlag = process.env.DEMO_LOAD !== 'cdp';
const profile = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: false,
  viewport: headless ? { width: 1280, height: 860 } : null,
  // Playwright turns extensions off by default.
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [
    ...(headless ? ['--headless=new'] : []),
    ...(useFlag ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
    '--enable-unsafe-extension-debugging',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});
const cleanUp = () => {
  server.close();
  rmSync(profile, { recursive: true, force: true });
};

/** Whether Backstory's worker is running, waiting up to `ms` for it. */
async function extensionRunning(browserContext: BrowserContext, ms: number): Promise<boolean> {
  const running = () => browserContext.serviceWorkers().some((worker) => worker.url().startsWith('chrome-extension://'));
  if (running()) return true;
  await browserContext.waitForEvent('serviceworker', { timeout: ms }).catch(() => undefined);
  return running();
}

let loaded = useFlag && (await extensionRunning(context, 5_000));
if (!loaded) {
  try {
    const cdp = await context.browser()!.newBrowserCDPSession();
    await cdp.send('Extensions.loadUnpacked' as never, { path: extension } as never);
    loaded = await extensionRunning(context, 10_000);
  } catch (error) {
    console.error(`Installing through the DevTools protocol failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (!loaded) {
  const version = execFileSync(browserPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  console.error(`${version} (${browserPath}) did not load Backstory.`);
  console.error('Branded Google Chrome 137 and later refuse extensions given on the command line. Either:');
  console.error('  - install Chromium (Debian: apt-get install chromium) and run `npm run demo` again (or set CHROMIUM_PATH), or');
  console.error(`  - load it by hand: chrome://extensions → Developer mode → Load unpacked → ${extension}`);
  await context.close();
  cleanUp();
  process.exit(1);
}

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);

if (headless) {
  console.log('No display found: running headless and saving a screenshot of a card instead.');
  await page.waitForFunction(() => ((((((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0))) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0))) > 0, undefined, { timeout: 20_000 });
  const box = await page.evaluate(() => {
    const range = [...((CSS.highlights.get('backstory-mention') ?? []) as Iterable<AbstractRange>), ...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)][0]!;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const rect = live.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector('backstory-card', { timeout: 10_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(root, 'demo-screenshot.png') });
  console.log('Saved demo-screenshot.png');
  await context.close();
  cleanUp();
} else {
  console.log(`Backstory is running in a new browser window on ${url}`);
  console.log('Hover an underlined name; open the toolbar popup (puzzle icon → Backstory) and the side panel.');
  console.log('Close the browser window to stop.');
  context.on('close', () => {
    cleanUp();
    process.exit(0);
  });
}
