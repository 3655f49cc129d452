import type { PatientAlarm, VitalSignal } from '../core/events';

/**
 * Monitor alarm limits, as data (README.md, Alarms): each fires once when its signal crosses the
 * limit and clears once it is back past the limit by the margin (hysteresis, so a value hovering
 * at the limit does not chatter). Limits are the usual adult procedural-sedation defaults (assumed).
 */

export interface AlarmLimit {
  readonly id: PatientAlarm;
  readonly signal: VitalSignal;
  /** 'below': alarms when the signal falls under the limit; 'above': when it rises over it. */
  readonly when: 'below' | 'above';
  readonly limit: number;
  /** How far back past the limit the signal must come to clear the alarm. */
  readonly clearMargin: number;
}

export const ALARM_LIMITS: readonly AlarmLimit[] = [
  { id: 'spo2Low', signal: 'spo2Pct', when: 'below', limit: 90, clearMargin: 1 },
  { id: 'respiratoryRateLow', signal: 'respiratoryRatePerMin', when: 'below', limit: 8, clearMargin: 1 },
  { id: 'heartRateHigh', signal: 'heartRateBpm', when: 'above', limit: 120, clearMargin: 5 },
  { id: 'heartRateLow', signal: 'heartRateBpm', when: 'below', limit: 45, clearMargin: 3 },
  { id: 'systolicLow', signal: 'systolicMmHg', when: 'below', limit: 90, clearMargin: 5 },
  { id: 'systolicHigh', signal: 'systolicMmHg', when: 'above', limit: 180, clearMargin: 5 },
];

/** Whether the limit is crossed (alarming) or, when already alarming, not yet cleared. */
export function alarming(limit: AlarmLimit, value: number, active: boolean): boolean {
  const edge = active
    ? limit.when === 'below'
      ? limit.limit + limit.clearMargin
      : limit.limit - limit.clearMargin
    : limit.limit;
  return limit.when === 'below' ? value < edge : value > edge;
}
