import type { CommandType } from '../core/commands';
import type { ComplicationAnswerType } from '../core/patientAnswers';
import type { ComplicationSeverity, PatientAlarm, PatientComplication } from '../core/events';

/**
 * What a team is expected to do for each complication the patient model produces (README.md,
 * "Complication management"), as data the complication domain scores against. The answers are the
 * first-line measures of the resuscitation and sedation guidance written up in
 * docs/clinical-sources.md ("Complications and their answers"); the time limits are teaching values
 * (assumed), short enough that a complication left alone would have progressed in the model.
 */
export interface ComplicationProtocol {
  readonly label: string;
  /**
   * The grade that is a sign in itself (moderate for what the monitor shows only as it grows; mild
   * for a patient who cries out at once). Before it, only the complication's alarms are a sign.
   */
  readonly signFrom: ComplicationSeverity;
  /** Monitor alarms that are signs of this complication (the first after its onset is its first sign). */
  readonly alarms: readonly PatientAlarm[];
  /**
   * Commands that answer it: the first of them after the onset is when it was recognised. Typed by
   * the one list of answers (sim/core/patientAnswers.ts), which the vital-sign plot marks.
   */
  readonly answers: readonly ComplicationAnswerType[];
  /** Measures that must be taken once the complication reaches a grade, each within its time. */
  readonly requirements: readonly ProtocolRequirement[];
  /**
   * Commands that feed the cause once its signs are there (each kind is an error): at any time after
   * the first sign, or only within withinS of a grade being reported (pushing on through the pain a
   * leak causes; cement given long after a breach at access that was corrected feeds nothing).
   */
  readonly contraindicated: readonly {
    readonly command: CommandType;
    readonly label: string;
    readonly withinS?: number;
  }[];
}

export interface ProtocolRequirement {
  readonly label: string;
  /** Any of these satisfies the requirement (given before the grade was reached counts too). */
  readonly commands: readonly ComplicationAnswerType[];
  /** The grade from which it is required. */
  readonly fromSeverity: ComplicationSeverity;
  /** Within this many seconds of the first sign at that grade. */
  readonly withinS: number;
}

export const COMPLICATION_PROTOCOLS: Readonly<Record<PatientComplication, ComplicationProtocol>> = {
  cementEmbolism: {
    label: 'Cement embolism',
    signFrom: 'moderate',
    alarms: ['spo2Low', 'heartRateHigh', 'systolicLow'],
    answers: ['cement.stop', 'oxygen.nasal', 'patient.callForHelp', 'patient.fluids'],
    requirements: [
      { label: 'Oxygen', commands: ['oxygen.nasal'], fromSeverity: 'moderate', withinS: 120 },
      { label: 'Help called', commands: ['patient.callForHelp'], fromSeverity: 'severe', withinS: 120 },
      {
        label: 'IV fluids for the falling pressure',
        commands: ['patient.fluids'],
        fromSeverity: 'severe',
        withinS: 300,
      },
    ],
    contraindicated: [{ command: 'cement.inject', label: 'Cement injected after the signs of an embolism' }],
  },
  oversedation: {
    label: 'Over-sedation',
    signFrom: 'moderate',
    alarms: ['respiratoryRateLow', 'spo2Low'],
    answers: ['oxygen.nasal', 'sedation.flumazenil', 'patient.callForHelp'],
    requirements: [
      { label: 'Oxygen', commands: ['oxygen.nasal'], fromSeverity: 'moderate', withinS: 120 },
      { label: 'Reversal with flumazenil', commands: ['sedation.flumazenil'], fromSeverity: 'severe', withinS: 180 },
      { label: 'Help called', commands: ['patient.callForHelp'], fromSeverity: 'severe', withinS: 180 },
    ],
    contraindicated: [{ command: 'sedation.midazolam', label: 'More midazolam after the signs of over-sedation' }],
  },
  anaphylaxis: {
    label: 'Anaphylaxis',
    // Flushing and hives alone are no anaphylaxis yet: the airway, breathing or circulation are.
    signFrom: 'moderate',
    alarms: ['spo2Low', 'heartRateHigh', 'systolicLow'],
    // Stopping a cement push is no answer in itself (it ends every injection); pushing on is an error.
    answers: ['patient.adrenaline', 'patient.callForHelp', 'oxygen.nasal', 'patient.fluids'],
    requirements: [
      { label: 'Adrenaline IM', commands: ['patient.adrenaline'], fromSeverity: 'moderate', withinS: 180 },
      { label: 'Help called', commands: ['patient.callForHelp'], fromSeverity: 'moderate', withinS: 180 },
      { label: 'IV fluids for the shock', commands: ['patient.fluids'], fromSeverity: 'severe', withinS: 300 },
    ],
    contraindicated: [{ command: 'cement.inject', label: 'Cement injected during the reaction', withinS: 600 }],
  },
  bleeding: {
    label: 'Bleeding from the puncture site',
    // The ooze is seen at the table (the monitor's "Site: oozing"): a sign at once.
    signFrom: 'mild',
    alarms: ['heartRateHigh', 'systolicLow'],
    answers: ['site.compress', 'patient.fluids', 'patient.callForHelp'],
    requirements: [
      { label: 'Pressure on the puncture sites', commands: ['site.compress'], fromSeverity: 'mild', withinS: 120 },
      { label: 'IV fluids', commands: ['patient.fluids'], fromSeverity: 'severe', withinS: 300 },
      { label: 'Help called', commands: ['patient.callForHelp'], fromSeverity: 'severe', withinS: 180 },
    ],
    contraindicated: [],
  },
  neuroDeficit: {
    label: 'Nerve root or canal compression',
    // The patient cries out with radicular pain as the root is pressed: a sign at once, with no alarm.
    signFrom: 'mild',
    alarms: [],
    answers: ['neuro.examine', 'imaging.ct', 'patient.surgicalOpinion', 'patient.callForHelp'],
    requirements: [
      { label: 'Neurological examination', commands: ['neuro.examine'], fromSeverity: 'mild', withinS: 300 },
      { label: 'CT of the level', commands: ['imaging.ct'], fromSeverity: 'moderate', withinS: 1800 },
      {
        label: 'Urgent spinal surgical opinion',
        commands: ['patient.surgicalOpinion'],
        fromSeverity: 'moderate',
        withinS: 1800,
      },
    ],
    contraindicated: [
      { command: 'cement.inject', label: "Cement pushed on through the patient's radicular pain", withinS: 120 },
    ],
  },
};

/**
 * Points of the complication domain (assumed teaching values, README.md "Complication
 * management"): recognition within a minute costs nothing, within three minutes a little, later
 * more, never most of the domain; a required measure missed or late, and a contraindicated command,
 * each cost about a serious error's share of the domain.
 */
export const COMPLICATION_POINTS = {
  /** Answer within this many seconds of the first sign: no points off. */
  promptS: 60,
  /** Within this: recognisedLate points. */
  lateS: 180,
  recognisedLate: -10,
  recognisedVeryLate: -20,
  notRecognised: -40,
  requirementMissed: -15,
  requirementLate: -8,
  contraindicated: -15,
  /**
   * A complication that reached its severe grade with no answer within this many seconds of its
   * first sign is a critical error: the trainee did not act while the patient was being harmed.
   */
  unansweredCriticalS: 300,
} as const;
