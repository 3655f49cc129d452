/** The public face of sim/patient/: the patient model's view in the snapshot and its parameters (README.md). src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { ALARM_LIMITS, type AlarmLimit } from './alarms';
export { CEMENT_EMBOLISM, obstructionOf } from './cementEmbolism';
export { FLUIDS } from './fluids';
export { FLUMAZENIL } from './flumazenil';
export { LIDOCAINE } from './localAnaesthetic';
export { MIDAZOLAM } from './midazolam';
export { PAIN, STIMULI } from './pain';
export { PAIN_MOVEMENT } from './painMovement';
export { painControlled, RECOVERY_PAIN, reportedNrs } from './recoveryPain';
export type { PatientView } from './patientView';
export { NERVE_INJURY } from './nerveInjury';
export { EXAM_EFFECT, isNormal, type NeuroExam } from './neuroExam';
export { ROOT_TESTS, ROOTS } from './neuroAnatomy';
export type { CtReport } from './ctReport';
export { BLEEDING, type PunctureSite } from './bleeding';
export { COAGULATION, DRUGS, drugActivity, impairmentOf } from './coagulation';
export { HYPOVOLAEMIA } from './hypovolaemia';
