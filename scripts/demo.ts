/**
 * `npm run demo`: opens Chromium (or Chrome) with the freshly built extension (.output/chrome-mv3)
 * in a throw-away profile, on a demo news page served from 127.0.0.1. Hover an underlined name.
 *
 * Without a display (a server, CI) it runs headless instead, opens a card on the demo page, saves
 * a screenshot to demo-screenshot.png and exits.
 *
 * Environment: CHROMIUM_PATH to choose the browser; DEMO_PORT to choose the port (default: any).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

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
const profile = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: findBrowser(),
  headless: false,
  viewport: headless ? { width: 1280, height: 860 } : null,
  args: [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
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

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);

if (headless) {
  console.log('No display found: running headless and saving a screenshot of a card instead.');
  await page.waitForFunction(() => ((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) > 0, undefined, { timeout: 20_000 });
  const box = await page.evaluate(() => {
    const range = [...(CSS.highlights.get('backstory-mention') as unknown as Set<AbstractRange>)][0]!;
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
