import { CASE_REVIEW_ITEMS, CHECKLIST_LABELS } from './checklistItems';
import { phaseOf } from './phases';
import { EXCHANGE_LABELS } from './exchangeOrder';
import { nextExchangeStep } from './nextExchangeStep';
import type { ProcedureSnapshot } from './procedureMachine';

/** What the trainee must still do before `phase.next` is allowed, as one sentence. */
export function nextPhaseBlocker(snapshot: ProcedureSnapshot): string {
  const { context } = snapshot;
  switch (phaseOf(snapshot)) {
    case 'caseReview': {
      const missing = CASE_REVIEW_ITEMS.filter((item) => !context.checklist[item]).map(
        (item) => CHECKLIST_LABELS[item],
      );
      return `Review ${listInWords(missing)} before moving on.`;
    }
    case 'preOp':
      return 'Complete the time-out before incision.';
    case 'positioning':
      return 'Position the patient prone first.';
    case 'cArmSetup':
      return `Take ${missingViews(snapshot)} before starting access.`;
    case 'access':
      return snapshot.matches({ access: 'choosingEntry' })
        ? 'Choose the skin entry point first.'
        : 'Advance the trocar past the posterior wall of the vertebral body first.';
    case 'workingChannel': {
      const step = nextExchangeStep(snapshot);
      if (step) return `Finish the instrument exchange first: ${EXCHANGE_LABELS[step]}.`;
      return snapshot.context.procedure === 'kyphoplasty'
        ? 'Drill the working channel first.'
        : 'Open the needle first.';
    }
    case 'balloon':
      if (snapshot.matches({ balloon: 'pair' })) return pairBlocker(snapshot);
      if (snapshot.matches({ balloon: 'ready' })) return 'Insert the balloon first.';
      if (snapshot.matches({ balloon: 'inflated' })) return 'Deflate and remove the balloon before moving on.';
      return 'Remove the balloon before moving on.';
    case 'cement':
      if (snapshot.matches({ cement: 'unmixed' })) return 'Mix the cement first.';
      if (!context.cementDelivered) return 'Inject cement into the vertebral body first.';
      return `Switch to the ${context.activeSide === 'left' ? 'right' : 'left'} side and cement it too.`;
    case 'instrumentRemoval':
      return 'Remove the instruments first.';
    case 'finalImages':
      return `Take ${missingViews(snapshot)} before finishing.`;
    case 'recovery':
      return 'Decide how the patient goes home first.';
    case 'debrief':
      return 'The procedure is over.';
  }
}

/** Bipedicular kyphoplasty: both balloons go in, and both come out deflated, before the cement. */
function pairBlocker(snapshot: ProcedureSnapshot): string {
  const { balloons, balloonsInflated } = snapshot.context;
  const out = (['left', 'right'] as const).filter((side) => balloons[side] === 'out');
  if (out.length > 0) return `Insert the ${out.join(' and ')} balloon${out.length > 1 ? 's' : ''} first.`;
  if (balloonsInflated > 0) return 'Deflate and remove both balloons before moving on.';
  return 'Remove both balloons before moving on.';
}

function missingViews(snapshot: ProcedureSnapshot): string {
  const { AP, lateral } = snapshot.context.imagesThisPhase;
  if (!AP && !lateral) return 'an AP and a lateral image';
  return AP ? 'a lateral image' : 'an AP image';
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
