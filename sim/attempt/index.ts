/** The public face of sim/attempt/: attempt files, replay, trace, film and the expert benchmark. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { AttemptError, parseAttemptFile, parseAttemptText, toAttemptFile, V1_MIGRATION } from './attemptFile';
export type { AttemptFileOptions } from './attemptFile';
export { ATTEMPT_VERSION, attemptSchema, attemptSchemaV1 } from './attemptSchema';
export { canonicalJson } from './canonicalJson';
export { checkPublishedScenario } from './publishedScenario';
export { scenarioHash } from './scenarioHash';
export type { ScenarioStatus } from './publishedScenario';
export { traceAttempt } from './attemptTrace';
export type { AttemptTrace, TraceEvent, TraceSample } from './attemptTrace';
export { expertBenchmark } from './expertBenchmark';
export type { ExpertBenchmark } from './expertBenchmark';
export { ReplayBudgetError, ReplayError, ReplayLimitError, replay } from './replay';
export type { ReplayOptions } from './replay';
export { filmAttempt } from './replayFilm';
export type { FilmFrame, FilmStep, ReplayFilm } from './replayFilm';
export type { AttemptFile, AttemptMetadata, AttemptSignature, AttemptTrainee } from './types';
export {
  attemptVerification,
  hasSignature,
  SIGNED_INVALID_STATEMENT,
  SIGNED_UNCHECKED_STATEMENT,
  SIGNED_VERIFIED_STATEMENT,
  UNSIGNED_ATTEMPT_STATEMENT,
} from './verification';
export type { AttemptVerification } from './verification';
export {
  alarmSpans,
  MAX_PATIENT_MARKS,
  MAX_VITAL_SAMPLES,
  PATIENT_ANSWER_TYPES,
  VITAL_SAMPLE_S,
} from './vitalSeries';
export type { AlarmSpan, PatientAnswer, PatientMark, VitalSample, VitalSeries } from './vitalSeries';
