import { describe, expect, it } from 'vitest';
import { KEYMAP, keyConflicts } from '../../src/procedure/input/keymap';
import { COMMAND_TYPES } from '../../sim/core/commands';

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

  it('Shift+C is the tack test and Shift+R loads the next cement device, naming it on its button', async () => {
    const { actionForCombo } = await import('../../src/procedure/input/keymap');
    const { createSession } = await import('../../sim/session/session');
    const { parseScenario } = await import('../../levels/scenarioSchema');
    const { readFileSync } = await import('node:fs');
    expect(actionForCombo('Shift+c')?.perform({} as never).command).toEqual({ type: 'cement.tackTest' });
    const load = actionForCombo('Shift+r')!;
    expect(load.perform({} as never).command).toEqual({ type: 'cement.load' });
    const scenario = parseScenario(JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')));
    expect(load.barLabel?.(createSession(scenario, 1).snapshot())).toBe('Load next 1 mL syringe (0.0 mL left)');
  });

  it('collimation keys send absolute, clamped shutters from the current ones; zoom cycles; store needs an image', async () => {
    const { createSession } = await import('../../sim/session/session');
    const { parseScenario } = await import('../../levels/scenarioSchema');
    const { readFileSync } = await import('node:fs');
    const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const snapshot = createSession(scenario, 1).snapshot();
    const ctx = { snapshot, entry: { side: 'left' as const, lateralMm: 0, cranialMm: 0 } };
    const run = (id: string) => KEYMAP.find((a) => a.id === id)!.perform(ctx);
    const { halfWidthMm, halfHeightMm } = snapshot.carm.collimation;
    expect(run('carm.collimateNarrow').command).toEqual({
      type: 'carm.collimate',
      halfWidthMm: halfWidthMm - 5,
      halfHeightMm,
    });
    expect(run('carm.collimateLower').command).toEqual({
      type: 'carm.collimate',
      halfWidthMm,
      halfHeightMm: halfHeightMm - 5,
    });
    // Power-on shutters are open: widening has nowhere to go.
    expect(run('carm.collimateWiden').command).toBeUndefined();
    expect(run('carm.zoom').command).toEqual({ type: 'carm.zoom', zoom: 1.5 });
    expect(run('fluoro.store').command).toBeUndefined();
    expect(run('fluoro.store').message).toMatch(/No AP image/);
  });

  it('taps with Y and sends the exchange step the machine waits for with J, in the real order', async () => {
    const { createSession } = await import('../../sim/session/session');
    const { parseScenario } = await import('../../levels/scenarioSchema');
    const { readFileSync } = await import('node:fs');
    const { EXCHANGE_ORDER } = await import('../../sim/procedure/exchangeOrder');
    const { actionForCombo } = await import('../../src/procedure/input/keymap');
    expect(actionForCombo('y')?.perform({} as never).command).toEqual({ type: 'needle.tap' });
    const exchange = actionForCombo('j')!;
    const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const snapshot = createSession(scenario, 1).snapshot();
    const entry = { side: 'left' as const, lateralMm: 0, cranialMm: 0 };
    // Outside the working-channel phase there is nothing to exchange: a note, no command.
    expect(exchange.perform({ snapshot, entry }).command).toBeUndefined();
    const steps = EXCHANGE_ORDER.kyphoplasty.map(
      (nextExchangeStep) => exchange.perform({ snapshot: { ...snapshot, nextExchangeStep }, entry }).command,
    );
    expect(steps).toEqual(EXCHANGE_ORDER.kyphoplasty.map((step) => ({ type: 'instrument.exchange', step })));
    expect(exchange.barLabel?.({ ...snapshot, nextExchangeStep: 'guidePin.insert' })).toMatch(/guide pin/);
    expect(exchange.barLabel?.(snapshot)).toBe('Exchange done');
  });

  it('a click on the AP image sets the entry under it: the default entry maps back to zero offsets, the other side of the midline to the other side', async () => {
    const { createSession } = await import('../../sim/session/session');
    const { parseScenario } = await import('../../levels/scenarioSchema');
    const { readFileSync } = await import('node:fs');
    const { entryFromImagePoint, imagePointOfEntry } = await import('../../src/procedure/input/entryOnImage');
    const { entryAtImagePoint } = await import('../../src/procedure/input/pointerEntry');
    const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const snapshot = createSession(scenario, 7).snapshot();
    for (const side of ['left', 'right'] as const) {
      for (const [lateralMm, cranialMm] of [
        [0, 0],
        [10, -6],
        [-8, 12],
      ]) {
        const p = imagePointOfEntry(snapshot, { side, lateralMm, cranialMm })!;
        expect(p.fx).toBeGreaterThan(0);
        expect(p.fx).toBeLessThan(1);
        expect(entryFromImagePoint(snapshot, p)).toEqual({ side, lateralMm, cranialMm });
      }
    }
    // Image left is the patient's left (AP as seen from behind the prone patient).
    const home = imagePointOfEntry(snapshot, { side: 'left', lateralMm: 0, cranialMm: 0 })!;
    expect(home.fx).toBeLessThan(0.5);
    // Cranial is up on the image, and a lateral move goes away from the midline.
    expect(imagePointOfEntry(snapshot, { side: 'left', lateralMm: 0, cranialMm: 10 })!.fy).toBeLessThan(home.fy);
    expect(imagePointOfEntry(snapshot, { side: 'left', lateralMm: 10, cranialMm: 0 })!.fx).toBeLessThan(home.fx);
    // Before the access phase the click is refused with a note.
    const early = entryAtImagePoint(
      { snapshot, entry: { side: 'left', lateralMm: 0, cranialMm: 0 } },
      { fx: 0.4, fy: 0.5 },
    );
    expect(early.command).toBeUndefined();
    expect(early.message).toBeTruthy();
  });

  it('balloon: coarse and fine syringe steps both ways, a hold that waits, all as commands of the balloon group', async () => {
    const { actionForCombo, INFLATE_FINE_STEP_ML, INFLATE_STEP_ML } = await import('../../src/procedure/input/keymap');
    const run = (combo: string) => actionForCombo(combo)?.perform({} as never).command;
    expect(INFLATE_FINE_STEP_ML).toBeLessThan(INFLATE_STEP_ML);
    expect(run('=')).toEqual({ type: 'balloon.inflate', mL: INFLATE_STEP_ML });
    expect(run('+')).toEqual({ type: 'balloon.inflate', mL: INFLATE_STEP_ML });
    expect(run('.')).toEqual({ type: 'balloon.inflate', mL: INFLATE_FINE_STEP_ML });
    expect(run('-')).toEqual({ type: 'balloon.inflate', mL: -INFLATE_STEP_ML });
    expect(run(',')).toEqual({ type: 'balloon.inflate', mL: -INFLATE_FINE_STEP_ML });
    expect(run('Shift+b')).toMatchObject({ type: 'time.wait' });
    expect(run('b')).toEqual({ type: 'balloon.insert' });
    expect(run('x')).toEqual({ type: 'balloon.deflate' });
    expect(run('r')).toEqual({ type: 'balloon.remove' });
    const balloon = KEYMAP.filter((a) => a.group === 'balloon');
    expect(balloon.every((a) => a.commandType !== undefined && a.keys.length > 0)).toBe(true);
    // The hold is offered on the balloon panel, not on the action bar (time.wait is allowed in every phase).
    expect(balloon.filter((a) => a.hiddenFromBar).map((a) => a.id)).toEqual(['balloon.hold']);
  });
});
