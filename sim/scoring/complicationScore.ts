import type { Command } from '../core/commands';
import { TICKS_PER_S } from '../core/constants';
import type { ComplicationAnswerType } from '../core/patientAnswers';
import { COMPLICATION_SEVERITIES, type ComplicationSeverity, type PatientComplication } from '../core/events';
import type { CriticalError, DomainScore, ScoreItem } from './types';
import { COMPLICATION_POINTS, COMPLICATION_PROTOCOLS, type ComplicationProtocol } from './complicationProtocols';
import { clampScore, fmt, type ScoringInput } from './scoringInput';
import { DOMAIN_WEIGHTS } from './weights';

/**
 * One complication as the attempt lived it: when its signs began and reached each grade, when it
 * first needed an answer (its first sign), and the answers given.
 */
export interface ComplicationEpisode {
  readonly kind: PatientComplication;
  readonly label: string;
  /** Tick at which each grade was first reported (absent: never reached). */
  readonly gradeTicks: Partial<Record<ComplicationSeverity, number>>;
  readonly worst: ComplicationSeverity;
  /**
   * The first sign a team is expected to answer: the first of its alarms after the onset, or the
   * grade that is a sign in itself (complicationProtocols.ts signFrom), whichever came first; null
   * when it stayed below that grade and silent (nothing to answer).
   */
  readonly signTick: number | null;
  /** The first answer after the onset, or null. */
  readonly answerTick: number | null;
}

/** Every complication of the attempt, in order of onset (the patient model's complication events). */
export function complicationEpisodes(input: ScoringInput): ComplicationEpisode[] {
  const grades = new Map<PatientComplication, Partial<Record<ComplicationSeverity, number>>>();
  for (const { tick, event } of input.final.events) {
    if (event.type !== 'patient.complication') continue;
    const g = grades.get(event.kind) ?? {};
    g[event.severity] ??= tick;
    grades.set(event.kind, g);
  }
  const episodes: ComplicationEpisode[] = [];
  for (const [kind, gradeTicks] of grades) {
    const protocol = COMPLICATION_PROTOCOLS[kind];
    const onset = Math.min(...Object.values(gradeTicks));
    const alarm = input.final.events.find(
      (e) => e.tick >= onset && e.event.type === 'patient.alarm' && protocol.alarms.includes(e.event.alarm),
    )?.tick;
    const graded = firstTickFrom(gradeTicks, protocol.signFrom);
    const candidates = [alarm, graded].filter((t): t is number => t !== undefined);
    const signTick = candidates.length ? Math.min(...candidates) : null;
    const answerTick = input.log.find((e) => e.tick >= onset && answers(protocol, e.command))?.tick ?? null;
    const worst = [...COMPLICATION_SEVERITIES].reverse().find((s) => gradeTicks[s] !== undefined) ?? 'mild';
    episodes.push({ kind, label: protocol.label, gradeTicks, worst, signTick, answerTick });
  }
  return episodes.sort((a, b) => Math.min(...Object.values(a.gradeTicks)) - Math.min(...Object.values(b.gradeTicks)));
}

/** The first tick the complication was at this grade or worse, if ever. */
function firstTickFrom(
  gradeTicks: Partial<Record<ComplicationSeverity, number>>,
  severity: ComplicationSeverity,
): number | undefined {
  const at = COMPLICATION_SEVERITIES.slice(COMPLICATION_SEVERITIES.indexOf(severity))
    .map((s) => gradeTicks[s])
    .filter((t): t is number => t !== undefined);
  return at.length ? Math.min(...at) : undefined;
}

/** A command that answers the complication (oxygen counts only when it is turned on). */
function answers(protocol: ComplicationProtocol, command: Command): boolean {
  return isAmong(protocol.answers, command) && given(command);
}

/** Whether the command is one of these answers (a list of answers, asked about any command). */
const isAmong = (types: readonly ComplicationAnswerType[], command: Command): boolean =>
  (types as readonly string[]).includes(command.type);

/** Oxygen at 0 L/min takes the cannula off: it is no measure. */
const given = (command: Command): boolean => command.type !== 'oxygen.nasal' || command.lPerMin > 0;

/**
 * Complication management (README.md): for each complication whose signs needed an answer, how
 * soon the first answer came after the first sign, each required measure in time, and no command
 * that feeds the cause. Present only when the attempt had such a complication (its weight is then
 * counted), so an attempt without one scores as it did before complications existed.
 */
export function complicationScore(input: ScoringInput): DomainScore | null {
  const episodes = complicationEpisodes(input).filter((e) => e.signTick !== null);
  if (episodes.length === 0) return null;
  const items = episodes.flatMap((e) => episodeItems(input, e));
  const total = items.reduce((s, i) => s + i.points, 0);
  return {
    id: 'complications',
    label: 'Complication management',
    score: clampScore(100 + total),
    weight: DOMAIN_WEIGHTS.complications,
    items,
  };
}

const seconds = (ticks: number): number => ticks / TICKS_PER_S;

function episodeItems(input: ScoringInput, e: ComplicationEpisode): ScoreItem[] {
  const p = COMPLICATION_POINTS;
  const protocol = COMPLICATION_PROTOCOLS[e.kind];
  const sign = e.signTick as number;
  const items: ScoreItem[] = [];
  if (e.answerTick === null) {
    items.push({
      label: `${e.label}: recognised`,
      value: 'never',
      points: p.notRecognised,
      evidenceTicks: [sign],
    });
  } else {
    const delay = Math.max(0, seconds(e.answerTick - sign));
    items.push({
      label: `${e.label}: recognised (first answer after the first sign)`,
      value: fmt(delay, 's', 0),
      points: delay <= p.promptS ? 0 : delay <= p.lateS ? p.recognisedLate : p.recognisedVeryLate,
      evidenceTicks: [sign, e.answerTick],
    });
  }
  for (const r of protocol.requirements) {
    const from = reachedAt(e, r.fromSeverity, sign);
    if (from === null) continue;
    const t = input.log.find((entry) => isAmong(r.commands, entry.command) && given(entry.command))?.tick;
    const late = t !== undefined && seconds(t - from) > r.withinS;
    items.push({
      label: `${e.label}: ${r.label} (within ${Math.round(r.withinS / 60)} min)`,
      value: t === undefined ? 'not given' : late ? `after ${fmt(seconds(t - from), 's', 0)}` : 'given',
      points: t === undefined ? p.requirementMissed : late ? p.requirementLate : 0,
      evidenceTicks: t === undefined ? [from] : [from, t],
    });
  }
  for (const c of protocol.contraindicated) {
    const grades = Object.values(e.gradeTicks);
    const within = (tick: number): boolean =>
      c.withinS === undefined || grades.some((g) => tick >= g && seconds(tick - g) <= (c.withinS as number));
    const after = input.log.filter(
      (entry) => entry.tick >= sign && entry.command.type === c.command && within(entry.tick),
    );
    items.push({
      label: `${e.label}: ${c.label}`,
      value: after.length ? `${after.length} ${plural(after.length, 'time')}` : 'no',
      points: after.length ? p.contraindicated : 0,
      evidenceTicks: after.map((entry) => entry.tick),
    });
  }
  return items;
}

/**
 * When a requirement from this grade starts to count: one of the grade that is a sign (or a milder
 * one) counts from the first sign; one of a worse grade from the tick that grade was first
 * reported (null: never reached).
 */
function reachedAt(e: ComplicationEpisode, severity: ComplicationSeverity, sign: number): number | null {
  const signFrom = COMPLICATION_PROTOCOLS[e.kind].signFrom;
  if (COMPLICATION_SEVERITIES.indexOf(severity) <= COMPLICATION_SEVERITIES.indexOf(signFrom)) return sign;
  return firstTickFrom(e.gradeTicks, severity) ?? null;
}

const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

/**
 * A complication that harmed the patient unanswered is a critical error (README.md): it grew to a
 * worse grade after its first sign with no answer given in between, or it reached its severe grade
 * and no answer came within the limit of its first sign.
 */
export function unansweredComplications(input: ScoringInput): CriticalError[] {
  const limit = COMPLICATION_POINTS.unansweredCriticalS;
  const out: CriticalError[] = [];
  for (const e of complicationEpisodes(input)) {
    if (e.signTick === null) continue;
    const sign = e.signTick;
    const answered = (by: number): boolean => e.answerTick !== null && e.answerTick <= by;
    const worse = COMPLICATION_SEVERITIES.find((s) => {
      const t = e.gradeTicks[s];
      return t !== undefined && t > sign && !answered(t);
    });
    if (worse) {
      out.push({
        id: 'complication-unanswered',
        label: `${e.label} grew to ${worse} after its first sign with no answer given`,
        tick: e.gradeTicks[worse] as number,
      });
      continue;
    }
    if (e.worst === 'severe' && !answered(sign + limit * TICKS_PER_S))
      out.push({
        id: 'complication-unanswered',
        label: `${e.label} reached its severe grade and was not answered within ${limit / 60} min of its first sign`,
        tick: sign,
      });
  }
  return out;
}
