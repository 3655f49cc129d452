import { and } from 'xstate';
import type { ExchangeStep } from '../core/commands';
import type { BalloonStage } from './procedureTypes';

/** Transition fragments shared by several states of procedureMachine.ts. */

/** Guard: the exchange command is this step (the order is in exchangeOrder.ts). */
export const stepIs = (step: ExchangeStep) => ({ type: 'exchange step is', params: { step } }) as const;

/** Guard: the balloon of the side being worked is at this stage (bipedicular kyphoplasty). */
export const workingBalloonIs = (stage: BalloonStage) => ({ type: 'working balloon is', params: { stage } }) as const;

/**
 * An accepted command that leaves the state as it is: a plain transition, no target, no action
 * (the machine has no "forbidden" transitions, so an enabled transition means accepted; accepts.ts).
 */
export const allowed = {} as const;

/** Time may always pass, and the fluoro pedal may always be released (window blur, phase change). */
export const timeAndPedalRelease = {
  'time.wait': allowed,
  'fluoro.expose': { guard: 'pedal released' },
} as const;

/**
 * Sedation, its reversal, oxygen, fluids and a call for help: the patient is cared for from pre-op to
 * recovery, whatever the hands are doing (sim/patient/ judges the doses).
 */
export const patientCare = {
  'sedation.midazolam': allowed,
  'oxygen.nasal': allowed,
  'patient.fluids': allowed,
  'sedation.flumazenil': allowed,
  'patient.callForHelp': allowed,
  'neuro.examine': allowed,
  'imaging.ct': allowed,
  'patient.surgicalOpinion': allowed,
  'patient.adrenaline': allowed,
} as const;

/** Pre-op only: the prophylactic antibiotic is chosen before the checklist's tick gives it (sim/patient/ refuses a choice after it). */
export const antibioticChoice = { 'antibiotic.choose': allowed } as const;

/** C-arm and fluoroscopy: live from C-arm set-up to the final images. */
export const imaging = {
  'time.wait': allowed,
  'fluoro.expose': allowed,
  'fluoro.mode': allowed,
  'carm.view': allowed,
  'carm.adjust': allowed,
  'carm.pan': allowed,
  'carm.collimate': allowed,
  'carm.zoom': allowed,
  'fluoro.store': allowed,
} as const;

/** Mixed cement can be tested with a gloved finger and the next device loaded. */
export const handlingMixedCement = {
  'cement.tackTest': allowed,
  'cement.load': allowed,
} as const;

/** The balloon may burst whenever it is in the body; the world says when. */
export const balloonMayRupture = { 'balloon.ruptured': { target: 'ruptured' } } as const;

/**
 * Two balloons in the body (bipedicular kyphoplasty): the world's balloon events do not say which
 * balloon, so the machine counts the balloons holding contrast; removing one needs both deflated.
 */
export const pairCounts = {
  'balloon.inflated': { actions: 'count a balloon inflated' },
  'balloon.deflated': { actions: 'count a balloon deflated' },
} as const;
export const pairDeflate = { guard: and([workingBalloonIs('in'), 'a balloon holds contrast']) } as const;
export const pairRemove = [
  {
    guard: and([workingBalloonIs('in'), 'no balloon holds contrast', 'the other balloon is removed']),
    target: 'removed',
    actions: 'remove the working balloon',
  },
  {
    guard: and([workingBalloonIs('in'), 'no balloon holds contrast']),
    actions: 'remove the working balloon',
  },
] as const;

/**
 * Firm pressure on the puncture sites: once the instruments are out, to recovery (sim/patient/bleeding.ts
 * says what it does to the ooze).
 */
export const siteCare = { 'site.compress': allowed } as const;
