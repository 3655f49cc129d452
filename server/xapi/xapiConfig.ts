/** Where and how statements go: the institution's LRS (server/README.md, "xAPI"). */
export interface XapiConfig {
  /** The LRS's xAPI endpoint (statements are POSTed to `<endpoint>/statements`). */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  /** The base of activity ids: `<base>/scenarios/<scenarioId>/v<version>`. */
  readonly activityBase: string;
  /** The actor's account home page: the lab's address. */
  readonly homePage: string;
  /** The sender's timing; tests shorten it. */
  readonly timing?: Partial<XapiTiming>;
}

export interface XapiTiming {
  /** How often an idle sender looks at the outbox. */
  readonly pollMs: number;
  /** The first retry's delay; each further try doubles it... */
  readonly retryBaseMs: number;
  /** ...up to this cap. */
  readonly retryCapMs: number;
  /** One request to the LRS, at most. */
  readonly requestTimeoutMs: number;
  /** How long a taken statement is its sender's: one whose instance stopped mid-send is taken again after it. */
  readonly leaseMs: number;
}

export const DEFAULT_XAPI_TIMING: XapiTiming = {
  pollMs: 2000,
  retryBaseMs: 5000,
  // An LRS down for a weekend is retried every 30 minutes, not hammered, and catches up within one.
  retryCapMs: 30 * 60_000,
  requestTimeoutMs: 15_000,
  leaseMs: 60_000,
};

/** Activity ids and account pages when the lab names none: a reserved domain (RFC 2606) that resolves nowhere. */
export const DEFAULT_ACTIVITY_BASE = 'https://kyphosim.invalid';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function httpUrl(name: string, value: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL (https://...), not "${value}".`);
  }
  const plainOk = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !plainOk)
    throw new Error(
      `${name} must be an https URL (plain http only to an LRS on this machine: localhost), not "${value}".`,
    );
  if (url.username || url.password || url.search || url.hash)
    throw new Error(
      `${name} must carry no credentials, query or fragment (the password goes in KYPHOSIM_LRS_PASSWORD).`,
    );
  return url.href.replace(/\/+$/, '');
}

/**
 * The xAPI configuration from the environment, checked; undefined when KYPHOSIM_LRS_ENDPOINT is
 * unset (then no statement is queued at all). A half-set configuration stops the start, naming
 * the variable, rather than queueing statements that could never be sent.
 */
export function xapiConfigFromEnv(env: NodeJS.ProcessEnv): XapiConfig | undefined {
  const endpoint = env.KYPHOSIM_LRS_ENDPOINT;
  if (!endpoint) {
    for (const name of ['KYPHOSIM_LRS_USERNAME', 'KYPHOSIM_LRS_PASSWORD'])
      if (env[name]) throw new Error(`${name} is set but KYPHOSIM_LRS_ENDPOINT is not: set both, or neither.`);
    return undefined;
  }
  const username = env.KYPHOSIM_LRS_USERNAME ?? '';
  const password = env.KYPHOSIM_LRS_PASSWORD ?? '';
  if (!username || !password)
    throw new Error(
      'KYPHOSIM_LRS_ENDPOINT is set: KYPHOSIM_LRS_USERNAME and KYPHOSIM_LRS_PASSWORD (the LRS key and secret) must be too.',
    );
  if (username.includes(':')) throw new Error('KYPHOSIM_LRS_USERNAME may not contain ":" (HTTP Basic auth).');
  const activityBase = httpUrl(
    'KYPHOSIM_XAPI_ACTIVITY_BASE',
    env.KYPHOSIM_XAPI_ACTIVITY_BASE || DEFAULT_ACTIVITY_BASE,
    false,
  );
  return {
    endpoint: httpUrl('KYPHOSIM_LRS_ENDPOINT', endpoint, true),
    username,
    password,
    activityBase,
    homePage: env.KYPHOSIM_LAB_URL ? httpUrl('KYPHOSIM_LAB_URL', env.KYPHOSIM_LAB_URL, true) : activityBase,
  };
}
