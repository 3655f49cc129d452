/** The public face of sim/attempt/: attempt files, replay, trace, film and the expert benchmark. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { AttemptError, parseAttemptFile, parseAttemptText, toAttemptFile } from './attemptFile';
export { attemptSchema } from './attemptSchema';
export { checkPublishedScenario } from './publishedScenario';
export type { ScenarioStatus } from './publishedScenario';
export { traceAttempt } from './attemptTrace';
export type { AttemptTrace, TraceEvent, TraceSample } from './attemptTrace';
export { expertBenchmark } from './expertBenchmark';
export type { ExpertBenchmark } from './expertBenchmark';
export { ReplayBudgetError, ReplayError, ReplayLimitError, replay } from './replay';
export type { ReplayOptions } from './replay';
export { filmAttempt } from './replayFilm';
export type { FilmFrame, FilmStep, ReplayFilm } from './replayFilm';
export type { AttemptFile } from './types';
export { attemptVerification, UNSIGNED_ATTEMPT_STATEMENT } from './verification';
export type { AttemptVerification } from './verification';
