import type { CementPhase } from '../core/events';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { commandTicks, fmt, type ScoringInput } from './scoringInput';
import { scoreByLevel } from './levelInputs';
import { cementPhaseAt, volumeWindowMl } from './attemptFacts';
import { DOMAIN_WEIGHTS } from './weights';

/**
 * Points for the cement phase at the first push: working-phase (dough) cement leaks least
 * (docs/clinical-sources.md: low viscosity OR 3.3 for leakage; Habib: 4.0 g at 3.5 min vs 2.6 g at 9.5 min).
 */
const PHASE_POINTS: Readonly<Record<CementPhase, number>> = {
  unmixed: -40,
  liquid: -30,
  sticky: -10,
  working: 0,
  setting: -20,
  set: -40,
};

/** Cement pushed between two images beyond this is pushed blind (assumed: 0.5-1 mL increments under lateral fluoroscopy). */
const BLIND_FREE_ML = 1;

/**
 * Cement domain: phase at injection, delivered volume, injection watched on images, and where the
 * cement lies; for each treated level when there are two (levelInputs.ts).
 */
export function cementScore(input: ScoringInput): DomainScore {
  const { items, score } = scoreByLevel(input, cementItems);
  return { id: 'cement', label: 'Cement', score, weight: DOMAIN_WEIGHTS.cement, items };
}

/** The cement items of one level. */
function cementItems(input: ScoringInput): ScoreItem[] {
  const injections = commandTicks(input, 'cement.inject');
  const first = injections[0];
  const firstPhase = first === undefined ? 'unmixed' : cementPhaseAt(input, first);
  const c = input.final.cement;
  const [lo, hi] = volumeWindowMl(input.scenario.level, input.scenario.approach);
  const volumeOff = c.inBodyMl < lo ? lo - c.inBodyMl : c.inBodyMl > hi ? c.inBodyMl - hi : 0;
  const safetyStop = c.inBodyMl < lo ? stoppedForSafety(input, injections[injections.length - 1]) : null;
  const items: ScoreItem[] = [
    {
      label: 'Cement phase at first push',
      value: first === undefined ? 'no injection' : firstPhase,
      points: first === undefined ? -100 : PHASE_POINTS[firstPhase],
      evidenceTicks: first === undefined ? [] : [first],
    },
    {
      label: `Cement in the body (target ${lo}-${hi} mL)`,
      value: safetyStop ? `${fmt(c.inBodyMl, 'mL', 2)}, stopped for safety: ${safetyStop}` : fmt(c.inBodyMl, 'mL', 2),
      points: safetyStop ? 0 : -Math.round(volumeOff * 15 * 10) / 10,
      evidenceTicks: injections,
    },
  ];
  if (first !== undefined) {
    const blind = Math.max(0, c.maxUnimagedMl - BLIND_FREE_ML);
    items.push({
      label: `Most cement pushed between two images (up to ${BLIND_FREE_ML} mL)`,
      value: fmt(c.maxUnimagedMl, 'mL', 2),
      points: -Math.min(30, Math.round(blind * 10 * 10) / 10),
      evidenceTicks: injections,
    });
    // Fill distribution (assumed teaching points): across the midline, and endplate to endplate.
    const d = c.distribution;
    items.push({
      label: 'Cement crosses the midline',
      value: d.crossesMidline ? 'yes' : 'no',
      points: d.crossesMidline ? 0 : -5,
      evidenceTicks: injections,
    });
    const both = d.touchesSuperiorEndplate && d.touchesInferiorEndplate;
    items.push({
      label: 'Cement reaches both endplates',
      value: both ? 'yes' : 'no',
      points: both ? 0 : -5,
      evidenceTicks: injections,
    });
  }
  return items;
}

/** The front at or past this share of the body's depth on the lateral view is at the posterior limit (the textbook stop). */
const POSTERIOR_LIMIT = 0.9;
/** With a broken posterior wall the stop comes earlier: the posterior quarter. */
const POSTERIOR_LIMIT_WALL_DEFECT = 0.75;

/**
 * Why an injection that ended short of the volume window ended, when the reason is one the
 * technique demands: a leak the operator saw on an image taken after the last push, or a lateral
 * image after the last push showing the cement front at the posterior limit (the posterior quarter
 * when the case shows a broken wall). Stopping then is the right act, so the shortfall is reported
 * but costs nothing; the leak itself is scored in the leakage domain. Null when neither holds.
 */
function stoppedForSafety(input: ScoringInput, lastPush: number | undefined): string | null {
  if (lastPush === undefined) return null;
  const f = input.final;
  if (f.cement.leaks.some((l) => l.seenTick !== null && l.seenTick >= lastPush)) return 'a leak on the image';
  const lateralAfter = f.events.some(
    (e) => e.tick >= lastPush && e.event.type === 'image.acquired' && e.event.view === 'lateral',
  );
  const limit = input.scenario.fracture.posteriorWallDefect ? POSTERIOR_LIMIT_WALL_DEFECT : POSTERIOR_LIMIT;
  if (lateralAfter && (f.cement.distribution.posteriorReach ?? 0) >= limit) return 'the front at the posterior limit';
  return null;
}
