import { isCArmCommand, type ChecklistItem, type Command, type ExchangeStep, type Side } from '../commands';
import { EXCHANGE_LABELS, EXCHANGE_ORDER } from './exchangeOrder';
import { nextExchangeStep } from './nextExchangeStep';
import { CASE_REVIEW_ITEMS, CHECKLIST_LABELS, PRE_OP_ITEMS } from './checklistItems';
import { COMMAND_LABELS } from './commandLabels';
import { nextPhaseBlocker } from './nextPhaseBlocker';
import { PHASES, phaseInfo, phaseOf, type PhaseId } from './phases';
import type { ProcedureSnapshot } from './procedureMachine';
import { accepts } from './accepts';

/**
 * Why the machine refuses a command now, in words a trainee understands; '' when it is allowed.
 * Specific reasons name what to do first; otherwise the command is simply not part of this phase,
 * and practice mode adds the phase's instruction (exam mode never hints).
 */
export function refusalReason(snapshot: ProcedureSnapshot, command: Command): string {
  if (snapshot.status !== 'active') return 'The procedure is over.';
  if (accepts(snapshot, command)) return '';
  return specificReason(snapshot, command) ?? notInThisPhase(snapshot, command);
}

function specificReason(snapshot: ProcedureSnapshot, command: Command): string | undefined {
  if (isCArmCommand(command)) {
    if (isBefore(snapshot, 'cArmSetup')) return 'The C-arm comes in after the patient is positioned.';
    return isAfter(snapshot, 'finalImages') ? 'The C-arm is out of the field.' : undefined;
  }
  switch (command.type) {
    case 'phase.next':
      return nextPhaseBlocker(snapshot);
    case 'checklist.tick':
      return checklistReason(snapshot, command.item);
    case 'patient.position':
      return isAfter(snapshot, 'positioning') ? 'The patient is already positioned and draped.' : undefined;
    case 'local.anaesthetic':
    case 'needle.entry':
    case 'needle.aim':
    case 'needle.advance':
    case 'needle.tap':
      if (phaseOf(snapshot) === 'workingChannel') return 'The needle is open or exchanged: it stays where it is.';
      return phaseOf(snapshot) === 'access' ? accessReason(snapshot, command) : undefined;
    case 'side.select':
      return sideReason(snapshot, command.side);
    case 'instrument.exchange':
      return exchangeReason(snapshot, command.step);
    case 'channel.drill':
      if (phaseOf(snapshot) === 'access') return 'Advance the trocar past the posterior wall before drilling.';
      if (phaseOf(snapshot) !== 'workingChannel') return undefined;
      if (snapshot.context.procedure === 'vertebroplasty')
        return 'A vertebroplasty needle needs no drill: cement goes through the needle.';
      return nextExchangeStep(snapshot)
        ? 'The drill goes through the open osteo-introducer: finish the exchange first.'
        : undefined;
    case 'balloon.insert':
    case 'balloon.inflate':
    case 'balloon.deflate':
    case 'balloon.remove':
      return balloonReason(snapshot, command);
    case 'cement.mix':
    case 'cement.tackTest':
    case 'cement.load':
    case 'cement.inject':
    case 'cement.stop':
      return cementReason(snapshot, command);
    case 'instruments.remove':
      if (snapshot.matches({ instrumentRemoval: 'removed' })) return 'The instruments are already out.';
      return isBefore(snapshot, 'instrumentRemoval') ? 'Finish the cement before removing the instruments.' : undefined;
    case 'discharge.decide':
      return snapshot.matches({ recovery: 'decided' }) ? 'The discharge decision is already made.' : undefined;
    case 'time.wait':
      return undefined;
  }
}

function exchangeReason(snapshot: ProcedureSnapshot, step: ExchangeStep): string | undefined {
  const phase = phaseOf(snapshot);
  if (phase === 'access')
    return 'Reach the vertebral body before the exchange (past the posterior wall on the lateral view).';
  if (phase !== 'workingChannel')
    return isBefore(snapshot, 'access') ? 'There is no needle in yet.' : 'The exchange is over.';
  const expected = nextExchangeStep(snapshot);
  if (!expected) return 'The exchange is done.';
  if (!EXCHANGE_ORDER[snapshot.context.procedure].includes(step))
    return `A ${snapshot.context.procedure} needs no such step: ${EXCHANGE_LABELS[expected]}.`;
  return `Not yet: first ${EXCHANGE_LABELS[expected]}.`;
}

function checklistReason(snapshot: ProcedureSnapshot, item: ChecklistItem): string {
  const phase = phaseOf(snapshot);
  const label = CHECKLIST_LABELS[item];
  if (phase === 'caseReview' && PRE_OP_ITEMS.includes(item)) return `Finish the case review before ticking ${label}.`;
  if (phase === 'preOp' && CASE_REVIEW_ITEMS.includes(item)) return 'The case review is closed.';
  if (phase === 'caseReview' || phase === 'preOp') return `${capitalise(label)} is already ticked.`;
  return 'The checklists are closed.';
}

function accessReason(snapshot: ProcedureSnapshot, command: Command): string | undefined {
  const choosing = snapshot.matches({ access: 'choosingEntry' });
  const punctured = snapshot.matches({ access: 'trocarInTissue' }) || snapshot.matches({ access: 'trocarInBody' });
  if (command.type === 'needle.entry') {
    if (punctured) return 'The skin is already punctured: the entry point is chosen.';
    const first = snapshot.context.firstPedicle;
    return `The ${first} pedicle is done: enter on the ${first === 'left' ? 'right' : 'left'} for the second side.`;
  }
  if (choosing) return 'Choose the skin entry point first.';
  if (command.type === 'local.anaesthetic' && punctured) return 'Local anaesthetic goes in before the skin puncture.';
  return undefined;
}

function balloonReason(snapshot: ProcedureSnapshot, command: Command): string | undefined {
  if (snapshot.context.procedure === 'vertebroplasty') return 'A vertebroplasty uses no balloon.';
  if (isBefore(snapshot, 'balloon')) return 'The balloon goes in through the working channel: prepare it first.';
  if (isAfter(snapshot, 'balloon')) return 'The balloon step is over.';
  if (snapshot.matches({ balloon: 'pair' })) return pairBalloonReason(snapshot, command);
  if (snapshot.matches({ balloon: 'ruptured' })) return 'The balloon has ruptured: remove it.';
  if (snapshot.matches({ balloon: 'removed' })) return 'The balloon has been removed.';
  const ready = snapshot.matches({ balloon: 'ready' });
  switch (command.type) {
    case 'balloon.insert':
      return 'The balloon is already in.';
    case 'balloon.inflate':
      return ready ? 'Insert the balloon before inflating.' : undefined;
    case 'balloon.deflate':
      return ready ? 'Insert the balloon first.' : 'The balloon is not inflated.';
    case 'balloon.remove':
      return ready ? 'Insert the balloon first.' : 'Deflate the balloon before removing it.';
  }
  return undefined;
}

/** Bipedicular kyphoplasty: the command acts on the working side's balloon. */
function pairBalloonReason(snapshot: ProcedureSnapshot, command: Command): string | undefined {
  const { activeSide, balloons, balloonsInflated } = snapshot.context;
  const stage = activeSide ? balloons[activeSide] : 'out';
  if (
    snapshot.matches({ balloon: { pair: 'ruptured' } }) &&
    (command.type === 'balloon.inflate' || command.type === 'balloon.insert')
  ) {
    return 'A balloon has ruptured: deflate and remove both balloons.';
  }
  if (stage === 'removed') return `The ${activeSide} balloon has been removed.`;
  switch (command.type) {
    case 'balloon.insert':
      return `The ${activeSide} balloon is already in.`;
    case 'balloon.inflate':
      return `Insert the ${activeSide} balloon before inflating.`;
    case 'balloon.deflate':
      return stage === 'out' ? `Insert the ${activeSide} balloon first.` : 'No balloon is inflated.';
    case 'balloon.remove':
      if (stage === 'out') return `Insert the ${activeSide} balloon first.`;
      return balloonsInflated > 0 ? 'Deflate both balloons before removing one.' : undefined;
  }
  return undefined;
}

/** Switching the working side: bipedicular kyphoplasty only, once both working channels are in. */
function sideReason(snapshot: ProcedureSnapshot, side: Side): string | undefined {
  const { context } = snapshot;
  if (context.approach === 'unipedicular') return 'A unipedicular approach has one working side.';
  if (context.procedure === 'vertebroplasty')
    return 'A bipedicular vertebroplasty finishes one side before the other: choose the second entry in access.';
  if (isBefore(snapshot, 'balloon'))
    return 'Place both working channels first (the second side starts with a new skin entry).';
  if (isAfter(snapshot, 'cement')) return 'The work on the pedicles is over.';
  if (side === context.activeSide) return `You are already working on the ${side} side.`;
  if (phaseOf(snapshot) !== 'cement') return undefined;
  if (context.cementFirstSide) return `The ${context.cementFirstSide} side already has its cement.`;
  return context.cementDelivered ? undefined : 'Inject cement on this side before turning to the other.';
}

function cementReason(snapshot: ProcedureSnapshot, command: Command): string | undefined {
  if (isAfter(snapshot, 'cement')) return 'The cement step is over.';
  if (phaseOf(snapshot) === 'balloon') return 'Finish with the balloon before the cement.';
  if (isBefore(snapshot, 'cement')) return 'Cement goes in through the working channel: prepare it first.';
  const unmixed = snapshot.matches({ cement: 'unmixed' });
  switch (command.type) {
    case 'cement.mix':
      return 'The cement is already mixed.';
    case 'cement.inject':
      return unmixed ? 'Mix the cement before injecting.' : undefined;
    case 'cement.stop':
      return unmixed ? 'There is no cement to stop: mix it first.' : undefined;
    case 'cement.tackTest':
      return unmixed ? 'There is no cement to touch yet: mix it first.' : undefined;
    case 'cement.load':
      return unmixed ? 'Mix the cement first: the devices are filled from the mixed batch.' : undefined;
  }
  return undefined;
}

function notInThisPhase(snapshot: ProcedureSnapshot, command: Command): string {
  const info = phaseInfo(phaseOf(snapshot));
  const reason = `${COMMAND_LABELS[command.type]} is not part of ${info.label.toLowerCase()}.`;
  return snapshot.context.mode === 'practice' ? `${reason} ${info.instruction}` : reason;
}

function phaseIndex(id: PhaseId): number {
  return PHASES.findIndex((phase) => phase.id === id);
}

function isBefore(snapshot: ProcedureSnapshot, id: PhaseId): boolean {
  return phaseIndex(phaseOf(snapshot)) < phaseIndex(id);
}

function isAfter(snapshot: ProcedureSnapshot, id: PhaseId): boolean {
  return phaseIndex(phaseOf(snapshot)) > phaseIndex(id);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
