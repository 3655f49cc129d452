import type { ChecklistItem } from '../commands';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, eventTicks, fmt, type ScoringInput } from './scoringInput';

const ITEMS: readonly { item: ChecklistItem; label: string }[] = [
  { item: 'history', label: 'History reviewed' },
  { item: 'imaging', label: 'Imaging reviewed' },
  { item: 'candidacy', label: 'Candidacy confirmed' },
  { item: 'consent', label: 'Consent' },
  { item: 'labs', label: 'Coagulation and platelets checked' },
  { item: 'antibiotics', label: 'Prophylactic antibiotics (about 30 min before)' },
  { item: 'anaesthesia', label: 'Anaesthesia plan' },
  { item: 'timeOut', label: 'Time-out' },
];
/** Kyphoplasty takes up to an hour per level (clinical-reference.md, Procedure and outcomes). */
const MAX_SIM_TIME_S = 60 * 60;

/** Process domain: checklist, local anaesthetic before the puncture, discharge decision, time. */
export function processScore(input: ScoringInput): DomainScore {
  const ticks = input.log.filter((e) => e.command.type === 'checklist.tick');
  const items: ScoreItem[] = ITEMS.map(({ item, label }) => {
    const t = ticks.find((e) => e.command.type === 'checklist.tick' && e.command.item === item)?.tick;
    return { label, value: t === undefined ? 'missed' : 'done', points: t === undefined ? -10 : 0, evidenceTicks: t === undefined ? [] : [t] };
  });
  const local = commandTicks(input, 'local.anaesthetic')[0];
  const puncture = eventTicks(input, 'needle.skinPunctured')[0];
  const localInTime = local !== undefined && (puncture === undefined || local <= puncture);
  items.push({ label: 'Local anaesthetic before the skin puncture', value: localInTime ? 'yes' : 'no', points: localInTime ? 0 : -10, evidenceTicks: local === undefined ? [] : [local] });
  const decision = input.log.find((e) => e.command.type === 'discharge.decide');
  const complicated = input.final.cement.leaks.length > 0 || (input.final.trocar?.breaches.length ?? 0) > 0 || eventTicks(input, 'balloon.ruptured').length > 0;
  const expected = complicated ? 'overnight' : 'same-day';
  const chosen = decision?.command.type === 'discharge.decide' ? decision.command.decision : 'none';
  items.push({ label: `Discharge decision (expected ${expected})`, value: chosen, points: chosen === expected ? 0 : -10, evidenceTicks: decision ? [decision.tick] : [] });
  const t = input.final.timeS;
  items.push({ label: 'Procedure time', value: fmt(t / 60, 'min'), points: t > MAX_SIM_TIME_S ? -10 : 0, evidenceTicks: [] });
  const total = items.reduce((s, i) => s + i.points, 0);
  return { id: 'process', label: 'Process', score: clampScore(100 + total), weight: 0.15, items };
}
