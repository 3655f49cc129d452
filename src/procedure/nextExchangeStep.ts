import type { ExchangeStep } from '../../sim/core';
import { expectedExchangeStep } from '../../sim/procedure';
import type { ProcedureSnapshot } from '../../sim/procedure';

/** A dotted state path ("workingChannel.needleIn") back to the machine's nested state value. */
function stateValueOf(path: string): unknown {
  const parts = path.split('.');
  let value: unknown = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) value = { [parts[i]]: value };
  return value;
}

/**
 * The instrument-exchange step the procedure machine accepts now, from a snapshot's dotted state
 * value, or null. The machine is the authority on the order (sim/procedure/expectedExchangeStep.ts),
 * and that function reads only the state value, which the snapshot carries as a path.
 */
export function nextExchangeStep(stateValue: string): ExchangeStep | null {
  if (!stateValue.startsWith('workingChannel.')) return null;
  return expectedExchangeStep({ value: stateValueOf(stateValue) } as ProcedureSnapshot);
}
