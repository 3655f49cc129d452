import type { CriticalError } from '../scoring/types';
import { eventTicks, type ScoringInput } from './scoringInput';

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
  for (const leak of f.cement.leaks) {
    if ((leak.location === 'epidural' || leak.location === 'foraminal') && leak.volumeMl >= CRITICAL.canalLeakMl) {
      out.push({
        id: 'canal-leak',
        label: `${leak.location} cement leak of ${leak.volumeMl.toFixed(2)} mL`,
        tick: leak.firstTick,
      });
    }
  }
  // Entrance skin dose is approximated by the reference air kerma (no backscatter correction yet).
  if (f.dose.airKermaMGy >= CRITICAL.skinDoseMGy)
    out.push({
      id: 'skin-dose',
      label: `Reference air kerma ${Math.round(f.dose.airKermaMGy)} mGy reached the 2 Gy erythema threshold`,
      tick: f.tick,
    });
  const rupture = eventTicks(input, 'balloon.ruptured')[0];
  if (rupture !== undefined) {
    const removed = input.log.find((e) => e.tick >= rupture && e.command.type === 'balloon.remove');
    if (!removed) out.push({ id: 'rupture-ignored', label: 'Balloon ruptured and was not removed', tick: rupture });
  }
  if (!f.finished) out.push({ id: 'not-completed', label: 'The procedure was not completed', tick: f.tick });
  return out;
}
