import type { ExchangeStep } from '../core/commands';
import { activeStateNodes } from './activeStateNodes';
import type { ProcedureSnapshot } from './procedureMachine';

/** The instrument-exchange step the machine waits for now (its working-channel substate's meta), or null. */
export function nextExchangeStep(snapshot: ProcedureSnapshot): ExchangeStep | null {
  for (const node of activeStateNodes(snapshot)) if (node.meta?.exchangeStep) return node.meta.exchangeStep;
  return null;
}
