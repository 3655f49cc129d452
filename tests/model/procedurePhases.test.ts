import { describe, expect, it } from 'vitest';
import { checklistOf, PHASES, phaseOf, stateValueString } from '../../sim/procedure/phases';
import { procedureMachine } from '../../sim/procedure/procedureMachine';
import { actorAt, INPUTS, startProcedure } from './procedureHarness';

describe('phases', () => {
  it('lists exactly the machine top-level states, in order, each with an instruction', () => {
    expect(PHASES.map((phase) => phase.id)).toEqual(Object.keys(procedureMachine.root.states));
    for (const phase of PHASES) expect(phase.instruction).toMatch(/^[A-Z].*\.$/);
  });

  it('reads the phase and the dotted state value of a snapshot', () => {
    const mixed = actorAt(INPUTS.kyphoplastyUni, 'cement.mixed').getSnapshot();
    expect(phaseOf(mixed)).toBe('cement');
    expect(stateValueString(mixed)).toBe('cement.mixed');
    const start = startProcedure(INPUTS.kyphoplastyUni).getSnapshot();
    expect(phaseOf(start)).toBe('caseReview');
    expect(stateValueString(start)).toBe('caseReview');
  });

  it('reports the checklist as a copy', () => {
    const actor = startProcedure(INPUTS.vertebroplastyUni);
    actor.send({ type: 'checklist.tick', item: 'candidacy' });
    const checklist = checklistOf(actor.getSnapshot());
    expect(Object.entries(checklist).filter(([, ticked]) => ticked)).toEqual([['candidacy', true]]);
    checklist.history = true;
    expect(actor.getSnapshot().context.checklist.history).toBe(false);
  });
});
