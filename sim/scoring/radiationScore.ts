import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, fmt, type ScoringInput } from './scoringInput';
import { imagesByStage, STAGES } from './stages';
import {
  DOMAIN_WEIGHTS,
  FLUORO_FREE_RATIO,
  FLUORO_NORM_S,
  FLUORO_POINTS_PER_RATIO,
  OPEN_SHUTTER_FRACTION,
} from './weights';
import { DETECTOR_DIAMETER_MM, SOURCE_TO_IMAGE_MM, SOURCE_TO_ISOCENTRE_MM } from '../imaging/carmPose';
import { IRP_OFFSET_MM } from '../imaging/dose';

/** Points for a figure that is `ratio` times its reference: free up to FLUORO_FREE_RATIO, then linear. */
const excessPoints = (ratio: number, perRatio: number, cap: number): number =>
  -Math.min(cap, Math.round(Math.max(0, ratio - FLUORO_FREE_RATIO) * perRatio * 10) / 10);

/**
 * Radiation domain: fluoroscopy time, dose-area product and images against the expert reference
 * set on this case (scenario.scoring.expertReference) or, without one, the published norms; the
 * images per stage; collimation. The hand in the beam and continuous screening are serious errors
 * (seriousErrors.ts); the 2 Gy skin dose a critical one.
 */
export function radiationScore(input: ScoringInput): DomainScore {
  const d = input.final.dose;
  const exposures = commandTicks(input, 'fluoro.expose');
  const ref = input.scenario.scoring.expertReference;
  const norm = FLUORO_NORM_S[input.scenario.procedure];
  const refTimeS = ref?.fluoroTimeS ?? norm.mean;
  const against = ref ? 'the expert reference on this case' : 'the published mean';
  const items: ScoreItem[] = [
    {
      label: `Fluoroscopy time (against ${against}, ${(refTimeS / 60).toFixed(1)} min)`,
      value: `${fmt(d.fluoroTimeS / 60, 'min', 2)} (${(d.fluoroTimeS / refTimeS).toFixed(1)}x)`,
      points: excessPoints(d.fluoroTimeS / refTimeS, FLUORO_POINTS_PER_RATIO, 40),
      evidenceTicks: exposures,
    },
  ];
  if (ref) {
    items.push({
      label: `Dose-area product (expert reference ${ref.dapGyCm2.toFixed(2)} Gy cm2)`,
      value: `${fmt(d.dapGyCm2, 'Gy cm2', 2)} (${(d.dapGyCm2 / ref.dapGyCm2).toFixed(1)}x)`,
      points: excessPoints(d.dapGyCm2 / ref.dapGyCm2, FLUORO_POINTS_PER_RATIO, 30),
      evidenceTicks: exposures,
    });
    const shots = d.shots.AP + d.shots.lateral;
    items.push({
      label: `Images (expert reference ${ref.shots})`,
      value: `${shots} (${(shots / ref.shots).toFixed(1)}x)`,
      points: excessPoints(shots / ref.shots, 15, 20),
      evidenceTicks: exposures,
    });
    if (ref.shotsByStage) {
      const mine = imagesByStage(input);
      const over = STAGES.filter((s) => mine[s] > 2 * (ref.shotsByStage?.[s] ?? 0) + 2);
      items.push({
        label: 'Stages with more than twice the expert images (plus two)',
        value: over.length ? over.map((s) => `${s} ${mine[s]}`).join(', ') : 'none',
        points: -5 * over.length,
        evidenceTicks: over.length ? exposures : [],
      });
    }
  } else {
    items.push({
      label: 'Images (AP / lateral)',
      value: `${d.shots.AP} / ${d.shots.lateral}`,
      points: 0,
      evidenceTicks: exposures,
    });
  }
  // Mean exposed field from DAP / kerma (both at the reference point), against the full II field there.
  const openFraction = d.airKermaMGy > 0 ? meanFieldFraction(d.dapGyCm2, d.airKermaMGy) : 0;
  items.push({
    label: 'Collimation (mean exposed field / full field)',
    value: fmt(openFraction * 100, '%', 0),
    points: openFraction >= OPEN_SHUTTER_FRACTION ? -15 : 0,
    evidenceTicks: openFraction >= OPEN_SHUTTER_FRACTION ? exposures : [],
  });
  const worstSkin = Math.max(d.skinDoseByViewMGy.AP, d.skinDoseByViewMGy.lateral);
  items.push({
    label: 'Entrance skin dose, most exposed field',
    value: fmt(worstSkin, 'mGy', 0),
    points: 0,
    evidenceTicks: exposures,
  });
  items.push({ label: 'Hand in the primary beam', value: fmt(d.handInBeamS, 's'), points: 0, evidenceTicks: [] });
  const total = items.reduce((s, i) => s + i.points, 0);
  return {
    id: 'radiation',
    label: 'Radiation',
    score: clampScore(100 + total),
    weight: DOMAIN_WEIGHTS.radiation,
    items,
  };
}

/**
 * The mean exposed field as a fraction of the full round II field: DAP / kerma is the mean field
 * area at the reference point (cm2, both measured there), and the full field there is the detector
 * circle scaled back from the image distance (sim/imaging/dose.ts geometry).
 */
function meanFieldFraction(dapGyCm2: number, kermaMGy: number): number {
  const meanFieldCm2 = (dapGyCm2 * 1000) / kermaMGy;
  const scale = (SOURCE_TO_ISOCENTRE_MM - IRP_OFFSET_MM) / SOURCE_TO_IMAGE_MM;
  const fullCm2 = Math.PI * ((DETECTOR_DIAMETER_MM / 20) * scale) ** 2;
  return Math.min(1, meanFieldCm2 / fullCm2);
}
