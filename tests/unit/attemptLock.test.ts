import { describe, expect, it } from 'vitest';
import { attemptLockName, holdAttemptLock, isAttemptOpenElsewhere } from '../../src/record/attemptLock';

// The two-tab behaviour runs in a real browser (tests/e2e/tabs.spec.ts); here, where there is no
// Web Locks API (Node), every tab behaves as the only one: nothing is ever open elsewhere.
describe('attempt locks without the Web Locks API', () => {
  it('name the lock after the attempt', () => {
    expect(attemptLockName('abc')).toBe('kyphosim-attempt:abc');
  });

  it('hold at once, never lose, and see nothing open elsewhere', async () => {
    let lost = false;
    const lock = holdAttemptLock('abc', () => {
      lost = true;
    });
    await lock.acquired;
    lock.release();
    expect(lost).toBe(false);
    expect(await isAttemptOpenElsewhere('abc')).toBe(false);
  });
});
