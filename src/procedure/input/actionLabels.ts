import type { ChecklistItem } from '../../../sim/core';
import { CHECKLIST_LABELS } from '../../ui/labels';
import type { ActionGroup } from './actionTypes';
import {
  AIM_STEP_DEG,
  BALLOON_HOLD_S,
  ENTRY_STEP_MM,
  INFLATE_FINE_STEP_ML,
  INFLATE_STEP_ML,
  PAN_FAR_STEP_MM,
  PAN_STEP_MM,
} from './controlSteps';

/**
 * The words of the procedure's actions: the help line and the button of each keymap entry, by the
 * entry's id. The keymap (keymap.ts) says which keys run an action and what it sends; this file
 * says what the action is called, so wording changes never touch the keys.
 */

/** Groups of actions, in the order the help overlay and the action bar list them. */
export const GROUP_LABELS: Readonly<Record<ActionGroup, string>> = {
  general: 'General',
  checklist: 'Case review and pre-op checklist',
  positioning: 'Positioning',
  carm: 'C-arm and fluoroscopy',
  access: 'Access, trocar and working channel',
  balloon: 'Balloon (inflatable bone tamp)',
  cement: 'Cement',
  finish: 'Instrument removal and recovery',
};

export const ACTION_LABELS = {
  'phase.next': 'Next step',
  'ui.help': 'Help: all keys',
  'ui.invert': 'Invert image',
  'ui.settings': 'Settings (keys, pedal, inversion)',
  'ui.leave': 'Leave the case (asks first; an exam attempt is abandoned)',
  'ui.speed': 'Time speed ×1 / ×2 / ×4',
  'time.wait30': 'Wait 30 s',
  'time.wait120': 'Wait 2 min',
  'case.decline': 'Decline the procedure (choose why)',
  'case.measure': 'Measure the lateral film (four endplate corners)',
  'patient.prone': 'Position prone',
  'patient.supine': 'Position supine',
  'fluoro.pedal': 'Fluoro pedal (hold)',
  'carm.ap': 'C-arm to AP',
  'carm.lateral': 'C-arm to lateral',
  'carm.orbitMinus': 'Orbit −1°',
  'carm.orbitPlus': 'Orbit +1°',
  'carm.tiltPlus': 'Tilt +1° (cranial)',
  'carm.tiltMinus': 'Tilt −1° (caudal)',
  'carm.panCranial': `Move ${PAN_STEP_MM} mm up the spine (cranial)`,
  'carm.panCaudal': `Move ${PAN_STEP_MM} mm down the spine (caudal)`,
  'carm.panCranialFar': `Move ${PAN_FAR_STEP_MM} mm up the spine (count)`,
  'carm.panCaudalFar': `Move ${PAN_FAR_STEP_MM} mm down the spine (count)`,
  'level.mark': 'Mark the skin under the AP central ray',
  'fluoro.mode': 'Cycle fluoro mode',
  'carm.collimateNarrow': 'Shutters narrower (width)',
  'carm.collimateWiden': 'Shutters wider (width)',
  'carm.collimateLower': 'Shutters narrower (height)',
  'carm.collimateTaller': 'Shutters wider (height)',
  'carm.collimateOpen': 'Open the shutters',
  'carm.zoom': 'Magnification ×1 / ×1.5 / ×2',
  'fluoro.store': 'Store image (for the debrief)',
  'entry.side': 'Switch side (left / right)',
  'entry.set': 'Set skin entry',
  'entry.cranial': `Entry ${ENTRY_STEP_MM} mm cranial`,
  'entry.caudal': `Entry ${ENTRY_STEP_MM} mm caudal`,
  'entry.medial': `Entry ${ENTRY_STEP_MM} mm medial`,
  'entry.lateral': `Entry ${ENTRY_STEP_MM} mm lateral`,
  local: 'Local anaesthetic',
  'sedation.midazolam1': 'Midazolam 1 mg IV',
  'oxygen.toggle': 'Oxygen 2 L/min by nasal cannula (on / off)',
  'patient.fluids500': 'IV fluid bolus 500 mL',
  'sedation.flumazenil02': 'Flumazenil 0.2 mg IV (reverses midazolam)',
  'patient.callForHelp': 'Call for help',
  'neuro.examine': 'Neurological examination (sensation and power)',
  'imaging.ct': 'CT of the treated level (where the cement lies)',
  'patient.surgicalOpinion': 'Urgent spinal surgical opinion',
  'patient.adrenaline05': 'Adrenaline 0.5 mg IM (anaphylaxis)',
  'antibiotic.next': 'Choose the antibiotic (cefazolin, clindamycin, vancomycin)',
  'site.compress5': 'Press on the puncture sites for 5 min',
  'aim.medialPlus': `Aim ${AIM_STEP_DEG}° more medial`,
  'aim.medialMinus': `Aim ${AIM_STEP_DEG}° less medial`,
  'aim.caudalPlus': `Aim ${AIM_STEP_DEG}° more caudal`,
  'aim.caudalMinus': `Aim ${AIM_STEP_DEG}° less caudal`,
  'needle.advance2': 'Advance 2 mm',
  'needle.advance10': 'Advance 10 mm',
  'needle.withdraw2': 'Withdraw 2 mm',
  'needle.withdraw10': 'Withdraw 10 mm',
  'needle.tap': 'Mallet tap (drives the tip through bone)',
  'instrument.exchange': 'Next exchange step (stylet, guide pin, needle, introducer, pin)',
  'channel.drill10': 'Drill 10 mm ahead',
  'channel.drill20': 'Drill 20 mm ahead',
  'balloon.insert': 'Insert balloon',
  'balloon.inflate': `Inflate ${INFLATE_STEP_ML} mL`,
  'balloon.inflateFine': `Inflate ${INFLATE_FINE_STEP_ML} mL`,
  'balloon.withdraw': `Withdraw ${INFLATE_STEP_ML} mL`,
  'balloon.withdrawFine': `Withdraw ${INFLATE_FINE_STEP_ML} mL`,
  'balloon.hold': `Hold the syringe ${BALLOON_HOLD_S} s`,
  'side.switch': 'Switch working side (bipedicular balloons and cement; also Tab)',
  'balloon.deflate': 'Deflate fully',
  'balloon.remove': 'Remove balloon',
  'cement.mix': 'Mix cement',
  'cement.tackTest': 'Tack test (touch the cement with a gloved finger)',
  'cement.load': 'Load the next bone filler / syringe',
  'cement.inject05': 'Inject 0.5 mL',
  'cement.inject15': 'Inject 1.5 mL',
  'cement.stop': 'Stop injecting',
  'instruments.remove': 'Remove instruments',
  'level.next': 'On to the next level (a case of two levels)',
  'recovery.observe10': 'Observe the patient 10 min',
  'recovery.counsel': 'Counsel the patient before discharge',
  'discharge.sameDay': 'Discharge same day',
  'discharge.overnight': 'Keep overnight',
} as const satisfies Readonly<Record<string, string>>;

/** Id of a keymap action: one with words above, or a checklist tick (worded by its item). */
export type ActionId = keyof typeof ACTION_LABELS | `checklist.${ChecklistItem}`;

/** The words of an action, by its id. */
export function actionLabel(id: ActionId): string {
  return id.startsWith('checklist.')
    ? CHECKLIST_LABELS[id.slice('checklist.'.length) as ChecklistItem]
    : ACTION_LABELS[id as keyof typeof ACTION_LABELS];
}
