/** The public face of sim/core/: commands, events, constants, clock text and the app version: the lowest layer. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { formatClock, tickClock } from './clockText';
export type {
  ChecklistItem,
  Command,
  CommandType,
  ExchangeStep,
  FluoroMode,
  LogEntry,
  Side,
  View,
  ZoomLevel,
} from './commands';
export { FIXED_DT_S, TICKS_PER_S } from './constants';
export type { CementPhase, DomainEvent, LeakLocation, TimedEvent } from './events';
export { APP_VERSION } from './version';
export type { TrainingMode } from './trainingMode';
