import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabClient } from '../../src/labClient/labApi';
import { labApiFailure } from './labApiFailure';
import { publishedLabScenarios } from '../../src/labClient/labScenariosApi';

/**
 * The lab server's published scenarios as the editor and the assignment form read them, from a
 * server whose answers are not to be trusted: only versions that validate as scenarios are listed,
 * and a broken, refused or missing answer is a LabApiError with a sentence, never a list with holes.
 */

const L1 = JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));
const summary = (id: string, version: number, status = 'published') => ({
  id,
  version,
  status,
  title: id,
  scenarioHash: 'h',
});

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** A server answering by `route` (null: never answers); its base URL. */
async function server(route: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(route);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  close = () =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

describe("the lab server's published scenarios", () => {
  it('lists the newest published version of each id that validates, and nothing else', async () => {
    const stored: Record<string, unknown> = {
      '/api/scenarios/good/versions/2': { scenario: { ...L1, id: 'good', version: 2 } },
      '/api/scenarios/bad/versions/1': { scenario: { ...L1, id: 'bad', patient: { age: 5 } } },
      '/api/scenarios/script/versions/1': { scenario: '<script>alert(1)</script>' },
    };
    const seen: string[] = [];
    const url = await server((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/api/scenarios')
        return json(res, 200, {
          scenarios: [
            summary('good', 1),
            summary('good', 2),
            summary('good', 3, 'draft'),
            summary('bad', 1),
            summary('script', 1),
          ],
        });
      const body = stored[req.url ?? ''];
      return body ? json(res, 200, body) : json(res, 404, { error: 'not-found', message: 'No such version.' });
    });
    const list = await publishedLabScenarios(createLabClient({ baseUrl: url }));
    expect(list.map((s) => [s.id, s.version])).toEqual([['good', 2]]);
    // A draft is never fetched; an older published version neither.
    expect(seen).not.toContain('/api/scenarios/good/versions/3');
    expect(seen).not.toContain('/api/scenarios/good/versions/1');
  });

  it('refuses a list that is not what the app expects, naming the field', async () => {
    const url = await server((_req, res) => json(res, 200, { scenarios: [{ id: '', version: -1 }] }));
    const err = await labApiFailure(publishedLabScenarios(createLabClient({ baseUrl: url })));
    expect(err.code).toBe('bad-answer');
    expect(err.message).toMatch(/GET \/api\/scenarios is not what this app expects \(scenarios\.0\./);
  });

  it('refuses an answer that is not JSON', async () => {
    const url = await server((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>hi</h1>'));
    const err = await labApiFailure(publishedLabScenarios(createLabClient({ baseUrl: url })));
    expect(err.message).toBe("The lab server's answer to GET /api/scenarios is not JSON.");
  });

  it("says the server's reason when it refuses", async () => {
    const url = await server((_req, res) => json(res, 403, { error: 'forbidden', message: 'Instructors only.' }));
    const err = await labApiFailure(publishedLabScenarios(createLabClient({ baseUrl: url })));
    expect(err).toMatchObject({ status: 403, message: 'Instructors only.' });
  });

  it('gives up on a server that does not answer, after the client’s timeout', async () => {
    const url = await server(() => {
      // never answers
    });
    const started = Date.now();
    const err = await labApiFailure(publishedLabScenarios(createLabClient({ baseUrl: url, callTimeoutMs: 300 })));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a list larger than its bound', async () => {
    const url = await server((_req, res) =>
      json(res, 200, { scenarios: [summary('x', 1)], pad: 'x'.repeat(5 * 1024 * 1024) }),
    );
    const err = await labApiFailure(publishedLabScenarios(createLabClient({ baseUrl: url })));
    expect(err.code).toBe('bad-answer');
    expect(err.message).toMatch(/expected/);
  });
});
