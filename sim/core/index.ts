/** The public face of sim/core/: commands, events, constants, clock text, the app and sim versions: the lowest layer. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export {
  isSeed,
  MAX_APP_VERSION_LENGTH,
  MAX_ATTEMPT_FILE_BYTES,
  MAX_FINDINGS,
  MAX_ID_LENGTH,
  MAX_LOG_ENTRIES,
  MAX_PROCEDURE_S,
  MAX_PROCEDURE_TICKS,
  MAX_SCENARIO_FILE_BYTES,
  MAX_SEED,
  MAX_STATION_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_TRAINEE_ID_LENGTH,
  PREOP_IMAGE_PX,
  MIN_FINDINGS,
  MIN_SEED,
  PLAIN_TEXT_PATTERN,
  REPLAY_BUDGET_MS,
  REPLAY_CHECK_EVERY_TICKS,
  SLUG_PATTERN,
  seedError,
  stripBom,
  utf8ByteLength,
} from './bounds';
export { formatClock, tickClock } from './clockText';
export type {
  ChecklistItem,
  Command,
  CommandType,
  ExchangeStep,
  FluoroMode,
  LogEntry,
  MeasuredCorners,
  MeasurePoint,
  Side,
  View,
  ZoomLevel,
} from './commands';
export { FIXED_DT_S, TICKS_PER_S } from './constants';
export type {
  CementPhase,
  ComplicationSeverity,
  DomainEvent,
  LeakLocation,
  PatientAlarm,
  PatientComplication,
  NeuroFinding,
  NeuroSensation,
  TimedEvent,
  VitalSignal,
} from './events';
export { COMPLICATION_SEVERITIES } from './events';
export {
  type ComplicationAnswerType,
  PATIENT_ANSWER_TYPES,
  type PatientAnswer,
  type PatientAnswerType,
} from './patientAnswers';
export { APP_VERSION, SIM_VERSION } from './version';
export type { TrainingMode } from './trainingMode';
export { COMMAND_TYPES } from './commands';
export { DECLINE_REASON_LABELS, DECLINE_REASONS, type DeclineReason } from './declineReasons';
export { COUNSEL_TOPIC_LABELS, COUNSEL_TOPICS, type CounselTopic, ROUTINE_COUNSEL } from './counselTopics';
export {
  ALLERGEN_LABELS,
  ALLERGENS,
  ALLERGIC_REACTIONS,
  type Allergen,
  type AllergicReaction,
  type Allergy,
  allergyLine,
  DEFAULT_ANTIBIOTIC,
  MAX_ALLERGIES,
  PROPHYLACTIC_ANTIBIOTICS,
  type ProphylacticAntibiotic,
} from './allergies';
export {
  ASA_CLASSES,
  asaLine,
  asaName,
  MAX_ASA_CLASS,
  MIN_ASA_CLASS,
  POOR_HEALTH_ASA_CLASS,
  poorGeneralHealth,
} from './asaClass';
