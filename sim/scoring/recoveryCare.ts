import { COUNSEL_TOPIC_LABELS, type CounselTopic, ROUTINE_COUNSEL } from '../core/counselTopics';
import { TICKS_PER_S } from '../core/constants';
import type { ScoreItem } from './types';
import { complicationEpisodes } from './complicationScore';
import { fmt, type ScoringInput } from './scoringInput';

/**
 * Recovery care (README.md, "Recovery and discharge"), items of the process domain: the patient
 * observed for the required time before the discharge decision, a neurological examination in
 * recovery, and the counselling a patient is owed before going home, the routine topics for
 * everyone and the ones this patient's history or procedure adds. Teaching values (assumed): an
 * hour of observation lies within the one to a few hours of bed rest and monitoring units describe
 * before same-day discharge; each point value is a checklist item's share.
 */
export const RECOVERY_CARE = {
  /** Observation in recovery before the discharge decision, s. */
  observationS: 60 * 60,
  observationShortPoints: -10,
  neuroExamMissedPoints: -10,
  /** Per topic the patient was owed and not told. */
  counselMissedPoints: -3,
} as const;

/**
 * The tick the patient came to recovery: the last phase.next before the discharge decision (the
 * final images' "next"), or null when the attempt never reached recovery. The phases are machine
 * state, not in the log; the decision is only accepted in recovery, so the phase.next before it is
 * the one that entered it.
 */
export function recoveryStart(input: ScoringInput): number | null {
  const decision = input.log.findIndex((e) => e.command.type === 'discharge.decide');
  if (decision < 0 && input.final.phase !== 'recovery') return null;
  // In log order: the phase.next to the debrief may share the decision's tick.
  const before = decision < 0 ? input.log : input.log.slice(0, decision);
  return before.filter((e) => e.command.type === 'phase.next').at(-1)?.tick ?? null;
}

/** The topics this patient is owed: the routine ones, an anticoagulant's restart, today's allergic reaction. */
export function counselOwed(input: ScoringInput): CounselTopic[] {
  const owed: CounselTopic[] = [...ROUTINE_COUNSEL];
  const p = input.scenario.patient;
  if (p.anticoagulant) owed.push('anticoagulation');
  if (complicationEpisodes(input).some((e) => e.kind === 'anaphylaxis')) owed.push('allergy');
  return owed;
}

/** The recovery items of an attempt that reached recovery (none otherwise: not-completed says the rest). */
export function recoveryItems(input: ScoringInput): ScoreItem[] {
  const start = recoveryStart(input);
  if (start === null) return [];
  const r = RECOVERY_CARE;
  const decision = input.log.find((e) => e.command.type === 'discharge.decide');
  const end = decision?.tick ?? input.final.tick;
  const observedS = (end - start) / TICKS_PER_S;
  const items: ScoreItem[] = [
    {
      label: `Observed in recovery before the discharge decision (at least ${r.observationS / 60} min)`,
      value: fmt(observedS / 60, 'min', 0),
      points: observedS + 1e-9 >= r.observationS ? 0 : r.observationShortPoints,
      evidenceTicks: [start, end],
    },
  ];
  const exam = input.log.find((e) => e.tick >= start && e.command.type === 'neuro.examine');
  items.push({
    label: 'Neurological examination and pain score in recovery',
    value: exam ? 'done' : 'missed',
    points: exam ? 0 : r.neuroExamMissedPoints,
    evidenceTicks: exam ? [exam.tick] : [],
  });
  const told = new Map<CounselTopic, number>();
  for (const e of input.log)
    if (e.tick >= start && e.command.type === 'counsel.give')
      for (const t of e.command.topics) if (!told.has(t)) told.set(t, e.tick);
  for (const topic of counselOwed(input)) {
    const t = told.get(topic);
    items.push({
      label: `Counselled: ${COUNSEL_TOPIC_LABELS[topic]}`,
      value: t === undefined ? 'missed' : 'done',
      points: t === undefined ? r.counselMissedPoints : 0,
      evidenceTicks: t === undefined ? [] : [t],
    });
  }
  return items;
}
