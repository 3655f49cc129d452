import validateStatement from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import { type AttemptFacts, attemptStatement, ON_UPLOAD, simDuration } from '../../server/xapi/attemptStatements';
import { statementId, uuidV5 } from '../../server/xapi/statementId';
import { DEFAULT_ACTIVITY_BASE, type XapiConfig, xapiConfigFromEnv } from '../../server/xapi/xapiConfig';
import { deliveryOf, retryDelayMs } from '../../server/xapi/xapiSender';
import { VERBS, type VerbName } from '../../server/xapi/xapiVerbs';

const validate: (data: unknown) => unknown[] =
  (validateStatement as unknown as { default?: typeof validateStatement }).default ?? validateStatement;

const CONFIG: XapiConfig = {
  endpoint: 'https://lrs.example.org/xapi',
  username: 'k',
  password: 's',
  activityBase: DEFAULT_ACTIVITY_BASE,
  homePage: 'https://lab.example.org',
};

const FACTS: AttemptFacts = {
  id: '0d0c4c5e-0000-4000-8000-000000000001',
  traineeId: '7a1e0c3b-1111-4222-8333-444455556666',
  scenarioId: 'l1-osteoporotic-wedge',
  scenarioVersion: 2,
  scenarioTitle: 'L1 wedge',
  mode: 'exam',
  seed: 42,
  status: 'finished',
  endTick: 18_750,
  createdAt: new Date('2026-12-03T18:00:00Z'),
  updatedAt: new Date('2026-12-03T18:06:00Z'),
  score: { total: 83.5, passed: true, criticalErrors: 0, simVersion: '9' },
};

describe('statement ids', () => {
  it('are UUID v5 (RFC 9562): the published example and ours, checked against an independent implementation', () => {
    // Python's documentation: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    // The same computed with Python's uuid module for our namespace.
    expect(statementId(FACTS.id, VERBS.launched)).toBe('a838dc3d-df84-5f80-a76f-639b454df8ee');
  });

  it('depend on the attempt and the verb only', () => {
    const ids = (Object.keys(VERBS) as VerbName[]).map((v) => attemptStatement(CONFIG, FACTS, v).id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = attemptStatement(CONFIG, { ...FACTS, updatedAt: new Date(), seed: 7 }, 'passed');
    expect(again.id).toBe(attemptStatement(CONFIG, FACTS, 'passed').id);
    expect(attemptStatement(CONFIG, { ...FACTS, id: FACTS.id.replace('1', '2') }, 'passed').id).not.toBe(again.id);
  });
});

describe('statements', () => {
  it('every verb builds a statement the xAPI validator accepts', () => {
    for (const verb of Object.keys(VERBS) as VerbName[]) {
      const s = attemptStatement(CONFIG, FACTS, verb);
      expect(validate(s), verb).toEqual([]);
    }
    expect(validate(attemptStatement(CONFIG, { ...FACTS, scenarioTitle: null, score: null }, 'launched'))).toEqual([]);
  });

  it('say who (account: lab page + user id, no name), which scenario version, and the score out of 100', () => {
    const s = attemptStatement(CONFIG, FACTS, 'passed');
    expect(s.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://lab.example.org', name: FACTS.traineeId },
    });
    expect(s.object).toMatchObject({ id: 'https://kyphosim.invalid/scenarios/l1-osteoporotic-wedge/v2' });
    expect(s.result).toMatchObject({
      score: { scaled: 0.835, raw: 83.5, min: 0, max: 100 },
      success: true,
      completion: true,
      duration: 'PT312.5S',
    });
    expect(s.context?.registration).toBe(FACTS.id);
    expect(attemptStatement(CONFIG, FACTS, 'abandoned').verb.id).toBe('https://w3id.org/xapi/adl/verbs/abandoned');
    expect(attemptStatement(CONFIG, FACTS, 'launched').timestamp).toBe('2026-12-03T18:00:00.000Z');
    expect(attemptStatement(CONFIG, FACTS, 'terminated').timestamp).toBe('2026-12-03T18:06:00.000Z');
  });

  it('an upload queues launched + initialized, and terminated or abandoned at the end', () => {
    expect(ON_UPLOAD['in-progress']).toEqual(['launched', 'initialized']);
    expect(ON_UPLOAD.finished.at(-1)).toBe('terminated');
    expect(ON_UPLOAD.abandoned.at(-1)).toBe('abandoned');
    expect(simDuration(0)).toBe('PT0S');
  });
});

describe('what an LRS answer means', () => {
  it('2xx and 409 delivered; 400/404/413 failed with the reason; 401/403/408/429/5xx retried', () => {
    expect(deliveryOf(200, '', undefined)).toEqual({ kind: 'sent' });
    expect(deliveryOf(204, '', undefined)).toEqual({ kind: 'sent' });
    expect(deliveryOf(409, 'conflict', undefined)).toEqual({ kind: 'sent' });
    for (const status of [400, 404, 413])
      expect(deliveryOf(status, 'bad  verb\n', undefined)).toEqual({
        kind: 'failed',
        reason: `the LRS answered ${status}: bad verb `,
      });
    for (const status of [401, 403, 408, 429, 500, 502, 503])
      expect(deliveryOf(status, '', undefined).kind).toBe('retry');
    expect(deliveryOf(429, '', '7')).toMatchObject({ kind: 'retry', afterMs: 7000 });
  });

  it('retries back off exponentially up to the cap', () => {
    const timing = { retryBaseMs: 1000, retryCapMs: 60_000 };
    for (const [tries, nominal] of [
      [1, 1000],
      [2, 2000],
      [4, 8000],
      [7, 60_000],
      [500, 60_000],
    ]) {
      const d = retryDelayMs(tries, timing);
      expect(d).toBeGreaterThanOrEqual(nominal * 0.8);
      expect(d).toBeLessThanOrEqual(nominal * 1.2);
    }
  });
});

describe('configuration', () => {
  it('unset: no xAPI; set: checked, naming the variable that is wrong', () => {
    expect(xapiConfigFromEnv({})).toBeUndefined();
    const ok = xapiConfigFromEnv({
      KYPHOSIM_LRS_ENDPOINT: 'https://lrs.example.org/xapi/',
      KYPHOSIM_LRS_USERNAME: 'k',
      KYPHOSIM_LRS_PASSWORD: 's',
    });
    expect(ok).toMatchObject({ endpoint: 'https://lrs.example.org/xapi', activityBase: DEFAULT_ACTIVITY_BASE });
    expect(
      xapiConfigFromEnv({
        KYPHOSIM_LRS_ENDPOINT: 'http://localhost:8080/xapi',
        KYPHOSIM_LRS_USERNAME: 'k',
        KYPHOSIM_LRS_PASSWORD: 's',
      })?.endpoint,
    ).toBe('http://localhost:8080/xapi');
    expect(() =>
      xapiConfigFromEnv({
        KYPHOSIM_LRS_ENDPOINT: 'http://lrs.example.org/xapi',
        KYPHOSIM_LRS_USERNAME: 'k',
        KYPHOSIM_LRS_PASSWORD: 's',
      }),
    ).toThrow(/KYPHOSIM_LRS_ENDPOINT must be an https URL/);
    expect(() => xapiConfigFromEnv({ KYPHOSIM_LRS_ENDPOINT: 'https://lrs.example.org/xapi' })).toThrow(
      /KYPHOSIM_LRS_USERNAME/,
    );
    expect(() => xapiConfigFromEnv({ KYPHOSIM_LRS_PASSWORD: 's' })).toThrow(/KYPHOSIM_LRS_ENDPOINT is not/);
    expect(() =>
      xapiConfigFromEnv({
        KYPHOSIM_LRS_ENDPOINT: 'https://lrs.example.org/xapi',
        KYPHOSIM_LRS_USERNAME: 'k',
        KYPHOSIM_LRS_PASSWORD: 's',
        KYPHOSIM_XAPI_ACTIVITY_BASE: 'not a url',
      }),
    ).toThrow(/KYPHOSIM_XAPI_ACTIVITY_BASE/);
  });
});
