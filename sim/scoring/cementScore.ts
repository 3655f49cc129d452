import type { CementPhase } from '../core/events';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, fmt, type ScoringInput } from './scoringInput';
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

/** Cement domain: phase at injection, delivered volume, injection watched on images, and where the cement lies. */
export function cementScore(input: ScoringInput): DomainScore {
  const injections = commandTicks(input, 'cement.inject');
  const first = injections[0];
  const firstPhase = first === undefined ? 'unmixed' : cementPhaseAt(input, first);
  const c = input.final.cement;
  const [lo, hi] = volumeWindowMl(input.scenario.level);
  const volumeOff = c.inBodyMl < lo ? lo - c.inBodyMl : c.inBodyMl > hi ? c.inBodyMl - hi : 0;
  const items: ScoreItem[] = [
    {
      label: 'Cement phase at first push',
      value: first === undefined ? 'no injection' : firstPhase,
      points: first === undefined ? -100 : PHASE_POINTS[firstPhase],
      evidenceTicks: first === undefined ? [] : [first],
    },
    {
      label: `Cement in the body (target ${lo}-${hi} mL)`,
      value: fmt(c.inBodyMl, 'mL', 2),
      points: -Math.round(volumeOff * 15 * 10) / 10,
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
  const total = items.reduce((s, i) => s + i.points, 0);
  return { id: 'cement', label: 'Cement', score: clampScore(100 + total), weight: DOMAIN_WEIGHTS.cement, items };
}
