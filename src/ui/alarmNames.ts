import type { PatientAlarm } from '../../sim/core';

/**
 * Monitor alarms in words, one list for every place that names them: the patient monitor's alarm
 * line (src/procedure/panels/monitorText.ts), the practice feed (src/procedure/describeEvent.ts)
 * and the debrief's plot and tables. An alarm added later
 * without a name here reads as its id in words ("etCo2High" as "et co2 high") rather than failing.
 */
const NAMES: Partial<Record<PatientAlarm, string>> = {
  spo2Low: 'SpO2 low',
  respiratoryRateLow: 'respiratory rate low',
  heartRateHigh: 'heart rate high',
  heartRateLow: 'heart rate low',
  systolicLow: 'systolic pressure low',
  systolicHigh: 'systolic pressure high',
};

export function alarmName(alarm: PatientAlarm): string {
  return NAMES[alarm] ?? alarm.replace(/([A-Z])/g, ' $1').toLowerCase();
}
