import { assertEvent } from 'xstate';
import type { ExchangeStep, Side } from '../core/commands';
import { CASE_REVIEW_ITEMS, CHECKLIST_LABELS, PRE_OP_ITEMS } from './checklistItems';
import { EXCHANGE_LABELS, EXCHANGE_ORDER } from './exchangeOrder';
import type { BalloonStage, ProcedureContext, ProcedureEvent } from './procedureTypes';
import { capitalise, listInWords } from './wording';

/**
 * The procedure machine's guards, named like sentences, with what each says when it stops a
 * command. Guards that read the command's payload are kept apart from those that read only the
 * context, and say from the context alone whether some command would pass (allowedCommands.ts).
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
  'skin marked': ({ context }: ContextArgs) => context.mark !== 'none',
  'another level to treat': ({ context }: ContextArgs) => context.levelIndex + 1 < (context.levels ?? 1),
  'every level treated': ({ context }: ContextArgs) => context.levelIndex + 1 >= (context.levels ?? 1),
  // Practice mode stops an entry over the wrong vertebra with a hint; an exam lets it through, and
  // the world ends the procedure at the skin puncture (level.wrongLevel).
  'no practice entry over another vertebra': ({ context }: ContextArgs) =>
    context.mode === 'exam' || context.mark !== 'elsewhere',
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

/** What a guard says when it stops a command: a sentence, or one built from the context, the command and its params. */
type GuardRefusal<G extends GuardName> =
  | string
  | ((args: EventArgs, params: Parameters<(typeof PROCEDURE_GUARDS)[G]>[1]) => string);

/**
 * The refusal sentence of each guard (refusalReason.ts reads it when the guard is the first to fail).
 * null: the guard only routes a command that another transition accepts, guards a world fact, or
 * its states say why (the same guard reads differently in two states).
 */
export const GUARD_REFUSALS: { readonly [G in GuardName]: GuardRefusal<G> | null } = {
  'case reviewed': ({ context }) => {
    const missing = CASE_REVIEW_ITEMS.filter((item) => !context.checklist[item]).map((item) => CHECKLIST_LABELS[item]);
    return `Review ${listInWords(missing)} before moving on.`;
  },
  'time-out done': 'Complete the time-out before incision.',
  'patient prone': 'Position the patient prone first.',
  'AP and lateral taken in this phase': null, // C-arm set-up and the final images each say what comes next
  'procedure is kyphoplasty': null, // routes; the working channel says why a vertebroplasty needs no drill
  'cement delivered': ({ event }) =>
    event.type === 'side.select'
      ? 'Inject cement on this side before turning to the other.'
      : 'Inject cement into the vertebral body first.',
  'second pedicle to treat': null, // routes phase.next
  'another level to treat': ({ context }) =>
    (context.levels ?? 1) === 1
      ? 'This procedure treats one level.'
      : 'Both levels are treated: take the final images.',
  'every level treated':
    'The second fracture is still to treat: move on to the next level, then find, mark and enter it as the first.',
  'both pedicles treated together': null, // routes; the root's neverAllows says why a side cannot switch
  'working balloon is': ({ context, event }, { stage: wanted }) => {
    const side = context.activeSide;
    const stage = side ? context.balloons[side] : 'out';
    if (stage === 'removed') return `The ${side} balloon has been removed.`;
    if (wanted === 'out') return `The ${side} balloon is already in.`;
    return event.type === 'balloon.inflate'
      ? `Insert the ${side} balloon before inflating.`
      : `Insert the ${side} balloon first.`;
  },
  'the other balloon is removed': null, // routes the second removal
  'a balloon is in': null, // guards a world fact, never a command
  'a balloon holds contrast': 'No balloon is inflated.',
  'no balloon holds contrast': 'Deflate both balloons before removing one.',
  'no side cemented yet': ({ context }) => `The ${context.cementFirstSide} side already has its cement.`,
  'every side cemented': ({ context }) => `Switch to the ${otherSide(context.activeSide)} side and cement it too.`,
  'skin marked':
    'Mark the skin over the fractured level first: count the vertebrae on AP images, centre the fractured one and mark it.',
  'no practice entry over another vertebra':
    'Practice hint: the skin mark is not over the fractured vertebra. Count again from the sacrum and from the lowest rib, centre the fracture and mark again.',
  'item is due in case review': ({ event }) => {
    assertEvent(event, 'checklist.tick');
    const label = CHECKLIST_LABELS[event.item];
    return PRE_OP_ITEMS.includes(event.item)
      ? `Finish the case review before ticking ${label}.`
      : `${capitalise(label)} is already ticked.`;
  },
  'item is due in pre-op': ({ event }) => {
    assertEvent(event, 'checklist.tick');
    return CASE_REVIEW_ITEMS.includes(event.item)
      ? 'The case review is closed.'
      : `${capitalise(CHECKLIST_LABELS[event.item])} is already ticked.`;
  },
  'pedal released': null, // the state says where the C-arm is
  'entry on an untreated pedicle': ({ context }) =>
    `The ${context.firstPedicle} pedicle is done: enter on the ${otherSide(context.firstPedicle)} for the second side.`,
  'the other side': ({ event }) => {
    assertEvent(event, 'side.select');
    return `You are already working on the ${event.side} side.`;
  },
  'exchange step is': ({ context, event }, { step: expected }) => {
    assertEvent(event, 'instrument.exchange');
    const { procedure } = context;
    return EXCHANGE_ORDER[procedure].includes(event.step)
      ? `Not yet: first ${EXCHANGE_LABELS[expected]}.`
      : `A ${procedure} needs no such step: ${EXCHANGE_LABELS[expected]}.`;
  },
};
