import type { ActionId } from './actionLabels';
import type { ActionGroup } from './actionTypes';
import { AIM_STEP_DEG } from './controlSteps';

/**
 * Which actions a step is worked with, so the procedure screen can put them first and fold the
 * rest away: on a 1366 x 768 laptop every action the machine accepts does not fit beside two X-ray
 * monitors of a readable size (about sixty buttons), while a step needs a handful. The keys run
 * every action in every step whether its button is shown or folded (keymap.ts).
 */

/** The action groups of each step's own work (phases of sim/procedure; absent: none of its own). */
const STEP_GROUPS: Readonly<Record<string, readonly ActionGroup[]>> = {
  caseReview: ['checklist'],
  preOp: ['checklist'],
  positioning: ['positioning'],
  cArmSetup: ['carm'],
  access: ['access'],
  workingChannel: ['access'],
  balloon: ['balloon'],
  cement: ['cement'],
  instrumentRemoval: ['finish'],
  finalImages: ['carm'],
  recovery: ['finish'],
};

/**
 * Actions of other groups that every step from positioning on works with: the next step, and the
 * imaging a trainee takes at every step (the pedal, the two views, storing an image). Waiting is
 * the work itself while a balloon settles or cement sets, and the examinations are recovery's.
 */
const ALWAYS: readonly ActionId[] = ['phase.next', 'fluoro.pedal', 'carm.ap', 'carm.lateral', 'fluoro.store'];
const STEP_EXTRAS: Readonly<Record<string, readonly ActionId[]>> = {
  balloon: ['time.wait30'],
  cement: ['time.wait30'],
  recovery: ['neuro.examine', 'imaging.ct', 'recovery.observe10'],
};

/** The action is one the step is worked with (shown first, never folded). */
export function isStepAction(phase: string, id: string, group: ActionGroup): boolean {
  return (
    (STEP_GROUPS[phase] ?? []).includes(group) ||
    (ALWAYS as readonly string[]).includes(id) ||
    ((STEP_EXTRAS[phase] ?? []) as readonly string[]).includes(id)
  );
}

/**
 * Shorter words for the step's buttons, which sit in the narrow side column: the full label stays
 * their accessible name and tooltip (and the help overlay's line).
 */
const STEP_SHORT: Readonly<Record<string, string>> = {
  'fluoro.pedal': 'Fluoro (hold)',
  'carm.ap': 'AP',
  'carm.lateral': 'Lateral',
  'fluoro.store': 'Store image',
  'entry.side': 'Side',
  'entry.set': 'Set entry',
  'entry.cranial': 'Entry cranial',
  'entry.caudal': 'Entry caudal',
  'entry.medial': 'Entry medial',
  'entry.lateral': 'Entry lateral',
  local: 'Local',
  'aim.medialPlus': `Medial +${AIM_STEP_DEG}°`,
  'aim.medialMinus': `Medial −${AIM_STEP_DEG}°`,
  'aim.caudalPlus': `Caudal +${AIM_STEP_DEG}°`,
  'aim.caudalMinus': `Caudal −${AIM_STEP_DEG}°`,
  'needle.advance2': 'Push 2 mm',
  'needle.advance10': 'Push 10 mm',
  'needle.withdraw2': 'Back 2 mm',
  'needle.withdraw10': 'Back 10 mm',
  'needle.tap': 'Mallet tap',
  'channel.drill10': 'Drill 10 mm',
  'channel.drill20': 'Drill 20 mm',
  'side.switch': 'Switch side',
  'cement.tackTest': 'Tack test',
  'cement.load': 'Load next',
  'level.next': 'Next level',
  'neuro.examine': 'Neuro exam',
  'imaging.ct': 'CT',
  'recovery.observe10': 'Observe 10 min',
  'recovery.counsel': 'Counsel',
};

/** The words on a step's button (its full label where it has no shorter one). */
export function stepLabel(id: string, label: string): string {
  return STEP_SHORT[id] ?? label;
}
