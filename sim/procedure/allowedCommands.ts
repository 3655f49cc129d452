import { COMMAND_TYPES, type CommandType } from '../core/commands';
import { activeStateNodes } from './activeStateNodes';
import type { ProcedureSnapshot } from './procedureMachine';
import { guardConjuncts, guardHoldsForSomeCommand } from './readGuards';

/**
 * Command types the trainee can use now (the UI's live buttons): those an active state handles
 * with a transition whose guards hold for some command of the type. Guards that read the payload
 * answer for "some command" from the context (procedureGuards.ts, SOME_COMMAND_PASSES).
 */
export function allowedCommandTypes(snapshot: ProcedureSnapshot): CommandType[] {
  if (snapshot.status !== 'active') return [];
  const nodes = activeStateNodes(snapshot);
  return COMMAND_TYPES.filter((type) =>
    nodes.some((node) =>
      (node.transitions.get(type) ?? []).some((transition) =>
        guardConjuncts(transition.guard).every((guard) => guardHoldsForSomeCommand(guard, snapshot.context)),
      ),
    ),
  );
}
