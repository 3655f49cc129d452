import type { ExchangeStep } from '../core/commands';
import type { ProcedureSnapshot } from './procedureMachine';

/** Working-channel substate -> the exchange step it waits for (procedureMachine.ts, exchangeOrder.ts). */
const WAITING_FOR: Readonly<Record<string, ExchangeStep>> = {
  needleIn: 'stylet.remove',
  styletOut: 'guidePin.insert',
  guidePinIn: 'needle.remove',
  needleOut: 'introducer.insert',
  introducerIn: 'guidePin.remove',
};

/** The exchange step the machine accepts now, or null (not in the working-channel phase, or the exchange is done). */
export function expectedExchangeStep(snapshot: ProcedureSnapshot): ExchangeStep | null {
  const value = snapshot.value;
  if (typeof value !== 'object' || !('workingChannel' in value)) return null;
  const sub = (value as { workingChannel: unknown }).workingChannel;
  return typeof sub === 'string' ? (WAITING_FOR[sub] ?? null) : null;
}
