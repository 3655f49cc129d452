import { COMMAND_TYPES, type Command, type CommandType } from '../commands';
import { COMMAND_SAMPLES } from './commandSamples';
import type { ProcedureSnapshot } from './procedureMachine';
import { accepts } from './accepts';

/** Command types the machine accepts now: a type is listed when any of its samples is allowed. */
export function allowedCommandTypes(snapshot: ProcedureSnapshot): CommandType[] {
  if (snapshot.status !== 'active') return [];
  return COMMAND_TYPES.filter((type) =>
    (COMMAND_SAMPLES[type] as readonly Command[]).some((command) => accepts(snapshot, command)),
  );
}
