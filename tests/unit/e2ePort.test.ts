import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chooseE2ePort, E2E_HOST, E2E_PORT_ENV, parsePort } from '../../scripts/e2ePort';

/** Listen on a port; resolves null when someone else already holds it (it is held either way). */
function hold(port: number): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    server.listen(port, E2E_HOST, () => resolve(server));
  });
}

const close = (server: Server | null) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe('the Playwright server port', () => {
  it('is the one KYPHOSIM_E2E_PORT names', async () => {
    expect(await chooseE2ePort({ [E2E_PORT_ENV]: '5999' }, () => Promise.reject(new Error('not asked')))).toBe(5999);
  });

  it('refuses a value that is not a port', () => {
    for (const bad of ['abc', '0', '70000', '41.5', '-1']) expect(() => parsePort(bad)).toThrow(E2E_PORT_ENV);
  });

  it('is a free port, not the old fixed 4173, when the variable is unset and 4173 is taken', async () => {
    const taken = await hold(4173);
    try {
      const port = await chooseE2ePort({});
      expect(port).not.toBe(4173);
      // Free: the preview server can listen on it.
      const server = await hold(port);
      expect(server).not.toBeNull();
      await close(server);
    } finally {
      await close(taken);
    }
  });
});
