import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, eventTicks, fmt, type ScoringInput } from './scoringInput';

/**
 * Fluoroscopy time that costs nothing: published single-level kyphoplasty needs 5.7 +/- 2.0 min
 * (Kopparapu 2021), 4-6 min per level (Mroz 2008); we credit doing better than the mean.
 */
const FREE_FLUORO_S = 4 * 60;
/** Points per minute beyond that. */
const POINTS_PER_EXTRA_MIN = 10;

/** Radiation domain: fluoro time, shots, DAP and hand in the beam. */
export function radiationScore(input: ScoringInput): DomainScore {
  const d = input.final.dose;
  const exposures = commandTicks(input, 'fluoro.expose');
  const extraMin = Math.max(0, d.fluoroTimeS - FREE_FLUORO_S) / 60;
  const hand = eventTicks(input, 'handInBeam');
  const items: ScoreItem[] = [
    {
      label: 'Fluoroscopy time',
      value: fmt(d.fluoroTimeS / 60, 'min', 2),
      points: -Math.round(extraMin * POINTS_PER_EXTRA_MIN * 10) / 10,
      evidenceTicks: exposures,
    },
    { label: 'Shots (AP / lateral)', value: `${d.shots.AP} / ${d.shots.lateral}`, points: 0, evidenceTicks: exposures },
    { label: 'Dose-area product', value: fmt(d.dapGyCm2, 'Gy cm2', 2), points: 0, evidenceTicks: exposures },
    { label: 'Reference air kerma', value: fmt(d.airKermaMGy, 'mGy', 0), points: 0, evidenceTicks: exposures },
    {
      label: 'Hand in the beam',
      value: fmt(d.handInBeamS, 's'),
      points: hand.length ? -Math.min(30, 10 + 2 * d.handInBeamS) : 0,
      evidenceTicks: hand,
    },
  ];
  const total = items.reduce((s, i) => s + i.points, 0);
  return { id: 'radiation', label: 'Radiation', score: clampScore(100 + total), weight: 0.1, items };
}
