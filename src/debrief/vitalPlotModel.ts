import type { AlarmSpan, PatientMark, VitalSample, VitalSeries } from '../../sim/attempt';
import { PATIENT_ANSWER_TYPES, type PatientAnswerType, type VitalSignal } from '../../sim/core';
import { ALARM_LIMITS } from '../../sim/patient';
import { tickClock } from '../ui/format';
import { describeCommand } from '../ui/describeCommand';
import { alarmName } from '../ui/alarmNames';

/* The vital-sign plot's lanes, scales and words (VitalSignsPlot.tsx draws them). */

/** A plotted signal: its sample field, its name, unit and how many decimals the table gives it. */
export interface VitalLine {
  readonly key: keyof Pick<
    VitalSample,
    'heartRateBpm' | 'systolicMmHg' | 'diastolicMmHg' | 'spo2Pct' | 'respiratoryRatePerMin'
  >;
  readonly label: string;
  /** The word on the line itself, so colour is not what tells the lines apart. */
  readonly short: string;
  readonly unit: string;
  readonly digits: number;
}

export type LaneId = 'hrbp' | 'spo2' | 'rr';

/**
 * One band of the plot with its own scale: heart rate and blood pressure share one (as on an
 * anaesthetic chart), SpO2 and breathing have theirs. `floor`/`ceil` are the least range shown, so
 * a steady patient is not drawn as noise filling the lane; the data widen it when they leave it.
 */
export interface LaneSpec {
  readonly id: LaneId;
  readonly label: string;
  readonly lines: readonly VitalLine[];
  readonly floor: number;
  readonly ceil: number;
  /** Round the data's extremes outward to this step; also the grid step. */
  readonly step: number;
  readonly signals: readonly VitalSignal[];
}

export const LANES: readonly LaneSpec[] = [
  {
    id: 'hrbp',
    label: 'HR · BP',
    lines: [
      { key: 'heartRateBpm', label: 'Heart rate', short: 'HR', unit: 'bpm', digits: 0 },
      { key: 'systolicMmHg', label: 'Systolic', short: 'SYS', unit: 'mmHg', digits: 0 },
      { key: 'diastolicMmHg', label: 'Diastolic', short: 'DIA', unit: 'mmHg', digits: 0 },
    ],
    floor: 40,
    ceil: 160,
    step: 40,
    signals: ['heartRateBpm', 'systolicMmHg'],
  },
  {
    id: 'spo2',
    label: 'SpO2 %',
    lines: [{ key: 'spo2Pct', label: 'SpO2', short: 'SpO2', unit: '%', digits: 1 }],
    floor: 85,
    ceil: 100,
    step: 5,
    signals: ['spo2Pct'],
  },
  {
    id: 'rr',
    label: 'RR /min',
    lines: [{ key: 'respiratoryRatePerMin', label: 'Respiratory rate', short: 'RR', unit: '/min', digits: 1 }],
    floor: 0,
    ceil: 24,
    step: 8,
    signals: ['respiratoryRatePerMin'],
  },
];

export const VITAL_LINES: readonly VitalLine[] = LANES.flatMap((l) => l.lines);

/** The lane that draws a signal (its alarms' band goes there). */
export function laneOf(signal: VitalSignal): LaneSpec {
  const lane = LANES.find((l) => l.signals.includes(signal));
  if (!lane) throw new Error(`vital plot: no lane for ${signal}`);
  return lane;
}

/** The lane's range: its least range, widened to the data rounded outward to its step. */
export function laneRange(lane: LaneSpec, samples: readonly VitalSample[]): { lo: number; hi: number } {
  const values = samples.flatMap((s) => lane.lines.map((l) => s[l.key]));
  const lo = Math.min(lane.floor, Math.floor(Math.min(...values, lane.floor) / lane.step) * lane.step);
  const hi = Math.max(lane.ceil, Math.ceil(Math.max(...values, lane.ceil) / lane.step) * lane.step);
  return { lo, hi };
}

/** The grid values of a range: every step from lo to hi. */
export function laneGrid(lane: LaneSpec, range: { lo: number; hi: number }): number[] {
  const out: number[] = [];
  for (let v = range.lo; v <= range.hi + 1e-9; v += lane.step) out.push(v);
  return out;
}

/** The alarm limits drawn in a lane (sim/patient/alarms.ts), as "SpO2 low" at 90. */
export function laneLimits(lane: LaneSpec): { value: number; name: string }[] {
  return ALARM_LIMITS.filter((a) => lane.signals.includes(a.signal)).map((a) => ({
    value: a.limit,
    name: alarmName(a.id),
  }));
}

/**
 * Each answer's marker: its glyph (a letter or two) and the glyph in words for the legend. Keyed by
 * the one list of answers (sim/core/patientAnswers.ts), so no answer is drawn unexplained.
 */
export const ANSWER_MARKS: Readonly<Record<PatientAnswerType, { readonly glyph: string; readonly words: string }>> = {
  'sedation.midazolam': { glyph: 'M', words: 'midazolam' },
  'sedation.flumazenil': { glyph: 'F', words: 'flumazenil' },
  'oxygen.nasal': { glyph: 'O2', words: 'oxygen' },
  'patient.fluids': { glyph: 'IV', words: 'fluids' },
  'patient.callForHelp': { glyph: 'H', words: 'help' },
  'neuro.examine': { glyph: 'NE', words: 'neurological examination' },
  'imaging.ct': { glyph: 'CT', words: 'CT' },
  'patient.surgicalOpinion': { glyph: 'SO', words: 'surgical opinion' },
  'patient.adrenaline': { glyph: 'Ad', words: 'adrenaline' },
  'site.compress': { glyph: 'P', words: 'pressure on the sites' },
};

/** The legend's line for the answers: every glyph the plot may draw, with its words. */
export const ANSWER_LEGEND = PATIENT_ANSWER_TYPES.map((t) => `${ANSWER_MARKS[t].glyph} ${ANSWER_MARKS[t].words}`).join(
  ' · ',
);

/** A complication's kind in words: "cementEmbolism" is "Cement embolism" (any later kind reads the same way). */
export function complicationName(kind: string): string {
  const words = kind.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A mark in words, without its time. */
export function markWords(m: PatientMark): string {
  switch (m.kind) {
    case 'complication':
      return `${complicationName(m.complication)}, ${m.severity}`;
    case 'alarm':
      return `Alarm: ${alarmName(m.alarm)}`;
    case 'alarmCleared':
      return `Alarm cleared: ${alarmName(m.alarm)}`;
    case 'answer':
      return describeCommand(m.command);
  }
}

/** An alarm span in words, with its times. */
export function spanWords(a: AlarmSpan): string {
  const end = a.cleared ? `to ${tickClock(a.endTick)}` : `still sounding at the end (${tickClock(a.endTick)})`;
  return `${capital(alarmName(a.alarm))} alarm from ${tickClock(a.startTick)} ${end}`;
}

/** One sentence for the whole plot: the extremes reached and what happened. */
export function vitalSummary(v: VitalSeries, endTick: number): string {
  const s = v.samples;
  const lowest = (k: VitalLine['key']) => Math.min(...s.map((x) => x[k]));
  const highest = (k: VitalLine['key']) => Math.max(...s.map((x) => x[k]));
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const complications = v.marks.filter((m) => m.kind === 'complication').length;
  const answers = v.marks.filter((m) => m.kind === 'answer').length;
  return (
    `Vital signs from 0:00 to ${tickClock(endTick)}, one sample every ${v.everyS} s: ` +
    `heart rate ${Math.round(lowest('heartRateBpm'))} to ${Math.round(highest('heartRateBpm'))} bpm, ` +
    `lowest systolic ${Math.round(lowest('systolicMmHg'))} mmHg, lowest SpO2 ${lowest('spo2Pct').toFixed(1)} %, ` +
    `lowest respiratory rate ${lowest('respiratoryRatePerMin').toFixed(1)} /min; ` +
    `${count(v.alarms.length, 'alarm')}, ${count(complications, 'complication')}, ${count(answers, 'answer')} given.`
  );
}
