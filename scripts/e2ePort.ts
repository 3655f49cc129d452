import { createServer } from 'node:net';

/**
 * The port the Playwright suite serves the built app on. `KYPHOSIM_E2E_PORT` chooses it; otherwise
 * the operating system hands out a free one, so two suites (two worktrees, two engineers) on one
 * machine never fight over 4173. playwright.config.ts calls this once at its top level and writes
 * the answer back to the environment: the config is evaluated again in every worker process, which
 * inherits that environment and so reads the same port.
 */
export const E2E_PORT_ENV = 'KYPHOSIM_E2E_PORT';

export const E2E_HOST = '127.0.0.1';

/** A port number from the environment, or an error that says what was wrong with it. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${E2E_PORT_ENV}=${JSON.stringify(text)} is not a port number (1 to 65535)`);
  return port;
}

/** A port that was free a moment ago: listen on port 0, read what the system chose, close. */
export function freePort(host: string = E2E_HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was assigned'))));
    });
  });
}

/** The environment's port when set (validated), else a free one. */
export async function chooseE2ePort(
  env: Readonly<Record<string, string | undefined>> = process.env,
  pickFree: () => Promise<number> = freePort,
): Promise<number> {
  const set = env[E2E_PORT_ENV];
  return set !== undefined && set !== '' ? parsePort(set) : pickFree();
}
