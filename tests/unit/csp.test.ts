import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src/security/csp';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  it('allows no eval and no inline script or style', () => {
    expect(CSP_META).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|\*/);
    const meta = directives(CSP_META);
    expect(meta.get('script-src')).toEqual(["'self'"]);
    expect(meta.get('style-src')).toEqual(["'self'"]);
    expect(meta.get('object-src')).toEqual(["'none'"]);
  });

  it('adds frame-ancestors only to the header (a meta policy cannot carry it)', () => {
    expect(directives(CSP_META).has('frame-ancestors')).toBe(false);
    expect(directives(CSP_HEADER).get('frame-ancestors')).toEqual(["'none'"]);
    expect(CSP_HEADER.startsWith(CSP_META)).toBe(true);
  });

  it('turns zod jitless through its global config, before zod loads', async () => {
    await import('../../src/security/zodJitless');
    const { config } = await import('zod');
    try {
      expect(config().jitless).toBe(true);
    } finally {
      config({ jitless: false });
    }
  });
});
