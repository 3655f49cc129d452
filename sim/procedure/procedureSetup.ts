import { assign, setup } from 'xstate';
import type { ExchangeStep, Side } from '../commands';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from './checklistItems';
import type { BalloonStage, ProcedureContext, ProcedureEvent, ProcedureInput } from './procedureTypes';

const otherSide = (side: Side | null): Side => (side === 'left' ? 'right' : 'left');
const balloonsIn = (context: ProcedureContext): number =>
  Object.values(context.balloons).filter((stage) => stage === 'in').length;

/**
 * The procedure machine's types, guards and actions (procedureMachine.ts holds the state tree).
 * The procedure as a statechart: phases and permissions, nothing else. It never reads the world;
 * facts arrive as domain events. A command is accepted iff an enabled transition handles it
 * (accepts.ts): the machine has no "forbidden" transitions, so an accepted command that changes
 * nothing is a plain transition with no target and no action. Domain events the current state
 * does not handle are ignored, never refused. See README.md for the permission table.
 */
export const procedureSetup = setup({
  types: {
    input: {} as ProcedureInput,
    context: {} as ProcedureContext,
    events: {} as ProcedureEvent,
  },
  guards: {
    'item is due in case review': ({ context, event }) =>
      event.type === 'checklist.tick' && CASE_REVIEW_ITEMS.includes(event.item) && !context.checklist[event.item],
    'item is due in pre-op': ({ context, event }) =>
      event.type === 'checklist.tick' && PRE_OP_ITEMS.includes(event.item) && !context.checklist[event.item],
    'case reviewed': ({ context }) => CASE_REVIEW_ITEMS.every((item) => context.checklist[item]),
    'time-out done': ({ context }) => context.checklist.timeOut,
    'patient prone': ({ context }) => context.patientProne,
    'AP and lateral taken in this phase': ({ context }) =>
      context.imagesThisPhase.AP && context.imagesThisPhase.lateral,
    'pedal released': ({ event }) => event.type === 'fluoro.expose' && !event.on,
    'entry on an untreated pedicle': ({ context, event }) =>
      event.type === 'needle.entry' && (context.sideIndex === 0 || event.side !== context.firstPedicle),
    'procedure is kyphoplasty': ({ context }) => context.procedure === 'kyphoplasty',
    'cement delivered': ({ context }) => context.cementDelivered,
    'second pedicle to treat': ({ context }) => context.approach === 'bipedicular' && context.sideIndex === 0,
    'both pedicles treated together': ({ context }) =>
      context.procedure === 'kyphoplasty' && context.approach === 'bipedicular',
    'the other side': ({ context, event }) => event.type === 'side.select' && event.side !== context.activeSide,
    'working balloon is': ({ context }, params: { stage: BalloonStage }) =>
      context.activeSide !== null && context.balloons[context.activeSide] === params.stage,
    'the other balloon is removed': ({ context }) => context.balloons[otherSide(context.activeSide)] === 'removed',
    'a balloon is in': ({ context }) => balloonsIn(context) > 0,
    'a balloon holds contrast': ({ context }) => context.balloonsInflated > 0,
    'no balloon holds contrast': ({ context }) => context.balloonsInflated === 0,
    'no side cemented yet': ({ context }) => context.cementFirstSide === null,
    'every side cemented': ({ context }) =>
      !(context.procedure === 'kyphoplasty' && context.approach === 'bipedicular') || context.cementFirstSide !== null,
    'exchange step is': ({ event }, params: { step: ExchangeStep }) =>
      event.type === 'instrument.exchange' && event.step === params.step,
  },
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
    'turn to the second pedicle': assign({ sideIndex: 1, cementDelivered: false }),
  },
});
