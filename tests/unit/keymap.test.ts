import { describe, expect, it } from 'vitest';
import { KEYMAP, keyConflicts } from '../../src/input/keymap';
import { COMMAND_TYPES } from '../../sim/commands';

describe('keymap', () => {
  it('binds no key twice, with the pedal on Space', () => {
    expect(keyConflicts([' '])).toEqual([]);
  });

  it('detects a conflict when the pedal is put on a key already in use', () => {
    expect(keyConflicts(['w']).length).toBeGreaterThan(0);
  });

  it('reaches every command by keyboard', () => {
    const bound = new Set(KEYMAP.map((a) => a.commandType).filter(Boolean));
    const missing = COMMAND_TYPES.filter((t) => !bound.has(t));
    expect(missing).toEqual([]);
  });

  it('collimation keys send absolute, clamped shutters from the current ones; zoom cycles; store needs an image', async () => {
    const { createSession } = await import('../../sim/session');
    const { parseScenario } = await import('../../levels/scenarioSchema');
    const { readFileSync } = await import('node:fs');
    const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const snapshot = createSession(scenario, 1).snapshot();
    const ctx = { snapshot, entry: { side: 'left' as const, lateralMm: 0, cranialMm: 0 } };
    const run = (id: string) => KEYMAP.find((a) => a.id === id)!.perform(ctx);
    const { halfWidthMm, halfHeightMm } = snapshot.carm.collimation;
    expect(run('carm.collimateNarrow').command).toEqual({ type: 'carm.collimate', halfWidthMm: halfWidthMm - 5, halfHeightMm });
    expect(run('carm.collimateLower').command).toEqual({ type: 'carm.collimate', halfWidthMm, halfHeightMm: halfHeightMm - 5 });
    // Power-on shutters are open: widening has nowhere to go.
    expect(run('carm.collimateWiden').command).toBeUndefined();
    expect(run('carm.zoom').command).toEqual({ type: 'carm.zoom', zoom: 1.5 });
    expect(run('fluoro.store').command).toBeUndefined();
    expect(run('fluoro.store').message).toMatch(/No AP image/);
  });
});
