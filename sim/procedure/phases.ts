import type { ChecklistItem } from '../core/commands';
import type { ProcedureSnapshot } from './procedureMachine';

/** The machine's top-level states, in the order a procedure passes through them. */
export type PhaseId =
  | 'caseReview'
  | 'preOp'
  | 'positioning'
  | 'cArmSetup'
  | 'access'
  | 'workingChannel'
  | 'balloon'
  | 'cement'
  | 'instrumentRemoval'
  | 'finalImages'
  | 'recovery'
  | 'debrief';

export interface PhaseInfo {
  readonly id: PhaseId;
  readonly label: string;
  /** What the trainee does in this phase, in one sentence (shown in practice mode). */
  readonly instruction: string;
}

/** Every phase in order, with its label and the trainee-facing instruction. */
export const PHASES: readonly PhaseInfo[] = [
  {
    id: 'caseReview',
    label: 'Case review',
    instruction: 'Review the history, the imaging and whether the patient is a candidate for the procedure.',
  },
  {
    id: 'preOp',
    label: 'Pre-op',
    instruction: 'Confirm consent, labs, antibiotic timing and anaesthesia, then run the time-out.',
  },
  { id: 'positioning', label: 'Positioning', instruction: 'Position the patient prone on the table.' },
  {
    id: 'cArmSetup',
    label: 'C-arm set-up',
    instruction:
      'Count the vertebrae on AP images from the sacrum and from the lowest rib (pan the C-arm along the spine), centre the fractured level and mark the skin; find a true AP and a true lateral of it and take an image in each.',
  },
  {
    id: 'access',
    label: 'Access',
    instruction:
      'Choose the skin entry at the mark, infiltrate local, dock on the pedicle and advance the trocar past the posterior wall.',
  },
  {
    id: 'workingChannel',
    label: 'Working channel',
    instruction: 'Exchange for the working cannula and drill a channel into the anterior body.',
  },
  {
    id: 'balloon',
    label: 'Balloon',
    instruction: 'Insert the balloon, inflate it while watching pressure and height, then deflate and remove it.',
  },
  {
    id: 'cement',
    label: 'Cement',
    instruction: 'Mix the cement, wait for a doughy phase, inject in small increments and stop at once on a leak.',
  },
  { id: 'instrumentRemoval', label: 'Instrument removal', instruction: 'Remove the cannula and instruments.' },
  { id: 'finalImages', label: 'Final images', instruction: 'Take a final AP and lateral image.' },
  { id: 'recovery', label: 'Recovery', instruction: 'Observe the patient and decide how they go home.' },
  { id: 'debrief', label: 'Debrief', instruction: 'Review your attempt.' },
];

/** The current phase: the machine's top-level state. */
export function phaseOf(snapshot: ProcedureSnapshot): PhaseId {
  const value = snapshot.value;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as PhaseId;
}

/** The full state value as a dotted path, e.g. 'cement.mixed'. */
export function stateValueString(snapshot: ProcedureSnapshot): string {
  const parts: string[] = [];
  let value: unknown = snapshot.value;
  while (typeof value === 'object' && value !== null) {
    const [key, child] = Object.entries(value)[0];
    parts.push(key);
    value = child;
  }
  if (typeof value === 'string') parts.push(value);
  return parts.join('.');
}

/** The label and instruction of a phase. */
export function phaseInfo(id: PhaseId): PhaseInfo {
  const info = PHASES.find((phase) => phase.id === id);
  if (!info) throw new Error(`Unknown phase ${id}`);
  return info;
}

/** Which checklist items are ticked. */
export function checklistOf(snapshot: ProcedureSnapshot): Record<ChecklistItem, boolean> {
  return { ...snapshot.context.checklist };
}
