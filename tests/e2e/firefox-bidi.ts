/**
 * A small WebDriver BiDi client for Firefox (Debian's ESR 140 and 153 speak it natively): starts a
 * headless Firefox with a fresh profile, installs the built Firefox extension
 * (.output/firefox-mv2) and lets a test navigate (pages and the extension's own pages), evaluate
 * and move the pointer. The extension's moz-extension:// UUID is fixed through a profile
 * preference so that tests can open its pages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { freePort } from './free-port';

export const FIREFOX_PATH = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => path && existsSync(path));
export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'firefox-mv2');
export const EXTENSION_UUID = '6b1a4f0e-3c2d-4e5f-9a8b-7c6d5e4f3a21';

export class FirefoxSession {
  private id = 0;
  private readonly pending = new Map<number, (message: { type: string; result?: any; error?: string; message?: string }) => void>();
  context = '';

  private constructor(private readonly process: ChildProcess, private readonly socket: WebSocket, private readonly profile: string) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number };
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message as never);
        this.pending.delete(message.id);
      }
    });
  }

  /** The built manifest (its gecko id names the extension in the profile). */
  static manifest(): { browser_specific_settings: { gecko: { id: string; strict_min_version: string } } } & Record<string, any> {
    return JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  }

  /** "Mozilla Firefox 140.12.0esr" */
  static version(): string {
    return FIREFOX_PATH ? execFileSync(FIREFOX_PATH, ['--version'], { encoding: 'utf8' }).trim() : 'no Firefox';
  }

  /** Start Firefox; with `install: false` the extension is installed later (installExtension). */
  static async launch(options: { install?: boolean } = {}): Promise<FirefoxSession> {
    if (!FIREFOX_PATH) throw new Error('Firefox is not installed (apt-get install -y firefox-esr)');
    const GECKO_ID = FirefoxSession.manifest().browser_specific_settings.gecko.id;
    const profile = mkdtempSync(join(tmpdir(), 'backstory-firefox-'));
    writeFileSync(join(profile, 'user.js'), [
      `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }))});`,
      'user_pref("browser.shell.checkDefaultBrowser", false);',
      'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
      'user_pref("app.update.enabled", false);',
      'user_pref("network.captive-portal-service.enabled", false);',
      'user_pref("browser.safebrowsing.malware.enabled", false);',
      'user_pref("browser.safebrowsing.phishing.enabled", false);',
      '',
    ].join('\n'));
    const port = await freePort();
    // Firefox 153+ lets WebDriver navigate to moz-extension:// pages only with system access.
    const child = spawn(FIREFOX_PATH, ['--headless', `--remote-debugging-port=${port}`, '--remote-allow-system-access', '--profile', profile, '--no-remote'], { stdio: 'ignore' });
    let socket: WebSocket | undefined;
    for (let attempt = 0; attempt < 100 && !socket; attempt++) {
      await new Promise((wait) => setTimeout(wait, 200));
      socket = await new Promise<WebSocket | undefined>((done) => {
        const candidate = new WebSocket(`ws://127.0.0.1:${port}/session`);
        candidate.once('open', () => done(candidate));
        candidate.once('error', () => done(undefined));
      });
    }
    if (!socket) {
      child.kill();
      throw new Error('Firefox did not open its WebDriver BiDi port');
    }
    const session = new FirefoxSession(child, socket, profile);
    try {
      await session.send('session.new', { capabilities: {} });
      if (options.install !== false) await session.installExtension();
      const tree = await session.send('browsingContext.getTree', {});
      session.context = tree.contexts[0].context;
      if (options.install !== false) await session.closeWelcome();
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  async installExtension(): Promise<void> {
    await this.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
  }

  /** The first-run page opened on install (if it did, within 5 s), seen and closed; the test's tab in front again. */
  welcomeSeen = false;
  async closeWelcome(): Promise<void> {
    for (let attempt = 0; attempt < 25 && !this.welcomeSeen; attempt++) {
      const tree = await this.send('browsingContext.getTree', {});
      for (const context of tree.contexts as { context: string; url: string }[]) {
        if (!context.url.endsWith('/welcome.html')) continue;
        this.welcomeSeen = true;
        await this.send('browsingContext.close', { context: context.context });
      }
      if (!this.welcomeSeen) await new Promise((wait) => setTimeout(wait, 200));
    }
    await this.send('browsingContext.activate', { context: this.context }).catch(() => undefined);
  }

  async send(method: string, params: object): Promise<any> {
    const id = ++this.id;
    const reply = await new Promise<{ type: string; result?: any; error?: string; message?: string }>((done) => {
      this.pending.set(id, done);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
    if (reply.type !== 'success') throw new Error(`${method}: ${reply.error} ${reply.message ?? ''}`);
    return reply.result;
  }

  extensionUrl(path: string): string {
    return `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//u, '')}`;
  }

  async navigate(url: string): Promise<void> {
    await this.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** Evaluate an expression in the page (awaiting promises); returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.send('script.evaluate', { expression: `(async () => JSON.stringify(await (${expression})))()`, target: { context: this.context }, awaitPromise: true });
    if (result.type === 'exception') throw new Error(`${expression}: ${JSON.stringify(result.exceptionDetails?.text)}`);
    return JSON.parse(result.result.value) as T;
  }

  /** Wait until `expression` is truthy. */
  async waitFor(expression: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.evaluate<boolean>(`!!(${expression})`).catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}`);
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }

  async movePointer(points: { x: number; y: number }[]): Promise<void> {
    await this.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'pointer', id: 'mouse', actions: points.map(({ x, y }) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 50 })) }],
    });
  }

  /** Turn the mouse wheel at `at`, one turn per vertical delta. */
  async wheel(at: { x: number; y: number }, deltas: number[]): Promise<void> {
    await this.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'wheel', id: 'wheel', actions: deltas.map((deltaY) => ({ type: 'scroll', x: Math.round(at.x), y: Math.round(at.y), deltaX: 0, deltaY })) }],
    });
  }

  async close(): Promise<void> {
    this.socket.close();
    this.process.kill();
    await new Promise((wait) => setTimeout(wait, 300));
    rmSync(this.profile, { recursive: true, force: true });
  }
}
