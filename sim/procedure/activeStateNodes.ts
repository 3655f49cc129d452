import { getStateNodes } from 'xstate';
import type { ProcedureSnapshot } from './procedureMachine';

/** A state node of the procedure machine. */
export type ProcedureStateNode = ProcedureSnapshot['machine']['root'];

/** The snapshot's active state nodes, the deepest first and the machine's root last. */
export function activeStateNodes(snapshot: ProcedureSnapshot): ProcedureStateNode[] {
  // getStateNodes lists a node once per path that reaches it: keep each once, then sort by depth.
  const nodes = new Set(getStateNodes(snapshot.machine.root, snapshot.value) as ProcedureStateNode[]);
  return [...nodes].sort((a, b) => b.path.length - a.path.length);
}
