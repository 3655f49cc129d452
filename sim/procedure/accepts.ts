import type { Command } from '../core/commands';
import { procedureMachine, type ProcedureSnapshot } from './procedureMachine';

/**
 * Whether the machine accepts a command now: an enabled transition handles it (its guards pass,
 * in the deepest state that has one). The machine has no "forbidden" transitions (written only to
 * swallow an event), so an enabled transition, even one with no target and no action, is acceptance.
 * (xstate's `can()` would answer false for such a transition: that is why it is not used.)
 */
export function accepts(snapshot: ProcedureSnapshot, command: Command): boolean {
  return snapshot.status === 'active' && procedureMachine.getTransitionData(snapshot, command).length > 0;
}
