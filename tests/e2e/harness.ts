/**
 * End-to-end harness: launches Debian's Chromium with the built extension (.output/chrome-mv3) in
 * new headless mode with a fresh profile, finds the extension's id from its service worker, and
 * offers helpers to talk to the extension the way its own pages do.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { PageReport } from '../../core/protocol';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
/** Screenshots the README shows, refreshed by every end-to-end run. */
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', '..', 'assets', 'screenshots');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** Run a request through the extension's own messaging, from the service worker. */
  sendToTab<T = unknown>(page: Page, message: unknown): Promise<T>;
  /** The tab id of a page (by its URL). */
  tabIdOf(page: Page): Promise<number>;
  /** Wait until the content script of `page` finished its first scan; returns its report. */
  scanReport(page: Page): Promise<PageReport>;
  /** Send a request to the background from an extension page, as the popup does; the raw reply. */
  request<T = unknown>(message: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
  /** Write the reader's settings (local:settings) as the extension stores them. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=DialMediaRouteProvider,Translate,OptimizationHints,MediaRouter',
];

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Extra browser flags (a NetLog file, for instance). */
  args?: string[];
  /** Fail page requests to other hosts at once (default); off for the no-network test, which must see them. */
  blockExternal?: boolean;
  /** Keep the first-run page Backstory opens on install (closed by default: most tests are about other pages). */
  keepWelcome?: boolean;
  /**
   * The browser's interface language ("uk", "de"). On Linux, Chromium takes it from the LANGUAGE
   * and LANG environment variables, not from --lang (which only Windows reads), and only for the
   * languages whose .pak files are installed (Debian's chromium-l10n; scripts/ensure-browsers.sh).
   */
  uiLanguage?: string;
}

/** The environment that starts Chromium with `lang` as its interface language (see LaunchOptions.uiLanguage). */
export function uiLanguageEnv(lang: string): Record<string, string> {
  const region: Record<string, string> = { uk: 'uk_UA', ru: 'ru_RU', de: 'de_DE', en: 'en_US' };
  return { LANGUAGE: lang, LANG: `${region[lang] ?? lang}.UTF-8` };
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...(options.args ?? [])],
    ...(options.uiLanguage ? { env: { ...process.env, ...uiLanguageEnv(options.uiLanguage) } as Record<string, string> } : {}),
  });
  // Nothing leaves the machine: the saved fixture pages refer to fonts, images and trackers on
  // their sites; those requests fail at once instead of waiting on a closed network.
  if (options.blockExternal !== false) {
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/u, (route) => route.abort('internetdisconnected'));
  }
  if (!options.keepWelcome) {
    context.on('page', (page) => {
      const close = () => {
        if (/\/welcome\.html/u.test(page.url())) void page.close().catch(() => undefined);
      };
      close();
      page.once('domcontentloaded', close);
    });
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const currentWorker = async (): Promise<Worker> => context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId)) ?? worker;

  const tabIds = new WeakMap<Page, number>();
  let requestPage: Page | undefined;
  const session: ExtensionSession = {
    context,
    extensionId,
    worker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//u, '')}`,
    async tabIdOf(page) {
      const known = tabIds.get(page);
      if (known !== undefined) return known;
      // Host permissions let the worker find an http(s) tab by its address; several tabs on one
      // address (or another scheme) fall back to the active tab, with the page brought to the front.
      const url = page.url().replace(/#.*$/u, '');
      let id = await (await currentWorker()).evaluate(async (address) => {
        const tabs = /^https?:/u.test(address) ? await (globalThis as any).chrome.tabs.query({ url: address }) : [];
        return tabs.length === 1 ? (tabs[0].id as number) : undefined;
      }, url);
      if (id === undefined) {
        await page.bringToFront();
        id = await (await currentWorker()).evaluate(async () => {
          const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return tab?.id as number | undefined;
        });
      }
      if (id === undefined) throw new Error(`No tab for ${page.url()}`);
      tabIds.set(page, id);
      return id;
    },
    async sendToTab(page, message) {
      const tabId = await session.tabIdOf(page);
      const reply = await (await currentWorker()).evaluate(
        async ([id, payload]) => (globalThis as any).chrome.tabs.sendMessage(id, payload),
        [tabId, message] as const,
      );
      if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new Error(`No reply from the content script: ${JSON.stringify(reply)}`);
      if (!(reply as { ok: boolean }).ok) throw new Error(JSON.stringify((reply as { error: unknown }).error));
      return (reply as { value: any }).value;
    },
    async scanReport(page) {
      const deadline = Date.now() + 30_000;
      let lastError: unknown;
      let lastReport: PageReport | undefined;
      while (Date.now() < deadline) {
        try {
          const report = await session.sendToTab<PageReport>(page, { type: 'page-entities' });
          if (report.scan || report.paused || report.siteDisabled) return report;
          lastReport = report;
        } catch (error) {
          lastError = error;
        }
        await page.waitForTimeout(100);
      }
      throw new Error(`The content script did not finish scanning ${page.url()}: ${String(lastError)}; last report: ${JSON.stringify(lastReport)?.slice(0, 300)}; visibility: ${await page.evaluate(() => document.visibilityState).catch(String)}`);
    },
    async request(message) {
      if (!requestPage || requestPage.isClosed()) {
        requestPage = await context.newPage();
        await requestPage.goto(session.extensionUrl('options.html'));
      }
      return requestPage.evaluate(async (payload) => (globalThis as any).chrome.runtime.sendMessage(payload), message);
    },
    async setSettings(settings) {
      await (await currentWorker()).evaluate(async (value) => {
        const store = (globalThis as any).chrome.storage.local;
        const current = (await store.get('settings')).settings ?? {};
        await store.set({ settings: { paused: false, disabledSites: [], hoverDelayMs: 300, ...current, ...value } });
      }, settings);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/** Number of mentions painted on the page (read from the page's own world). */
export async function markCount(page: Page): Promise<number> {
  return page.evaluate(() => (((((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0))) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0)));
}

/** Wait until at least `minimum` mentions are painted. */
export async function waitForMarks(page: Page, minimum = 1): Promise<number> {
  await page.waitForFunction(
    (min) => ((((((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0))) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0))) >= min,
    minimum,
    { timeout: 20_000 },
  );
  return markCount(page);
}

export interface PaintedMark {
  text: string;
  /** Tag names (with #id when the element has one) from the mention's start node up to <html>. */
  ancestors: string[];
  rect: { x: number; y: number; width: number; height: number };
}

/** Every painted mention: its text, where it sits and its first client rect. */
export async function paintedMarks(page: Page): Promise<PaintedMark[]> {
  return page.evaluate(() => {
    const highlight = new Set<AbstractRange>([...((CSS.highlights.get('backstory-mention') ?? []) as Iterable<AbstractRange>), ...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)]);
    // Full and light marks together, in document order.
    const lives = [...highlight].map((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return { range, live };
    }).sort((a, b) => a.live.compareBoundaryPoints(Range.START_TO_START, b.live));
    return lives.map(({ range, live }) => {
      const ancestors: string[] = [];
      for (let node: Node | null = range.startContainer.parentNode; node && node.nodeType === 1; node = node.parentNode) {
        ancestors.push((node as Element).id ? `${(node as Element).tagName}#${(node as Element).id}` : (node as Element).tagName);
      }
      const rect = live.getClientRects()[0] ?? live.getBoundingClientRect();
      return { text: live.toString(), ancestors, rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height } };
    });
  });
}

export interface ViewportRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Every client rect (several when it wraps) of the mention whose card is open: the active highlight. */
export async function activeMentionRects(page: Page): Promise<ViewportRect[]> {
  return page.evaluate(() => {
    const active = CSS.highlights.get('backstory-active') as unknown as Set<AbstractRange> | undefined;
    const rects: { left: number; top: number; right: number; bottom: number }[] = [];
    for (const range of active ?? []) {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      for (const rect of live.getClientRects()) {
        if (rect.width > 0 && rect.height > 0) rects.push({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
      }
    }
    return rects;
  });
}

/** Move the pointer to the middle of the first painted mention whose text is `text`, scrolling it into view. */
export async function hoverMention(page: Page, text: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const highlight = new Set<AbstractRange>([...((CSS.highlights.get('backstory-mention') ?? []) as Iterable<AbstractRange>), ...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)]);
    for (const range of highlight ?? []) {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      if (live.toString() !== wanted) continue;
      (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
      const rect = live.getClientRects()[0]!;
      return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
    }
    return undefined;
  }, text);
  if (!found) throw new Error(`No painted mention "${text}"`);
  await page.mouse.move(found.x - 40, found.y + 60);
  await page.mouse.move(found.x, found.y, { steps: 4 });
}

/**
 * The hover card lives in a closed shadow root that neither the page nor Playwright's selectors can
 * enter. The DevTools protocol can (DOM.getDocument with pierce): these helpers read and operate the
 * card the way a reader would see it, without opening it up for pages.
 */
export class CardInspector {
  private constructor(private readonly cdp: import('playwright-core').CDPSession) {}

  static async attach(page: Page): Promise<CardInspector> {
    return new CardInspector(await page.context().newCDPSession(page));
  }

  /** The card's shadow root as a remote object id, or undefined when no card is open. */
  private async shadowObject(): Promise<string | undefined> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type CdpNode = { nodeName: string; children?: CdpNode[]; shadowRoots?: CdpNode[]; backendNodeId: number; shadowRootType?: string };
    const stack: CdpNode[] = [root as CdpNode];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeName === 'BACKSTORY-CARD' && node.shadowRoots?.[0]) {
        const resolved = await this.cdp.send('DOM.resolveNode', { backendNodeId: node.shadowRoots[0].backendNodeId });
        return resolved.object.objectId;
      }
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    }
    return undefined;
  }

  /** Run `fn` with `this` bound to the card's shadow root; returns its JSON-serialisable result. */
  async evaluate<T>(fn: string, ...args: unknown[]): Promise<T | undefined> {
    const objectId = await this.shadowObject();
    if (!objectId) return undefined;
    const result = await this.cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
    return result.result.value as T;
  }

  async isOpen(): Promise<boolean> {
    return (await this.shadowObject()) !== undefined;
  }

  /** What the card shows, as structured data. */
  async read(): Promise<CardContent | undefined> {
    return this.evaluate<CardContent>(`function () {
      const dialog = this.querySelector('[role=dialog]');
      if (!dialog) return undefined;
      const labelledBy = dialog.getAttribute('aria-labelledby');
      const title = labelledBy ? this.getElementById(labelledBy) : null;
      return {
        label: title ? title.textContent : '',
        kind: (this.querySelector('.bs-card-kind') || {}).textContent || '',
        description: (this.querySelector('.bs-card-description') || {}).textContent || '',
        seenAs: (this.querySelector('.bs-seen-as') || {}).textContent || '',
        loading: !!this.querySelector('.bs-skeleton'),
        empty: (this.querySelector('.bs-empty, .bs-no-excerpts') || {}).textContent || '',
        keyDates: [...this.querySelectorAll('.bs-key-date')].map((item) => ({
          datetime: item.querySelector('time') ? item.querySelector('time').getAttribute('datetime') : null,
          text: (item.querySelector('.bs-key-date-text') || {}).textContent || '',
          source: (item.querySelector('a.bs-key-date-source') || {}).href || null,
        })),
        excerpts: [...this.querySelectorAll('.bs-excerpt')].map((item) => ({
          datetime: (item.querySelector('time') || {}).getAttribute ? item.querySelector('time').getAttribute('datetime') : null,
          date: (item.querySelector('time') || {}).textContent || '',
          source: (item.querySelector('.bs-source') || {}).textContent || '',
          text: (item.querySelector('.bs-excerpt-text') || {}).textContent || '',
          emphasised: [...item.querySelectorAll('.bs-mention')].map((node) => node.textContent),
          link: (item.querySelector('a[href]') || {}).href || null,
          own: !!item.querySelector('.bs-tag'),
        })),
        buttons: [...this.querySelectorAll('button')].map((button) => button.textContent.trim()),
        status: (this.querySelector('.bs-add-status') || {}).textContent || '',
        focused: this.activeElement ? this.activeElement.textContent.trim() : null,
      };
    }`);
  }

  /** Wait until the card shows something other than its loading state. */
  async waitForContent(timeoutMs = 10_000): Promise<CardContent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const content = await this.read();
      if (content && !content.loading) return content;
      if (Date.now() > deadline) throw new Error(`The card did not load: ${JSON.stringify(content)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Viewport centre of the card's button whose text starts with `label`. */
  async buttonCentre(label: string): Promise<{ x: number; y: number }> {
    const centre = await this.evaluate<{ x: number; y: number }>(`function (label) {
      const button = [...this.querySelectorAll('button')].find((candidate) => candidate.textContent.trim().startsWith(label));
      if (!button) return undefined;
      const rect = button.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }`, label);
    if (!centre) throw new Error(`No button "${label}" in the card`);
    return centre;
  }

  /** The card's box in the viewport. */
  async box(): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
    return this.evaluate(`function () {
      const card = this.querySelector('.bs-card');
      if (!card) return undefined;
      const rect = card.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }`);
  }

  /** The excerpt list: how it scrolls, whether it has focus, and what it is called for assistive technology. */
  async list(): Promise<CardList | undefined> {
    return this.evaluate<CardList>(`function () {
      const list = this.querySelector('.bs-card-excerpts');
      if (!list) return undefined;
      const rect = list.getBoundingClientRect();
      return {
        scrollTop: list.scrollTop,
        maxScrollTop: list.scrollHeight - list.clientHeight,
        focused: this.activeElement === list,
        tabIndex: list.tabIndex,
        role: list.getAttribute('role') || (list.tagName === 'SECTION' && list.hasAttribute('aria-label') ? 'region' : ''),
        label: list.getAttribute('aria-label') || '',
        centre: { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 },
      };
    }`);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

export interface CardList {
  scrollTop: number;
  maxScrollTop: number;
  focused: boolean;
  tabIndex: number;
  /** The explicit role, or "region" for a named <section>. */
  role: string;
  label: string;
  centre: { x: number; y: number };
}

export interface CardContent {
  label: string;
  kind: string;
  description: string;
  seenAs: string;
  loading: boolean;
  empty: string;
  excerpts: { datetime: string | null; date: string; source: string; text: string; emphasised: string[]; link: string | null; own: boolean }[];
  /** The chronicle's key dates shown above the excerpts. */
  keyDates: { datetime: string | null; text: string; source: string | null }[];
  buttons: string[];
  status: string;
  focused: string | null;
}

/** Stop the extension's service worker, as Chrome does after 30 s idle (the next message starts it again). Whether one was running. */
export async function stopServiceWorker(session: ExtensionSession, from: Page): Promise<boolean> {
  const cdp = await session.context.newCDPSession(from);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string; url: string }[] };
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(session.extensionId));
    if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    return worker !== undefined;
  } finally {
    await cdp.detach();
  }
}
