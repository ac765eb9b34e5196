/**
 * A static HTTP server on 127.0.0.1 for end-to-end tests: serves tests/e2e/pages/ at "/" and the
 * readability fixture pages (../shared/fixtures/readability-pages/<name>/source.html) at
 * "/fixtures/<name>/". Test data is read from disk at test time; none of it is shipped.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export const PAGES_DIR = resolve(import.meta.dirname, 'pages');
export const FIXTURES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'readability-pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  /** Extra routes added by a test: path → body (HTML) and optional headers. */
  route(path: string, body: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

function fileFor(pathname: string): string | undefined {
  const fixture = /^\/fixtures\/([\w-]+)\/?$/u.exec(pathname);
  if (fixture) return join(FIXTURES_DIR, fixture[1] as string, 'source.html');
  const local = normalize(join(PAGES_DIR, pathname === '/' ? 'index.html' : pathname));
  if (!local.startsWith(PAGES_DIR)) return undefined;
  if (existsSync(local) && statSync(local).isDirectory()) return join(local, 'index.html');
  return local;
}

export async function startStaticServer(): Promise<StaticServer> {
  const routes = new Map<string, { body: string; headers: Record<string, string> }>();
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const routed = routes.get(pathname);
    if (routed) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...routed.headers });
      response.end(routed.body);
      return;
    }
    const file = fileFor(pathname);
    if (!file || !existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    // The saved fixture pages load without their own scripts (and so the same way every time).
    const fixtureHeaders = pathname.startsWith('/fixtures/') ? { 'content-security-policy': "script-src 'none'" } : {};
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...fixtureHeaders });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    route: (path, body, headers = {}) => routes.set(path, { body, headers }),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
