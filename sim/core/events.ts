import type { Side, View } from './commands';
import type { Tissue } from '../anatomy/types';

/**
 * Walls a trocar can breach (sim/physics/README.md): medial (into the canal), inferior (into the
 * foramen), lateral, superior, anterior cortex, endplate (into the disc), pleura (thoracic levels).
 */
export type BreachWall = 'medial' | 'lateral' | 'superior' | 'inferior' | 'anterior' | 'endplate' | 'pleura';
export type LeakLocation = 'epidural' | 'foraminal' | 'venous' | 'intradiscal' | 'paravertebral' | 'tract';
export type CementPhase = 'unmixed' | 'liquid' | 'sticky' | 'working' | 'setting' | 'set';
/** What a tack test (a gloved fingertip touched to the cement) feels like; sim/instruments/tackFeel.ts. */
export type TackFeel = 'wet' | 'sticky' | 'doughy' | 'stiff' | 'hard';

/** A vital sign the monitor watches (sim/patient/alarms.ts). */
export type VitalSignal = 'spo2Pct' | 'respiratoryRatePerMin' | 'heartRateBpm' | 'systolicMmHg';
/** A monitor alarm: the signal and the side of its limit it crossed (sim/patient/alarms.ts has the limits). */
export type PatientAlarm =
  | 'spo2Low'
  | 'respiratoryRateLow'
  | 'heartRateHigh'
  | 'heartRateLow'
  | 'systolicLow'
  | 'systolicHigh';
/**
 * A complication the patient model produced (sim/patient/): cement in the pulmonary arteries,
 * midazolam past procedural sedation, a nerve root or the canal pressed by a breach or cement, an
 * allergic reaction, bleeding from the puncture tracts.
 */
export type PatientComplication = 'cementEmbolism' | 'oversedation' | 'neuroDeficit' | 'anaphylaxis' | 'bleeding';
/** Light touch at a dermatome's key point (sim/patient/neuroExam.ts). */
export type NeuroSensation = 'normal' | 'reduced' | 'absent';
/** One root's examination finding, both sides (sim/patient/neuroExam.ts; the roots: sim/patient/neuroAnatomy.ts). */
export interface NeuroFinding {
  readonly root: string;
  /** Where sensation was tested, and the muscle action tested for power (null: none for this root). */
  readonly dermatome: string;
  readonly myotome: string | null;
  readonly sensation: Readonly<Record<Side, NeuroSensation>>;
  /** MRC grade 0 (no contraction) to 5 (normal) per side; null where the root has no key muscle. */
  readonly power: Readonly<Record<Side, number>> | null;
}
/**
 * How bad a complication's signs are, mildest first: the one order that the patient's grade ladders
 * (sim/patient/gradeLadder.ts), the plans' complication conditions and the complication score read.
 */
export const COMPLICATION_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type ComplicationSeverity = (typeof COMPLICATION_SEVERITIES)[number];

/**
 * Domain events: facts the world reports after a step. They are sent to the procedure machine
 * (which never reads the world) and kept, with their tick, for scoring and the debrief.
 */
export type DomainEvent =
  /**
   * An exposure formed an image (once per pedal press). alignment: how far the view was from the
   * true AP or lateral (sim/imaging/carmPose.ts viewAlignment), so scoring can judge the images
   * each decision rested on; absent in events recorded before it existed.
   */
  | { type: 'image.acquired'; view: View; alignment?: { readonly axialDeg: number; readonly craniocaudalDeg: number } }
  | { type: 'carm.moved'; view: View }
  /** The trainee stored the image of this view (fluoro.store) for the debrief. */
  | { type: 'image.stored'; view: View }
  | { type: 'needle.skinPunctured' }
  | { type: 'needle.docked' }
  | { type: 'needle.inPedicle' }
  | { type: 'needle.pastPosteriorWall' }
  | { type: 'needle.inTargetZone' }
  | { type: 'needle.breach'; wall: BreachWall; depthMm: number }
  | { type: 'needle.safetyRuleViolated' }
  /** The tip met cortex at a glancing angle and slid along it by mm (the aim changed with it). */
  | { type: 'needle.skived'; mm: number }
  /** Hand pressure could not push the tip on: the tissue ahead resists more than a hand (the mallet is needed). */
  | { type: 'needle.stalled'; tissue: Tissue }
  /** The tip went past the pedicle's level without entering it, on this side of it. */
  | { type: 'needle.missedPedicle'; direction: 'medial' | 'lateral' | 'superior' | 'inferior' }
  | { type: 'handInBeam'; view: View }
  /** The drilled working channel reaches the target depth (sim/instruments/trocarChannel.ts). */
  | { type: 'channel.ready' }
  /** A drill ended short of the target depth: the channel is channelMm long and needs moreMm more. */
  | { type: 'channel.short'; channelMm: number; moreMm: number }
  | { type: 'balloon.endplateContact' }
  | { type: 'balloon.pressureLimit'; pressurePsi: number }
  | { type: 'balloon.ruptured'; pressurePsi: number }
  /** The balloon burst through the body's thin or broken shell (lateral or anterior cortex) at this bone pressure. */
  | { type: 'balloon.cortexBreached'; wall: 'lateral' | 'anterior'; pressurePsi: number }
  /** Balloon volume went from zero to positive / back to zero. */
  | { type: 'balloon.inflated' }
  | { type: 'balloon.deflated' }
  | { type: 'cement.phaseChanged'; phase: CementPhase }
  | { type: 'cement.leak'; location: LeakLocation; volumeMl: number }
  /** The first cement reached the vertebral body. */
  | { type: 'cement.delivered' }
  | { type: 'cement.set' }
  /** The trainee touched the cement with a gloved finger (cement.tackTest): how it felt. */
  | { type: 'cement.tack'; feel: TackFeel }
  /** A push asked for more cement than the loaded bone filler or syringe held (once per device). */
  | { type: 'cement.deviceEmpty' }
  | { type: 'cannula.stuck' }
  /** The skin was marked over this vertebra (true name counted from C2); overFracture: it is the fractured one. */
  | { type: 'level.marked'; level: string; overFracture: boolean }
  /** The skin was punctured at a mark over another vertebra than the fractured one: a wrong-level procedure. */
  | { type: 'level.wrongLevel'; marked: string; target: string }
  /** A monitor alarm started: the signal crossed its limit (once per crossing); value: the signal then. */
  | { type: 'patient.alarm'; alarm: PatientAlarm; signal: VitalSignal; value: number }
  /** A monitor alarm stopped: the signal came back past its limit by the clearing margin. */
  | { type: 'patient.alarmCleared'; alarm: PatientAlarm; signal: VitalSignal; value: number }
  /**
   * A complication's signs appeared (or grew to a worse grade: at most once per grade), from the
   * patient model's own cause, e.g. venous cement that reached the lungs.
   */
  | { type: 'patient.complication'; kind: PatientComplication; severity: ComplicationSeverity }
  /**
   * The trainee examined the legs and trunk (neuro.examine): normal, or the roots whose sensation
   * or power differed from normal (the full table is in the snapshot's patient.neuroExam).
   */
  | { type: 'patient.neuroExamined'; normal: boolean; abnormal: readonly NeuroFinding[] }
  /**
   * The patient flinched in pain (sim/patient/painMovement.ts): the trunk shifted shiftMm sideways,
   * away from the side whose instrument hurt, under the beam and under the needle's handle.
   */
  | { type: 'patient.moved'; from: Side; shiftMm: number; pain: number };

export type DomainEventType = DomainEvent['type'];

/** A domain event with the tick it happened on. */
export interface TimedEvent {
  readonly tick: number;
  readonly event: DomainEvent;
}
