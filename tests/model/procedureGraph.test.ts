import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getStateNodes } from '@xstate/graph';
import { accepts } from '../../sim/procedure/accepts';
import { procedureMachine } from '../../sim/procedure/procedureMachine';
import { phaseOf } from '../../sim/procedure/phases';
import { COMMAND_GUARDS } from '../../sim/procedure/procedureGuards';
import { guardConjuncts } from '../../sim/procedure/readGuards';
import { INPUTS, isCommand, procedurePaths } from './procedureHarness';
import type { ProcedureInput } from '../../sim/procedure/procedureTypes';

const ALL_NODE_IDS = getStateNodes(procedureMachine.root).map((node) => node.id);
const BALLOON_NODE_IDS = ALL_NODE_IDS.filter((id) => id.startsWith('procedure.balloon'));
/** Bipedicular kyphoplasty's two balloons live in balloon.pair; a single balloon in the other substates. */
const PAIR_NODE_IDS = BALLOON_NODE_IDS.filter((id) => id.startsWith('procedure.balloon.pair'));
const SINGLE_BALLOON_NODE_IDS = BALLOON_NODE_IDS.filter(
  (id) => id !== 'procedure.balloon' && !PAIR_NODE_IDS.includes(id),
);
/** A vertebroplasty's bone-biopsy needle needs no exchange to a cannula and no drill (exchangeOrder.ts). */
const KYPHOPLASTY_EXCHANGE_IDS = ['styletOut', 'guidePinIn', 'needleOut', 'introducerIn', 'drilling'].map(
  (s) => `procedure.workingChannel.${s}`,
);

function reachedNodeIds(input: ProcedureInput): Set<string> {
  return new Set(procedurePaths(input).flatMap((path) => path.state._nodes.map((node) => node.id)));
}

describe('procedure statechart graph', () => {
  it('has the phases and substates the README documents', () => {
    // 12 phases and 27 substates (access 4, working channel 7, balloon 6 + pair 4, cement 2, removal 2, recovery 2).
    expect(ALL_NODE_IDS.length).toBe(39);
    expect(BALLOON_NODE_IDS).toEqual([
      'procedure.balloon',
      'procedure.balloon.ready',
      'procedure.balloon.inserted',
      'procedure.balloon.inflated',
      'procedure.balloon.deflated',
      'procedure.balloon.ruptured',
      'procedure.balloon.removed',
      'procedure.balloon.pair',
      'procedure.balloon.pair.working',
      'procedure.balloon.pair.ruptured',
      'procedure.balloon.pair.removed',
    ]);
  });

  it('guards every transition with named guards joined by and(), at most one of them reading the payload', () => {
    // allowedCommands.ts answers "some command passes" guard by guard: exact only with one payload guard per transition.
    for (const node of getStateNodes(procedureMachine.root)) {
      for (const transition of [...node.transitions.values()].flat()) {
        const payloadGuards = guardConjuncts(transition.guard).filter((guard) => guard.type in COMMAND_GUARDS);
        expect(payloadGuards.length, `${transition.eventType} in ${node.id}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('kyphoplasty reaches every state: one balloon (unipedicular) or the pair (bipedicular)', () => {
    const uni = reachedNodeIds(INPUTS.kyphoplastyUni);
    expect(ALL_NODE_IDS.filter((id) => !uni.has(id))).toEqual(PAIR_NODE_IDS);
    const bi = reachedNodeIds(INPUTS.kyphoplastyBi);
    expect(ALL_NODE_IDS.filter((id) => !bi.has(id))).toEqual(SINGLE_BALLOON_NODE_IDS);
  });

  it('bipedicular kyphoplasty has both balloons in the body at once, and both counted inflated', () => {
    const contexts = procedurePaths(INPUTS.kyphoplastyBi).map((path) => path.state.context);
    expect(
      contexts.some((c) => c.balloons.left === 'in' && c.balloons.right === 'in' && c.balloonsInflated === 2),
    ).toBe(true);
    // Never more balloons counted inflated than are in the body.
    for (const c of contexts)
      expect(c.balloonsInflated).toBeLessThanOrEqual(Object.values(c.balloons).filter((s) => s === 'in').length);
  });

  it.each([INPUTS.vertebroplastyUni, INPUTS.vertebroplastyBi])(
    'vertebroplasty ($approach) reaches every state but the balloon and the cannula exchange, and never enters them',
    (input) => {
      const reached = reachedNodeIds(input);
      expect(ALL_NODE_IDS.filter((id) => !reached.has(id))).toEqual([...KYPHOPLASTY_EXCHANGE_IDS, ...BALLOON_NODE_IDS]);
      for (const path of procedurePaths(input)) {
        for (const step of path.steps) expect(step.state.matches('balloon')).toBe(false);
      }
    },
  );

  it('bipedicular reaches every side-specific state on the second side too', () => {
    const secondSide = procedurePaths(INPUTS.kyphoplastyBi).filter((path) => path.state.context.sideIndex === 1);
    const reached = new Set(secondSide.flatMap((path) => path.state._nodes.map((node) => node.id)));
    const sideNodes = ALL_NODE_IDS.filter(
      (id) => /^procedure\.(access|workingChannel|balloon|cement)/.test(id) && !SINGLE_BALLOON_NODE_IDS.includes(id),
    );
    expect(sideNodes.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('unipedicular never turns to a second side', () => {
    for (const input of [INPUTS.kyphoplastyUni, INPUTS.vertebroplastyUni]) {
      expect(procedurePaths(input).some((path) => path.state.context.sideIndex === 1)).toBe(false);
    }
  });

  it.each(Object.values(INPUTS))('every shortest path ($procedure, $approach) replays on a live actor', (input) => {
    for (const path of procedurePaths(input)) {
      const actor = createActor(procedureMachine, { input });
      actor.start();
      for (const step of path.steps) {
        // A command that moves the machine must have been allowed by can() first.
        if (isCommand(step.event)) expect(accepts(actor.getSnapshot(), step.event)).toBe(true);
        actor.send(step.event);
      }
      expect(actor.getSnapshot().value).toEqual(path.state.value);
      expect(actor.getSnapshot().context).toEqual(path.state.context);
    }
  });

  it('phases are entered only in the documented order', () => {
    const order = [
      'caseReview',
      'preOp',
      'positioning',
      'cArmSetup',
      'access',
      'workingChannel',
      'balloon',
      'cement',
      'instrumentRemoval',
      'finalImages',
      'recovery',
      'debrief',
    ];
    for (const input of Object.values(INPUTS)) {
      for (const path of procedurePaths(input)) {
        let previous = 'caseReview';
        for (const step of path.steps) {
          const phase = phaseOf(step.state);
          // Back to access for the second pedicle: after its cement, or (kyphoplasty) after its working channel.
          const secondSide = (previous === 'cement' || previous === 'workingChannel') && phase === 'access';
          // Back to access for the second level of two, once the first level's instruments are out.
          const secondLevel = previous === 'instrumentRemoval' && phase === 'access' && input.levels === 2;
          if (phase !== previous && !secondSide && !secondLevel)
            expect(order.indexOf(phase)).toBeGreaterThan(order.indexOf(previous));
          previous = phase;
        }
      }
    }
  });
});
