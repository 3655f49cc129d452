import type XAPI from '@xapi/xapi';

/** The library's adapter type (@xapi/xapi does not export it by name). */
type Adapter = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

interface AdapterRequest {
  readonly url: string;
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly data?: unknown;
}

/** The most of an LRS's answer the sender reads (its reason, for last_error); the rest is dropped. */
const MAX_ANSWER_BYTES = 4096;

async function boundedText(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

/**
 * How @xapi/xapi talks HTTP here: Node's fetch with a time limit and the sender's abort signal,
 * and every status returned as it is (the library's own adapters throw on any non-2xx and lose
 * the status, which the sender needs: 409 is success, 400 is final, 503 is retried). The answer's
 * body is read up to 4 KiB: an LRS is trusted with statements, not with the server's memory.
 */
export function lrsAdapter(timeoutMs: number, stopping: AbortSignal): Adapter {
  const adapter = async ({ url, method, headers, data }: AdapterRequest) => {
    const res = await fetch(url, {
      method,
      headers,
      body: data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data),
      redirect: 'error',
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping]),
    });
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), data: await boundedText(res) };
  };
  return adapter as Adapter;
}
