import type { Command, CommandType } from './commands';

/**
 * The commands given to the patient rather than to the procedure: the drugs, oxygen, fluids, the
 * call for help, the examinations and pressure on the puncture sites. One list, so that a new answer
 * cannot be left out of one of its readers: the vital-sign series marks each of them on the plot
 * (sim/attempt/vitalSeries.ts, with a glyph and words in src/debrief/vitalPlotModel.ts, both typed
 * by it), and every complication protocol's answers and required measures are drawn from it
 * (sim/scoring/complicationProtocols.ts, typed by ComplicationAnswerType).
 */
export const PATIENT_ANSWER_TYPES = [
  'sedation.midazolam',
  'sedation.flumazenil',
  'oxygen.nasal',
  'patient.fluids',
  'patient.callForHelp',
  'neuro.examine',
  'imaging.ct',
  'patient.surgicalOpinion',
  'patient.adrenaline',
  'site.compress',
] as const satisfies readonly CommandType[];
export type PatientAnswerType = (typeof PATIENT_ANSWER_TYPES)[number];
export type PatientAnswer = Extract<Command, { type: PatientAnswerType }>;

/**
 * What may answer a complication: the patient's care, or stopping the cement push that feeds an
 * embolism (a step of the procedure, not of the patient's care, so the vital-sign plot does not mark it).
 */
export type ComplicationAnswerType = PatientAnswerType | 'cement.stop';
