import type { Command } from '../core/commands';
import type { ComplicationSeverity, DomainEvent, PatientAlarm, PatientComplication, VitalSignal } from '../core/events';
import { TICKS_PER_S } from '../core/constants';
import { PATIENT_ANSWER_TYPES, type PatientAnswer } from '../core/patientAnswers';
import type { PatientView } from '../patient/patientView';

/**
 * The patient's vital signs over an attempt, for the debrief's vital-sign plot: what the monitor
 * showed, sampled from the snapshot as the trace replays the attempt (attemptTrace.ts), with the
 * patient's events (complications, alarms) and the answers the trainee gave (the patient-care
 * commands of the log) at their ticks. Pure and deterministic: it only copies numbers the replay
 * produced, so the same attempt gives the same series.
 *
 * Size. One sample per simulated second (VITAL_SAMPLE_S) is finer than a monitor's trend screen and
 * enough for the minute-scale courses the patient model makes (midazolam peaks at ~4 min, an
 * embolism's signs come over ~1 min). A 6 h attempt (sim/core/bounds.ts) would give 21,600
 * samples, so the series is capped at MAX_VITAL_SAMPLES by decimation: when the cap is reached the
 * sampling interval doubles and every sample off the new grid is dropped (every other one), so the
 * samples stay evenly spaced, each is still the exact snapshot at its tick (never an average or an
 * interpolation), and the series of a long attempt is the series of a short one seen coarser. Up to
 * ~17 min every second is kept; a 6 h attempt ends at one sample every 32 s (676 samples). The
 * final tick is always added, so the series ends where the attempt ends. Alarms and complications
 * are not sampled: their marks keep the exact tick, so no decimation hides a short alarm.
 */

/** Sampling interval of the vital signs, seconds of sim time, before any decimation. */
export const VITAL_SAMPLE_S = 1;
/** The most samples a series holds, the final one included (decimation above; an even number). */
export const MAX_VITAL_SAMPLES = 1024;
/**
 * The most patient marks kept (the first ones; the rest are counted in `marksDropped`). A real
 * attempt has tens: the drug totals are capped (midazolam 10 mg, flumazenil 3 mg) and alarms clear
 * with hysteresis; the cap only bounds a log of 100,000 repeated oxygen commands.
 */
export const MAX_PATIENT_MARKS = 2000;

/** The commands that answer the patient, marked on the plot: one list in sim/core, shared with the scoring's protocols. */
export { PATIENT_ANSWER_TYPES, type PatientAnswer };

/** The monitor at one tick: the snapshot's numbers, unrounded, and the alarms sounding. */
export interface VitalSample {
  readonly tick: number;
  readonly timeS: number;
  readonly heartRateBpm: number;
  readonly systolicMmHg: number;
  readonly diastolicMmHg: number;
  readonly spo2Pct: number;
  readonly respiratoryRatePerMin: number;
  readonly alarms: readonly PatientAlarm[];
}

/** A patient event or an answer, at the tick it happened. */
export type PatientMark =
  | {
      readonly kind: 'complication';
      readonly tick: number;
      readonly complication: PatientComplication;
      readonly severity: ComplicationSeverity;
    }
  | {
      readonly kind: 'alarm' | 'alarmCleared';
      readonly tick: number;
      readonly alarm: PatientAlarm;
      readonly signal: VitalSignal;
      readonly value: number;
    }
  | { readonly kind: 'answer'; readonly tick: number; readonly command: PatientAnswer };

/** An alarm from the tick it sounded to the tick it cleared (or the end of the attempt, cleared false). */
export interface AlarmSpan {
  readonly alarm: PatientAlarm;
  readonly signal: VitalSignal;
  readonly startTick: number;
  readonly endTick: number;
  readonly cleared: boolean;
}

export interface VitalSeries {
  /** The interval the samples ended at, s: VITAL_SAMPLE_S doubled once per decimation. */
  readonly everyS: number;
  readonly samples: readonly VitalSample[];
  /** Complications, alarms and answers, in tick order. */
  readonly marks: readonly PatientMark[];
  /** Marks past MAX_PATIENT_MARKS, not kept. */
  readonly marksDropped: number;
  /** Each alarm as a span of time, in the order they sounded. */
  readonly alarms: readonly AlarmSpan[];
}

export interface VitalRecorder {
  /** Whether the tick is on the sampling grid and not sampled yet: the caller then takes a snapshot. */
  due(tick: number): boolean;
  sample(tick: number, timeS: number, patient: PatientView): void;
  /** A domain event with its tick: complications and alarms are kept, the rest ignored. */
  event(tick: number, event: DomainEvent): void;
  /** An accepted command with its tick: the answers are kept, the rest ignored. */
  command(tick: number, command: Command): void;
  /** The series, with the final snapshot added when it is not on the grid. */
  finish(tick: number, timeS: number, patient: PatientView): VitalSeries;
}

const isAnswer = (c: Command): c is PatientAnswer => (PATIENT_ANSWER_TYPES as readonly string[]).includes(c.type);

function sampleOf(tick: number, timeS: number, p: PatientView): VitalSample {
  return {
    tick,
    timeS,
    heartRateBpm: p.heartRateBpm,
    systolicMmHg: p.systolicMmHg,
    diastolicMmHg: p.diastolicMmHg,
    spo2Pct: p.spo2Pct,
    respiratoryRatePerMin: p.respiratoryRatePerMin,
    alarms: [...p.alarms],
  };
}

/** Alarm marks paired into spans: each sounding to its clearing, one still sounding to the end. */
export function alarmSpans(marks: readonly PatientMark[], endTick: number): AlarmSpan[] {
  const spans: AlarmSpan[] = [];
  const open = new Map<PatientAlarm, { signal: VitalSignal; startTick: number; at: number }>();
  for (const m of marks) {
    if (m.kind === 'alarm' && !open.has(m.alarm)) {
      open.set(m.alarm, { signal: m.signal, startTick: m.tick, at: spans.length });
      spans.push({ alarm: m.alarm, signal: m.signal, startTick: m.tick, endTick, cleared: false });
    } else if (m.kind === 'alarmCleared') {
      const o = open.get(m.alarm);
      if (!o) continue;
      spans[o.at] = { alarm: m.alarm, signal: o.signal, startTick: o.startTick, endTick: m.tick, cleared: true };
      open.delete(m.alarm);
    }
  }
  return spans;
}

/**
 * A recorder for one replay. `everyS` and `cap` are parameters for the tests (a small cap shows
 * the decimation in a short attempt); the trace uses the defaults.
 */
export function createVitalRecorder(everyS: number = VITAL_SAMPLE_S, cap: number = MAX_VITAL_SAMPLES): VitalRecorder {
  if (!Number.isInteger(cap) || cap < 4)
    throw new Error(`vital series: the cap must be an integer of at least 4, not ${cap}`);
  let everyTicks = Math.max(1, Math.round(everyS * TICKS_PER_S));
  let samples: VitalSample[] = [];
  const marks: PatientMark[] = [];
  let marksDropped = 0;
  const mark = (m: PatientMark): void => {
    if (marks.length < MAX_PATIENT_MARKS) marks.push(m);
    else marksDropped++;
  };
  const lastTick = (): number => samples[samples.length - 1]?.tick ?? -1;

  return {
    due: (tick) => tick % everyTicks === 0 && tick !== lastTick(),
    sample(tick, timeS, patient) {
      if (tick <= lastTick()) return;
      samples.push(sampleOf(tick, timeS, patient));
      // The grid samples stay under the cap, so the final one always fits: halve when it is reached.
      if (samples.length >= cap) {
        everyTicks *= 2;
        samples = samples.filter((s) => s.tick % everyTicks === 0);
      }
    },
    event(tick, e) {
      if (e.type === 'patient.complication')
        mark({ kind: 'complication', tick, complication: e.kind, severity: e.severity });
      else if (e.type === 'patient.alarm' || e.type === 'patient.alarmCleared')
        mark({
          kind: e.type === 'patient.alarm' ? 'alarm' : 'alarmCleared',
          tick,
          alarm: e.alarm,
          signal: e.signal,
          value: e.value,
        });
    },
    command(tick, c) {
      if (isAnswer(c)) mark({ kind: 'answer', tick, command: c });
    },
    finish(tick, timeS, patient) {
      const out = tick > lastTick() ? [...samples, sampleOf(tick, timeS, patient)] : samples;
      // Commands are dispatched before the step's events are read: order by tick, stably.
      const ordered = marks.map((m, i) => ({ m, i })).sort((a, b) => a.m.tick - b.m.tick || a.i - b.i);
      const sorted = ordered.map((o) => o.m);
      return {
        everyS: everyTicks / TICKS_PER_S,
        samples: out,
        marks: sorted,
        marksDropped,
        alarms: alarmSpans(sorted, tick),
      };
    },
  };
}
