import { CARM_COMMAND_TYPES, type CommandType, type ExchangeStep } from '../core/commands';
import { EXCHANGE_LABELS } from './exchangeOrder';
import type { ProcedureContext, ProcedureStateMeta, Refusal, Refusals } from './procedureTypes';

/**
 * Refusal sentences shared by several states' `meta.refuses` in procedureMachine.ts and its phase
 * files (README.md: how refusals are read). A state lists what it does not do and why; each sentence here names what
 * comes first or what is over.
 */

const each = (types: readonly CommandType[], refusal: Refusal): Refusals =>
  Object.fromEntries(types.map((type) => [type, refusal])) as Refusals;

const BALLOON_COMMANDS = ['balloon.insert', 'balloon.inflate', 'balloon.deflate', 'balloon.remove'] as const;
const CEMENT_COMMANDS = ['cement.mix', 'cement.tackTest', 'cement.load', 'cement.inject', 'cement.stop'] as const;
const NEEDLE_COMMANDS = ['local.anaesthetic', 'needle.entry', 'needle.aim', 'needle.advance', 'needle.tap'] as const;

/** The machine's root: what a procedure of this kind never does, whatever its phase. */
export const NEVER_ALLOWED: Refusals = {
  'side.select': ({ context }) => {
    if (context.approach === 'unipedicular') return 'A unipedicular approach has one working side.';
    if (context.procedure === 'vertebroplasty')
      return 'A bipedicular vertebroplasty finishes one side before the other: choose the second entry in access.';
    return undefined;
  },
  'level.next': ({ context }) => ((context.levels ?? 1) === 1 ? 'This procedure treats one level.' : undefined),
  ...each(BALLOON_COMMANDS, ({ context }) =>
    context.procedure === 'vertebroplasty' ? 'A vertebroplasty uses no balloon.' : undefined,
  ),
};

/**
 * The machine's root: once the case review is left, the decision to operate is made (declining
 * is a case-review decision; sim/scoring/README.md says why it is judged there).
 */
export const decisionMade: Refusals = {
  'case.decline': 'The decision to operate was made when the case review closed: decline in case review.',
  'case.measure': 'The pre-operative radiograph is measured in case review; the case review is closed.',
};

/** Case review to positioning: the C-arm is not in yet. */
export const cArmToCome = each(CARM_COMMAND_TYPES, 'The C-arm comes in after the patient is positioned.');

/** Case review: the patient has not consented yet; sedation, oxygen and the other care start in pre-op. */
export const careToCome: Refusals = each(
  [
    'sedation.midazolam',
    'oxygen.nasal',
    'patient.fluids',
    'sedation.flumazenil',
    'patient.callForHelp',
    'neuro.examine',
    'imaging.ct',
    'patient.surgicalOpinion',
    'patient.adrenaline',
    'antibiotic.choose',
  ],
  'Sedation, oxygen and the patient care start in pre-op, once the case is reviewed and the patient consents.',
);

/** Before the C-arm set-up: the level is counted and marked on the table, under fluoroscopy. */
export const markToCome: Refusals = {
  'level.mark': 'The skin is marked on the table once the C-arm is in: count the level on an AP image first.',
};

/** Recovery: the C-arm has gone. */
export const cArmGone = each(CARM_COMMAND_TYPES, 'The C-arm is out of the field.');

/** From positioning on: the checklists are closed. */
export const checklistsClosed: Refusals = {
  'checklist.tick': 'The checklists are closed.',
  'antibiotic.choose': 'The prophylactic antibiotic is chosen in pre-op, before it is given.',
};

/** From the C-arm set-up on: the patient is positioned and draped. */
export const patientPositioned: Refusals = {
  ...checklistsClosed,
  'patient.position': 'The patient is already positioned and draped.',
};

/** Until the cement is in: the instruments stay. */
export const cementToCome: Refusals = {
  'instruments.remove': 'Finish the cement before removing the instruments.',
};

/** Until the working channel is ready: the balloon, the cement and the other side come after it. */
export const channelToCome: Refusals = {
  ...cementToCome,
  'side.select': 'Place both working channels first (the second side starts with a new skin entry).',
  ...each(BALLOON_COMMANDS, 'The balloon goes in through the working channel: prepare it first.'),
  ...each(CEMENT_COMMANDS, 'Cement goes in through the working channel: prepare it first.'),
};

/** Before access: no needle to exchange instruments through, and the channel to come. */
export const beforeAccess: Refusals = { ...channelToCome, 'instrument.exchange': 'There is no needle in yet.' };

/** The balloon phase: the cement waits for the balloon to come out. */
export const balloonFirst: Refusals = {
  ...cementToCome,
  ...each(CEMENT_COMMANDS, 'Finish with the balloon before the cement.'),
};

/** The working channel: the needle is open or exchanged. */
export const needleStays: Refusals = each(NEEDLE_COMMANDS, 'The needle is open or exchanged: it stays where it is.');

/** After the skin puncture: the entry is chosen and the local is in. */
export const skinPunctured: Refusals = {
  'level.mark': 'The skin is already punctured: the level is chosen.',
  'needle.entry': 'The skin is already punctured: the entry point is chosen.',
  'local.anaesthetic': 'Local anaesthetic goes in before the skin puncture.',
};

/** After the working channel. */
export const exchangeOver: Refusals = { 'instrument.exchange': 'The exchange is over.' };

/** After the balloon phase (or the working channel, in a vertebroplasty). */
export const balloonOver: Refusals = { ...exchangeOver, ...each(BALLOON_COMMANDS, 'The balloon step is over.') };

/** After the cement: the pedicles are done. */
export const cementOver: Refusals = {
  ...balloonOver,
  ...each(CEMENT_COMMANDS, 'The cement step is over.'),
  'side.select': 'The work on the pedicles is over.',
};

/** A single balloon in the body. */
export const balloonIn: Refusals = { 'balloon.insert': 'The balloon is already in.' };

/** Every balloon command, refused with one sentence. */
export const balloonCommands = (refusal: Refusal): Refusals => each(BALLOON_COMMANDS, refusal);

/** A working-channel substate waiting for this exchange step: the step, and the blocked `phase.next`. */
export function awaitingExchange(step: ExchangeStep): ProcedureStateMeta {
  return {
    exchangeStep: step,
    refuses: { 'phase.next': `Finish the instrument exchange first: ${EXCHANGE_LABELS[step]}.` },
  };
}

/** The images still missing in C-arm set-up or the final images. */
export function missingViews(context: ProcedureContext): string {
  const { AP, lateral } = context.imagesThisPhase;
  if (!AP && !lateral) return 'an AP and a lateral image';
  return AP ? 'a lateral image' : 'an AP image';
}

/** Bipedicular kyphoplasty: both balloons go in, and both come out deflated, before the cement. */
export function pairNotDone(context: ProcedureContext): string {
  const out = (['left', 'right'] as const).filter((side) => context.balloons[side] === 'out');
  if (out.length > 0) return `Insert the ${out.join(' and ')} balloon${out.length > 1 ? 's' : ''} first.`;
  if (context.balloonsInflated > 0) return 'Deflate and remove both balloons before moving on.';
  return 'Remove both balloons before moving on.';
}

/** Bipedicular kyphoplasty: both balloons are out; commands act on the working side's. */
export const pairRemoved = balloonCommands(({ context }) => `The ${context.activeSide} balloon has been removed.`);

/** Instrument removal, the instruments still in: there is no open puncture site to press on yet. */
export const compressionToCome: Refusals = {
  'site.compress': 'Remove the instruments first: the puncture sites are compressed once they are out.',
};
