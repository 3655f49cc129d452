import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenPath } from './goldenFixtures';
import { traceAttempt } from '../../sim/attempt/attemptTrace';
import { replay } from '../../sim/attempt/replay';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { TICKS_PER_S } from '../../sim/core/constants';

/** The golden medial breach (kyphoplasty): a breach, an epidural leak along it, a cement clock and waits. */
const attempt = parseAttemptFile(
  JSON.parse(readFileSync(goldenPath('medial-breach-kyphoplasty-l1-seed42'), 'utf8')).attempt,
);
const trace = traceAttempt(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode);
const final = replay(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode).snapshot();

describe('attempt trace', () => {
  it('is deterministic: the same attempt traces to the same record', () => {
    expect(traceAttempt(attempt.scenario, attempt.seed, attempt.log, attempt.endTick, attempt.mode)).toEqual(trace);
  });

  it('samples every 0.5 s of sim time, without gaps across waits, up to the final tick', () => {
    expect(trace.endTick).toBe(final.tick);
    expect(trace.samples[0].tick).toBe(0);
    const step = 0.5 * TICKS_PER_S;
    for (let i = 1; i < trace.samples.length - 1; i++)
      expect(trace.samples[i].tick - trace.samples[i - 1].tick).toBe(step);
    expect(trace.samples.at(-1)!.tick).toBe(final.tick);
    expect(trace.samples.length).toBe(Math.ceil(final.tick / step) + 1);
  });

  it('ends where the replay ends: its last sample is the final snapshot', () => {
    const last = trace.samples.at(-1)!;
    expect(last.cementInjectedMl).toBe(final.cement.injectedMl);
    expect(last.cementInBodyMl).toBe(final.cement.inBodyMl);
    expect(last.cementLeakedMl).toBe(final.cement.leakedMl);
    expect(last.cementPhase).toBe(final.cement.phase);
  });

  it('keeps the books: injected = in body + leaked + in the cannula, never decreasing', () => {
    let prev = 0;
    for (const s of trace.samples) {
      expect(s.cementInjectedMl).toBeGreaterThanOrEqual(prev - 1e-9);
      expect(s.cementInBodyMl + s.cementLeakedMl).toBeLessThanOrEqual(s.cementInjectedMl + 1e-9);
      prev = s.cementInjectedMl;
    }
  });

  it('lists the domain events the final snapshot holds, with their ticks', () => {
    const ofType = (type: string) => final.events.filter((e) => e.event.type === type).map((e) => e.tick);
    const ticksOf = (kind: string) => trace.events.filter((e) => e.kind === kind).map((e) => e.tick);
    expect(ticksOf('image')).toEqual(ofType('image.acquired'));
    expect(ticksOf('leak')).toEqual(ofType('cement.leak'));
    expect(ticksOf('breach')).toEqual(ofType('needle.breach'));
    expect(ticksOf('cementPhase')).toEqual(ofType('cement.phaseChanged'));
    expect(trace.events.find((e) => e.kind === 'leak')).toMatchObject({ location: 'epidural' });
    const ticks = trace.events.map((e) => e.tick);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
  });

  it('records the phases as they were entered, from case review to the final phase', () => {
    const phases = trace.events.flatMap((e) => (e.kind === 'phase' ? [e.phase] : []));
    expect(phases[0]).toBe('caseReview');
    expect(phases).toContain('cement');
    expect(phases.at(-1)).toBe(final.phase);
  });

  it('samples the leak: leaked volume rises after the first leak event and not before', () => {
    const leakTick = trace.events.find((e) => e.kind === 'leak')!.tick;
    const before = trace.samples.filter((s) => s.tick < leakTick - 600);
    expect(before.every((s) => s.cementLeakedMl < 0.06)).toBe(true);
    expect(trace.samples.at(-1)!.cementLeakedMl).toBeGreaterThan(0.06);
  });
});

describe('attempt trace of a bipedicular kyphoplasty', () => {
  const bi = parseAttemptFile(
    JSON.parse(readFileSync(goldenPath('textbook-kyphoplasty-bipedicular-l2-seed42'), 'utf8')).attempt,
  );
  const t = traceAttempt(bi.scenario, bi.seed, bi.log, bi.endTick, bi.mode);

  it('keeps a pressure-volume trace for each side and samples the working balloon', () => {
    expect(t.balloons.map((b) => b.side).sort()).toEqual(['left', 'right']);
    for (const b of t.balloons) expect(b.trace.length).toBeGreaterThan(10);
    const sides = new Set(t.samples.flatMap((s) => (s.balloon ? [s.balloon.side] : [])));
    expect([...sides].sort()).toEqual(['left', 'right']);
    const peak = Math.max(...t.samples.map((s) => s.balloon?.pressurePsi ?? 0));
    expect(peak).toBeGreaterThan(50);
  });
});
