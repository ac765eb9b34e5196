/** A TCP port free on 127.0.0.1 right now (for a browser's remote-debugging port). */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}
