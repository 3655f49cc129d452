import type { CounselTopic } from './counselTopics';
import type { ProphylacticAntibiotic } from './allergies';
import type { DeclineReason } from './declineReasons';

/**
 * Commands: the only way anything changes the simulation. Semantic and serialisable; the UI,
 * scripted plans and replays all produce the very same ones. Each accepted command goes into the
 * attempt log as {tick, command}.
 */

export type View = 'AP' | 'lateral';
export type Side = 'left' | 'right';
export type FluoroMode = 'continuous' | 'pulsed15' | 'pulsed7.5' | 'pulsed4' | 'lowDose';
/** A point on the pre-operative radiograph, image pixels (x right, y down). */
export interface MeasurePoint {
  readonly x: number;
  readonly y: number;
}

/** The endplate corners a case-review measurement places, anterior on the image's left. */
export interface MeasuredCorners {
  readonly anteriorSuperior: MeasurePoint;
  readonly anteriorInferior: MeasurePoint;
  readonly posteriorSuperior: MeasurePoint;
  readonly posteriorInferior: MeasurePoint;
}

export type ChecklistItem =
  | 'history'
  | 'imaging'
  | 'candidacy'
  | 'consent'
  | 'labs'
  | 'antibiotics'
  | 'anaesthesia'
  | 'timeOut';
export type DischargeDecision = 'same-day' | 'overnight';
/** Electronic magnification of the image intensifier: 1 = full 23 cm field, 1.5 and 2 = smaller fields. */
export type ZoomLevel = 1 | 1.5 | 2;
/**
 * One step of the instrument exchange through the access needle (sim/procedure/exchangeOrder.ts
 * gives the order): take the stylet out, pass the guide pin, take the needle out over the pin,
 * slide the osteo-introducer (working cannula) over the pin, take the pin and its stylet out.
 */
export type ExchangeStep =
  | 'stylet.remove'
  | 'guidePin.insert'
  | 'needle.remove'
  | 'introducer.insert'
  | 'guidePin.remove';

export type Command =
  /** Leave the current phase for the next one (the machine decides whether that is allowed now). */
  | { type: 'phase.next' }
  /**
   * Case review: decline the procedure for this reason (sim/core/declineReasons.ts). Ends the
   * attempt: the decision is the outcome, scored against the scenario's indication.
   */
  | { type: 'case.decline'; reason: DeclineReason }
  /**
   * Case review: the trainee's measurement of the fractured body on the pre-operative lateral
   * radiograph, the four corners of its endplates in image pixels (x right, y down; 0 to
   * PREOP_IMAGE_PX). The last one made is the one scored (sim/scoring/wedgeMeasurementScore.ts).
   */
  | { type: 'case.measure'; corners: MeasuredCorners }
  /** Tick a case-review or pre-op checklist item. */
  | { type: 'checklist.tick'; item: ChecklistItem }
  /** Position the patient. */
  | { type: 'patient.position'; position: 'prone' | 'supine' }
  /** Swing the C-arm to a preset view (takes time on a single-plane C-arm). */
  | { type: 'carm.view'; view: View }
  /** Fine-adjust the active view: orbital rotation and cranio-caudal tilt, degrees, relative. */
  | { type: 'carm.adjust'; dOrbitDeg: number; dTiltDeg: number }
  /** Move the table under the C-arm along the spine, mm, relative (positive: the image centre moves cranially); bounded around the start. */
  | { type: 'carm.pan'; dCranialMm: number }
  /** Mark the skin with a radiopaque marker under the AP central ray: the level to treat (the entry is chosen from it). */
  | { type: 'level.mark' }
  /** Close the level just treated (its instruments are out) and start the procedure's next level (scenario.secondLevel). */
  | { type: 'level.next' }
  /** Set the shutters of the active view: half-width and half-height of the opening at the detector, mm, absolute. */
  | { type: 'carm.collimate'; halfWidthMm: number; halfHeightMm: number }
  /** Electronic magnification of the active view (smaller field, higher dose rate). */
  | { type: 'carm.zoom'; zoom: ZoomLevel }
  /** Choose the exposure mode. */
  | { type: 'fluoro.mode'; mode: FluoroMode }
  /** Fluoro pedal down (on: true) or up (on: false). */
  | { type: 'fluoro.expose'; on: boolean }
  /** Store the image on the active monitor (for the debrief); only if an image of that view exists. */
  | { type: 'fluoro.store' }
  /** Infiltrate local anaesthetic (lidocaine) at the chosen skin entry, down to the periosteum. */
  | { type: 'local.anaesthetic' }
  /** Conscious sedation: an IV bolus of midazolam, mg (0.5 to 5; at most 10 mg in one procedure). */
  | { type: 'sedation.midazolam'; mg: number }
  /** Oxygen by nasal cannula at this flow, L/min (0 to 6; 0 takes it off). */
  | { type: 'oxygen.nasal'; lPerMin: number }
  /** An IV crystalloid bolus, mL (100 to 1000; at most 3000 mL in one procedure), run in over minutes. */
  | { type: 'patient.fluids'; mL: number }
  /** Reverse midazolam: an IV bolus of flumazenil, mg (0.1 to 1; at most 3 mg in one procedure). */
  | { type: 'sedation.flumazenil'; mg: number }
  /** Call for help (the anaesthetist, the team): recorded in the log; it changes no vital sign. */
  | { type: 'patient.callForHelp' }
  /** Choose the skin entry point: side, and offsets in mm from the default point (lateral, cranial). */
  | { type: 'needle.entry'; side: Side; lateralMm: number; cranialMm: number }
  /**
   * Work on the other pedicle's instruments (bipedicular kyphoplasty, once both working channels are
   * in): balloon and cement commands act on the side chosen here, as after needle.entry.
   */
  | { type: 'side.select'; side: Side }
  /** Aim the trocar: medial convergence and caudal (downward-pointing) angle, degrees, absolute. */
  | { type: 'needle.aim'; medialDeg: number; caudalDeg: number }
  /** Push the trocar in by hand (mm > 0; it stalls where the tissue resists more than a hand can push) or pull it back (mm < 0). */
  | { type: 'needle.advance'; mm: number }
  /** One mallet tap on the trocar's handle: drives the tip by the tap's energy against the tissue's resistance. */
  | { type: 'needle.tap' }
  /** The next step of the instrument exchange through the access needle. */
  | { type: 'instrument.exchange'; step: ExchangeStep }
  /** Exchange for the working cannula and drill a channel ahead of the tip, mm. */
  | { type: 'channel.drill'; mm: number }
  /** Insert the inflatable bone tamp through the cannula. */
  | { type: 'balloon.insert' }
  /** Push (mL > 0) or withdraw (mL < 0) contrast with the inflation syringe. */
  | { type: 'balloon.inflate'; mL: number }
  /** Withdraw all contrast. */
  | { type: 'balloon.deflate' }
  /** Take the deflated balloon out. */
  | { type: 'balloon.remove' }
  /** Start mixing the cement: starts its phase clock. */
  | { type: 'cement.mix' }
  /** Touch the cement with a gloved finger: the next step reports how it feels (cement.tack). */
  | { type: 'cement.tackTest' }
  /** Put the next full bone filler or syringe, filled from the mixed batch, on the cannula. */
  | { type: 'cement.load' }
  /** Push cement through the cannula, mL (at most what the loaded device holds). */
  | { type: 'cement.inject'; mL: number }
  /** Stop pushing: any queued volume is abandoned. */
  | { type: 'cement.stop' }
  /** Remove cannula and instruments. */
  | { type: 'instruments.remove' }
  /** Let simulated time pass (cement curing, observation), seconds. */
  | { type: 'time.wait'; s: number }
  /** Recovery: decide how the patient goes home. */
  /** Recovery: what the patient is told before going home (sim/core/counselTopics.ts). */
  | { type: 'counsel.give'; topics: readonly CounselTopic[] }
  | { type: 'discharge.decide'; decision: DischargeDecision }
  /** Examine the legs and trunk: sensation per dermatome, power per myotome (sim/patient/neuroExam.ts); no physiology. */
  | { type: 'neuro.examine' }
  /** A CT of the treated level(s): the report says where cement lies outside the body (sim/patient/ctReport.ts). */
  | { type: 'imaging.ct' }
  /** Ask for an urgent spinal surgical opinion: recorded in the log and the snapshot; no physiology. */
  | { type: 'patient.surgicalOpinion' }
  /**
   * Pre-op: the prophylactic antibiotic the checklist's antibiotics tick gives (cefazolin unless
   * another is chosen before the tick; a patient allergic to it reacts: sim/patient/anaphylaxis.ts).
   */
  | { type: 'antibiotic.choose'; drug: ProphylacticAntibiotic }
  /** Adrenaline 1 mg/mL IM into the thigh, mg (0.1 to 0.5; at most 1.5 mg in one procedure): the answer to anaphylaxis. */
  | { type: 'patient.adrenaline'; mg: number }
  /** Firm manual pressure on the puncture sites once the instruments are out, min (1 to 10), held from now. */
  | { type: 'site.compress'; min: number };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Every command type, in a stable order (for tests, the schema and the help overlay). */
export const COMMAND_TYPES: readonly CommandType[] = [
  'phase.next',
  'case.decline',
  'case.measure',
  'checklist.tick',
  'patient.position',
  'carm.view',
  'carm.adjust',
  'carm.pan',
  'fluoro.mode',
  'fluoro.expose',
  'carm.collimate',
  'carm.zoom',
  'fluoro.store',
  'level.mark',
  'local.anaesthetic',
  'sedation.midazolam',
  'oxygen.nasal',
  'patient.fluids',
  'sedation.flumazenil',
  'patient.callForHelp',
  'needle.entry',
  'side.select',
  'needle.aim',
  'needle.advance',
  'needle.tap',
  'instrument.exchange',
  'channel.drill',
  'balloon.insert',
  'balloon.inflate',
  'balloon.deflate',
  'balloon.remove',
  'cement.mix',
  'cement.tackTest',
  'cement.load',
  'cement.inject',
  'cement.stop',
  'instruments.remove',
  'level.next',
  'time.wait',
  'counsel.give',
  'discharge.decide',
  'neuro.examine',
  'imaging.ct',
  'patient.surgicalOpinion',
  'antibiotic.choose',
  'patient.adrenaline',
  'site.compress',
];

/** Commands that drive the C-arm and the beam: the fluoroscope handles them all. */
export const CARM_COMMAND_TYPES = [
  'carm.view',
  'carm.adjust',
  'carm.pan',
  'carm.collimate',
  'carm.zoom',
  'fluoro.mode',
  'fluoro.expose',
  'fluoro.store',
] as const;
export type CArmCommand = Extract<Command, { type: (typeof CARM_COMMAND_TYPES)[number] }>;
/** Whether a command is for the C-arm and the beam. */
export const isCArmCommand = (c: Command): c is CArmCommand =>
  (CARM_COMMAND_TYPES as readonly string[]).includes(c.type);

/** One line of the attempt record. */
export interface LogEntry {
  readonly tick: number;
  readonly command: Command;
}
