import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port nothing listens on now, the OS's pick; for the bench and the process-level
 * specs. A random number would often land in the ephemeral range, where the benchmark's own
 * client connections (pg, HTTP keep-alive, the mock) hold ports: one start in ≈ 30 failed with
 * EADDRINUSE that way. The caller binds it right after; another process may still win that short
 * race, so the bench and the queue cluster start again on another port when it does.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
