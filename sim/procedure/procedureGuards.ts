import type { ExchangeStep, Side } from '../commands';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from './checklistItems';
import type { BalloonStage, ProcedureContext, ProcedureEvent } from './procedureTypes';

/**
 * The procedure machine's guards, named like sentences. Guards that read the command's payload are
 * kept apart from those that read only the context, and say from the context alone whether some
 * command would pass (allowedCommands.ts).
 */

type ContextArgs = { readonly context: ProcedureContext };
type EventArgs = { readonly context: ProcedureContext; readonly event: ProcedureEvent };

/** The pedicle that is not this one (either when none is chosen yet). */
export const otherSide = (side: Side | null): Side => (side === 'left' ? 'right' : 'left');
/** How many balloons are in the body (bipedicular kyphoplasty). */
export const balloonsIn = (context: ProcedureContext): number =>
  Object.values(context.balloons).filter((stage) => stage === 'in').length;
const bothPediclesTogether = (context: ProcedureContext): boolean =>
  context.procedure === 'kyphoplasty' && context.approach === 'bipedicular';

/** Guards that read only the machine's context. */
export const CONTEXT_GUARDS = {
  'case reviewed': ({ context }: ContextArgs) => CASE_REVIEW_ITEMS.every((item) => context.checklist[item]),
  'time-out done': ({ context }: ContextArgs) => context.checklist.timeOut,
  'patient prone': ({ context }: ContextArgs) => context.patientProne,
  'AP and lateral taken in this phase': ({ context }: ContextArgs) =>
    context.imagesThisPhase.AP && context.imagesThisPhase.lateral,
  'procedure is kyphoplasty': ({ context }: ContextArgs) => context.procedure === 'kyphoplasty',
  'cement delivered': ({ context }: ContextArgs) => context.cementDelivered,
  'second pedicle to treat': ({ context }: ContextArgs) =>
    context.approach === 'bipedicular' && context.sideIndex === 0,
  'both pedicles treated together': ({ context }: ContextArgs) => bothPediclesTogether(context),
  'working balloon is': ({ context }: ContextArgs, params: { stage: BalloonStage }) =>
    context.activeSide !== null && context.balloons[context.activeSide] === params.stage,
  'the other balloon is removed': ({ context }: ContextArgs) =>
    context.balloons[otherSide(context.activeSide)] === 'removed',
  'a balloon is in': ({ context }: ContextArgs) => balloonsIn(context) > 0,
  'a balloon holds contrast': ({ context }: ContextArgs) => context.balloonsInflated > 0,
  'no balloon holds contrast': ({ context }: ContextArgs) => context.balloonsInflated === 0,
  'no side cemented yet': ({ context }: ContextArgs) => context.cementFirstSide === null,
  'every side cemented': ({ context }: ContextArgs) =>
    !bothPediclesTogether(context) || context.cementFirstSide !== null,
};

/** Guards that read the command's payload: which item, side or step, whether the pedal is released. */
export const COMMAND_GUARDS = {
  'item is due in case review': ({ context, event }: EventArgs) =>
    event.type === 'checklist.tick' && CASE_REVIEW_ITEMS.includes(event.item) && !context.checklist[event.item],
  'item is due in pre-op': ({ context, event }: EventArgs) =>
    event.type === 'checklist.tick' && PRE_OP_ITEMS.includes(event.item) && !context.checklist[event.item],
  'pedal released': ({ event }: EventArgs) => event.type === 'fluoro.expose' && !event.on,
  'entry on an untreated pedicle': ({ context, event }: EventArgs) =>
    event.type === 'needle.entry' && (context.sideIndex === 0 || event.side !== context.firstPedicle),
  'the other side': ({ context, event }: EventArgs) =>
    event.type === 'side.select' && event.side !== context.activeSide,
  'exchange step is': ({ event }: EventArgs, params: { step: ExchangeStep }) =>
    event.type === 'instrument.exchange' && event.step === params.step,
};

/**
 * Whether some command that guard lets through would *use* its type now, from the context alone:
 * what the allowed command types (the UI's live buttons) ask of a payload guard.
 */
export const SOME_COMMAND_PASSES: {
  readonly [G in keyof typeof COMMAND_GUARDS]: (context: ProcedureContext, params: never) => boolean;
} = {
  'item is due in case review': (context) => CASE_REVIEW_ITEMS.some((item) => !context.checklist[item]),
  'item is due in pre-op': (context) => PRE_OP_ITEMS.some((item) => !context.checklist[item]),
  // Releasing the pedal is accepted almost everywhere, so that a window blur is never refused, but
  // it does not make fluoroscopy usable.
  'pedal released': () => false,
  // The first side may take either pedicle and the second takes the other: one is always untreated.
  'entry on an untreated pedicle': () => true,
  // Of two sides, one is always not the working side.
  'the other side': () => true,
  // Whichever step the transition names, some exchange command names it.
  'exchange step is': () => true,
};

/** Every guard, as `setup()` takes them. */
export const PROCEDURE_GUARDS = { ...CONTEXT_GUARDS, ...COMMAND_GUARDS };

/** A guard's name, as transitions name it. */
export type GuardName = keyof typeof PROCEDURE_GUARDS;
