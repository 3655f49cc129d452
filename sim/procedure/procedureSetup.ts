import { assign, setup } from 'xstate';
import { balloonsIn, PROCEDURE_GUARDS } from './procedureGuards';
import { LEVEL_START } from './levelStart';
import type { ProcedureContext, ProcedureEvent, ProcedureInput, ProcedureStateMeta } from './procedureTypes';

/**
 * The procedure machine's types, guards and actions (procedureMachine.ts holds the state tree,
 * procedureGuards.ts the guards with their refusal sentences). The procedure as a statechart:
 * phases and permissions, nothing else. It never reads the world; facts arrive as domain events.
 * A command is accepted iff an enabled transition handles it (accepts.ts): the machine has no
 * "forbidden" transitions, so an accepted command that changes nothing is a plain transition with
 * no target and no action. Domain events the current state does not handle are ignored, never
 * refused. See README.md for the permission table and how the rules are read from the machine.
 */
export const procedureSetup = setup({
  types: {
    input: {} as ProcedureInput,
    context: {} as ProcedureContext,
    events: {} as ProcedureEvent,
    meta: {} as ProcedureStateMeta,
  },
  guards: PROCEDURE_GUARDS,
  actions: {
    'tick the item': assign({
      checklist: ({ context, event }) =>
        event.type === 'checklist.tick' ? { ...context.checklist, [event.item]: true } : context.checklist,
    }),
    'position the patient': assign({
      patientProne: ({ context, event }) =>
        event.type === 'patient.position' ? event.position === 'prone' : context.patientProne,
    }),
    'forget the images': assign({ imagesThisPhase: { AP: false, lateral: false } }),
    'record the image': assign({
      imagesThisPhase: ({ context, event }) =>
        event.type === 'image.acquired' ? { ...context.imagesThisPhase, [event.view]: true } : context.imagesThisPhase,
    }),
    'remember the first pedicle': assign({
      firstPedicle: ({ context, event }) =>
        event.type === 'needle.entry' && context.sideIndex === 0 ? event.side : context.firstPedicle,
    }),
    'work on the chosen side': assign({
      activeSide: ({ context, event }) =>
        event.type === 'needle.entry' || event.type === 'side.select' ? event.side : context.activeSide,
    }),
    'insert the working balloon': assign({
      balloons: ({ context }) =>
        context.activeSide ? { ...context.balloons, [context.activeSide]: 'in' } : context.balloons,
    }),
    'remove the working balloon': assign({
      balloons: ({ context }) =>
        context.activeSide ? { ...context.balloons, [context.activeSide]: 'removed' } : context.balloons,
    }),
    // Never more balloons holding contrast than balloons in the body.
    'count a balloon inflated': assign({
      balloonsInflated: ({ context }) => Math.min(context.balloonsInflated + 1, balloonsIn(context)) as 0 | 1 | 2,
    }),
    'count a balloon deflated': assign({
      balloonsInflated: ({ context }) => Math.max(context.balloonsInflated - 1, 0) as 0 | 1 | 2,
    }),
    'turn the cement to the other side': assign({
      cementFirstSide: ({ context }) => context.activeSide,
      activeSide: ({ context, event }) => (event.type === 'side.select' ? event.side : context.activeSide),
      cementDelivered: false,
    }),
    'record cement delivered': assign({ cementDelivered: true }),
    'remember the mark': assign({
      mark: ({ context, event }) =>
        event.type === 'level.marked' ? (event.overFracture ? 'overFracture' : 'elsewhere') : context.mark,
    }),
    'turn to the second pedicle': assign({ sideIndex: 1, cementDelivered: false }),
    // The next level starts as the first did from access: no pedicle, balloon, cement or mark yet.
    'turn to the next level': assign({ ...LEVEL_START, levelIndex: 1 }),
  },
});
