import { describe, expect, it } from 'vitest';
import type { Command } from '../../sim/core/commands';
import { checkCommand } from '../../sim/core/commandSchema';
import { accepts } from '../../sim/procedure/accepts';
import { allowedCommandTypes } from '../../sim/procedure/allowedCommands';
import { refusalReason } from '../../sim/procedure/refusalReason';
import { actorAt, INPUTS } from './procedureHarness';

const tack: Command = { type: 'cement.tackTest' };
const load: Command = { type: 'cement.load' };

describe('tack test and next device: commands', () => {
  it('validate without payload', () => {
    expect(checkCommand(tack)).toEqual({ ok: true, command: tack });
    expect(checkCommand(load)).toEqual({ ok: true, command: load });
    expect(checkCommand({ type: 'cement.load', mL: 1 }).ok).toBe(false);
  });

  it.each(Object.values(INPUTS))(
    '$procedure $approach: refused before mixing, allowed once mixed and after a leak',
    (input) => {
      const actor = actorAt(input, 'cement.unmixed');
      for (const c of [tack, load]) {
        expect(accepts(actor.getSnapshot(), c)).toBe(false);
        expect(refusalReason(actor.getSnapshot(), c)).toMatch(/mix/i);
      }
      actor.send({ type: 'cement.mix' });
      for (const c of [tack, load]) expect(accepts(actor.getSnapshot(), c)).toBe(true);
      expect(allowedCommandTypes(actor.getSnapshot())).toEqual(
        expect.arrayContaining(['cement.tackTest', 'cement.load']),
      );
      actor.send({ type: 'cement.leak', location: 'venous', volumeMl: 0.1 });
      for (const c of [tack, load]) expect(accepts(actor.getSnapshot(), c)).toBe(true);
    },
  );

  it('are refused outside the cement phase with a reason', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'balloon.ready');
    expect(accepts(actor.getSnapshot(), tack)).toBe(false);
    expect(refusalReason(actor.getSnapshot(), tack)).toBe('Finish with the balloon before the cement.');
  });
});
