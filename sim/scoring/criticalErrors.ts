import type { CriticalError } from '../scoring/types';
import { eventTicks, type ScoringInput } from './scoringInput';
import { levelInputs } from './levelInputs';

/**
 * Critical errors fail an attempt whatever the total (proficiency-based progression,
 * docs/clinical-sources.md "How technique is assessed"). Thresholds are assumed teaching values:
 * a medial breach of 2 mm or more enters the canal; 3 mm inferior reaches the exiting root;
 * an anterior perforation of 5 mm or more risks the great vessels; skin dose of 2 Gy is the
 * erythema threshold (Boszczyk 2005).
 */
export const CRITICAL = {
  medialBreachMm: 2,
  inferiorBreachMm: 3,
  anteriorBreachMm: 5,
  canalLeakMl: 0.3,
  skinDoseMGy: 2000,
} as const;

/** All critical errors in the attempt, each with the tick of its evidence. */
export function criticalErrors(input: ScoringInput): CriticalError[] {
  const out: CriticalError[] = [];
  const f = input.final;
  for (const b of f.trocars.flatMap((t) => t.breaches)) {
    if (b.wall === 'medial' && b.depthMm >= CRITICAL.medialBreachMm)
      out.push({
        id: 'medial-breach',
        label: `Medial pedicle breach into the canal (${b.depthMm.toFixed(1)} mm)`,
        tick: b.tick,
      });
    if (b.wall === 'inferior' && b.depthMm >= CRITICAL.inferiorBreachMm)
      out.push({
        id: 'inferior-breach',
        label: `Inferior breach into the foramen (${b.depthMm.toFixed(1)} mm)`,
        tick: b.tick,
      });
    if (b.wall === 'anterior' && b.depthMm >= CRITICAL.anteriorBreachMm)
      out.push({
        id: 'anterior-perforation',
        label: `Anterior cortex perforated (${b.depthMm.toFixed(1)} mm)`,
        tick: b.tick,
      });
  }
  // Each treated level's own cement (levelInputs.ts): the snapshot's is the last level's.
  for (const leak of levelInputs(input).flatMap((l) => l.input.final.cement.leaks)) {
    if ((leak.location === 'epidural' || leak.location === 'foraminal') && leak.volumeMl >= CRITICAL.canalLeakMl) {
      out.push({
        id: 'canal-leak',
        label: `${leak.location} cement leak of ${leak.volumeMl.toFixed(2)} mL`,
        tick: leak.firstTick,
      });
    }
  }
  // Each view exposes its own patch of skin: the threshold applies to the most exposed field, not the sum.
  const fields = Object.entries(f.dose.skinDoseByViewMGy) as [string, number][];
  const [worstView, worstMGy] = fields.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (worstMGy >= CRITICAL.skinDoseMGy)
    out.push({
      id: 'skin-dose',
      label: `Entrance skin dose of the ${worstView} field ${Math.round(worstMGy)} mGy reached the 2 Gy erythema threshold`,
      tick: f.tick,
    });
  out.push(...universalProtocol(input), ...wrongLevel(input));
  const rupture = eventTicks(input, 'balloon.ruptured')[0];
  if (rupture !== undefined) {
    const removed = input.log.find((e) => e.tick >= rupture && e.command.type === 'balloon.remove');
    if (!removed) out.push({ id: 'rupture-ignored', label: 'Balloon ruptured and was not removed', tick: rupture });
  }
  if (!f.finished) out.push({ id: 'not-completed', label: 'The procedure was not completed', tick: f.tick });
  return out;
}

/**
 * Universal protocol: informed consent, and a time-out before the skin is punctured. A skin
 * puncture without either is a critical error (the procedure should never have started).
 */
function universalProtocol(input: ScoringInput): CriticalError[] {
  const puncture = eventTicks(input, 'needle.skinPunctured')[0];
  if (puncture === undefined) return [];
  const ticked = (item: string) =>
    input.log.find((e) => e.command.type === 'checklist.tick' && e.command.item === item)?.tick;
  const out: CriticalError[] = [];
  const consent = ticked('consent');
  if (consent === undefined || consent > puncture)
    out.push({ id: 'no-consent', label: 'Skin punctured without confirmed informed consent', tick: puncture });
  const timeOut = ticked('timeOut');
  if (timeOut === undefined || timeOut > puncture)
    out.push({ id: 'no-time-out', label: 'Skin punctured without a time-out', tick: puncture });
  return out;
}

/**
 * Wrong level: the skin was punctured over a mark on a vertebra that is not the fractured one
 * (level.marked names the vertebra under the mark, counted from C2 as the case's report is), or the
 * world reported the wrong level itself (level.wrongLevel).
 */
function wrongLevel(input: ScoringInput): CriticalError[] {
  const reported = input.final.events.find((e) => e.event.type === 'level.wrongLevel');
  if (reported?.event.type === 'level.wrongLevel')
    return [
      {
        id: 'wrong-level',
        label: `Wrong level: ${reported.event.marked} treated, the fracture is ${reported.event.target}`,
        tick: reported.tick,
      },
    ];
  const puncture = eventTicks(input, 'needle.skinPunctured')[0];
  if (puncture === undefined) return [];
  let marked: string | null = null;
  for (const e of input.final.events) {
    if (e.tick > puncture) break;
    if (e.event.type === 'level.marked') marked = e.event.level;
  }
  if (marked === null || marked === input.scenario.level) return [];
  return [
    {
      id: 'wrong-level',
      label: `Wrong level: skin punctured over ${marked}, the fracture is ${input.scenario.level}`,
      tick: puncture,
    },
  ];
}
