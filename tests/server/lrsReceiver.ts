import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import validateStatement from '@learninglocker/xapi-validation';

/** What the receiver checks each statement with: Learning Locker's published xAPI validator. */
const validate: (data: unknown) => { path?: unknown }[] =
  (validateStatement as unknown as { default?: typeof validateStatement }).default ?? validateStatement;

export interface Received {
  /** Every statement stored, by id, with how many times a POST carried it. */
  readonly stored: Map<string, Record<string, unknown>>;
  /** Every POST's outcome, in order: the status answered and the statement ids it carried. */
  readonly posts: { status: number; ids: string[] }[];
  /** Statements refused as invalid, with the validator's warnings. */
  readonly rejected: { body: unknown; warnings: string[] }[];
}

/**
 * A small LRS for the tests: a real HTTP server on 127.0.0.1 that takes POST <base>/statements
 * the way an LRS does (xAPI 1.0.3, Basic auth), validates every statement with
 * @learninglocker/xapi-validation (400 with the warnings for a malformed one), stores it by id,
 * and answers 409 for an id it already has. `stop()` and `start()` take it down and bring it
 * back on the same port (the lab's LRS restarting); `answerWith` makes it answer a fixed status.
 */
export class LrsReceiver implements Received {
  readonly stored = new Map<string, Record<string, unknown>>();
  readonly posts: { status: number; ids: string[] }[] = [];
  readonly rejected: { body: unknown; warnings: string[] }[] = [];
  /** A status to answer every request with instead of handling it (e.g. 503), or null. */
  answerWith: number | null = null;
  private server: Server | null = null;
  private port = 0;

  constructor(
    readonly username = 'lrs-key',
    readonly password = 'lrs-secret',
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/xapi`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The stored statements' verbs (short names) for one attempt (its registration), in the order stored. */
  verbsOf(attemptId: string): string[] {
    return [...this.stored.values()]
      .filter((s) => (s.context as { registration?: string } | undefined)?.registration === attemptId)
      .map(
        (s) =>
          String((s.verb as { id: string }).id)
            .split('/')
            .pop() as string,
      );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (status: number, body: unknown, ids: string[] = []) => {
      this.posts.push({ status, ids });
      res.writeHead(status, { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.answerWith !== null) return answer(this.answerWith, { error: 'answering as told' });
    if (req.method !== 'POST' || req.url !== '/xapi/statements') return answer(404, { error: 'not here' });
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return answer(401, { error: 'bad credentials' });
    if (!String(req.headers['x-experience-api-version'] ?? '').startsWith('1.0'))
      return answer(400, { error: 'X-Experience-API-Version missing' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(400, { error: 'not JSON' });
    }
    const statements = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
    for (const s of statements) {
      const warnings = validate(s).map(
        (w) => `${(w as { constructor: { name: string } }).constructor.name} at ${JSON.stringify(w.path)}`,
      );
      if (typeof s?.id !== 'string') warnings.push('no id: the lab always sets one');
      if (warnings.length > 0) {
        this.rejected.push({ body: s, warnings });
        return answer(400, { error: 'invalid statement', warnings });
      }
    }
    const ids = statements.map((s) => s.id as string);
    // xAPI 1.0.3: an id the LRS already has is a conflict; nothing of the batch is stored.
    if (ids.some((id) => this.stored.has(id))) return answer(409, { error: 'statement id already stored' }, ids);
    for (const s of statements) this.stored.set(s.id as string, s);
    return answer(200, ids, ids);
  }
}
