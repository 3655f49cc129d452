import type { ComplicationSeverity, PatientAlarm } from '../../../sim/core';
import type { PunctureSite } from '../../../sim/patient';
import { alarmName } from '../../ui/alarmNames';

/* The patient monitor's words: the flag beside a value in alarm, the alarm line, and the drugs given. */

/** The values the patient monitor shows that an alarm can mark. */
export type MonitoredVital = 'hr' | 'bp' | 'spo2' | 'rr';

export type VitalFlag = 'LOW' | 'HIGH';

/** Each monitor alarm: the value it marks and which way it crossed (its name: src/ui/alarmNames.ts). */
const ALARM_FLAGS: Readonly<Record<PatientAlarm, { vital: MonitoredVital; flag: VitalFlag }>> = {
  spo2Low: { vital: 'spo2', flag: 'LOW' },
  respiratoryRateLow: { vital: 'rr', flag: 'LOW' },
  heartRateHigh: { vital: 'hr', flag: 'HIGH' },
  heartRateLow: { vital: 'hr', flag: 'LOW' },
  systolicLow: { vital: 'bp', flag: 'LOW' },
  systolicHigh: { vital: 'bp', flag: 'HIGH' },
};

/**
 * The word beside a value in alarm ("LOW" / "HIGH"), or null: the text says it, so colour is
 * never the only signal. One signal has at most one of its alarms sounding (the limits do not overlap).
 */
export function vitalFlag(alarms: readonly PatientAlarm[], vital: MonitoredVital): VitalFlag | null {
  const hit = alarms.find((a) => ALARM_FLAGS[a].vital === vital);
  return hit ? ALARM_FLAGS[hit].flag : null;
}

/**
 * The sentence the monitor's live region reads out: the alarms sounding, by name only. Values are
 * left out on purpose, so a screen reader speaks when an alarm starts or stops, not at every beat.
 */
export function alarmSentence(alarms: readonly PatientAlarm[]): string {
  return alarms.length === 0 ? 'No alarms' : `Alarm: ${alarms.map(alarmName).join(', ')}`;
}

/** The cannula's flow as the monitor shows it: off is breathing room air. */
export function oxygenLabel(onOxygen: boolean, lPerMin: number): string {
  return onOxygen && lPerMin > 0 ? `${lPerMin} L/min` : 'room air';
}

/** Milligrams given, to the half milligram the boluses come in, without a trailing ".0". */
export function milligrams(mg: number): string {
  return String(Math.round(mg * 10) / 10);
}

/**
 * What the team sees of an allergic reaction at this grade (the monitor shows the numbers): the skin
 * first, then the chest, then the circulation; null without signs.
 */
export function allergicSignsText(grade: ComplicationSeverity | null): string | null {
  if (grade === 'mild') return 'flushed, hives';
  if (grade === 'moderate') return 'hives, wheeze';
  if (grade === 'severe') return 'wheeze, cold and clammy';
  return null;
}

/**
 * The puncture sites in a word, once the instruments are out (null before: the cannula is in them
 * and the monitor stays short): oozing, pressure held on them, or dry.
 */
export function siteLabel(site: PunctureSite): string | null {
  if (site === 'oozing') return 'oozing';
  if (site === 'compressed') return 'pressure held';
  if (site === 'dry') return 'dry';
  return null;
}
