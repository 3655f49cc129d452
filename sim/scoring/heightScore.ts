import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, eventTicks, fmt, type ScoringInput } from './scoringInput';
import { DOMAIN_WEIGHTS } from './weights';

/**
 * Share of lost anterior height worth full marks. Textbook kyphoplasty regains 30-70 % of lost
 * height (Belkoff 2001 ex vivo up to 97 %; clinically 1.5-3.5 mm anterior, Winkelmann 2018), so
 * 40 % regained scores 100. Assumed threshold.
 */
const FULL_MARKS_REGAINED = 0.4;

/** Height domain: % of lost anterior and middle height regained and wedge-angle change. */
export function heightScore(input: ScoringInput): DomainScore {
  const h = input.final.height;
  const lostAnterior = h.intactMm - h.preOpAnteriorMm;
  const lostMiddle = h.intactMm - h.preOpMiddleMm;
  const regainedAnterior = lostAnterior > 0 ? (h.anteriorMm - h.preOpAnteriorMm) / lostAnterior : 0;
  const regainedMiddle = lostMiddle > 0 ? (h.middleMm - h.preOpMiddleMm) / lostMiddle : 0;
  const wedgeChange = h.preOpWedgeDeg - h.wedgeDeg;
  const evidence = [...eventTicks(input, 'balloon.endplateContact'), ...eventTicks(input, 'cement.delivered')];
  const kypho = input.scenario.procedure === 'kyphoplasty';
  const shortfall = Math.max(0, FULL_MARKS_REGAINED - regainedAnterior) / FULL_MARKS_REGAINED;
  const items: ScoreItem[] = [
    {
      label: 'Lost anterior height regained',
      value: fmt(regainedAnterior * 100, '%', 0),
      points: kypho ? -Math.round(shortfall * 100) : 0,
      evidenceTicks: evidence,
    },
    {
      label: 'Lost middle height regained',
      value: fmt(regainedMiddle * 100, '%', 0),
      points: 0,
      evidenceTicks: evidence,
    },
    { label: 'Wedge angle corrected', value: fmt(wedgeChange, 'deg'), points: 0, evidenceTicks: evidence },
  ];
  const total = items.reduce((s, i) => s + i.points, 0);
  // Vertebroplasty does not aim to restore height (Papanastassiou 2012: 1.7 deg), so the domain
  // carries no weight there; it is still reported.
  return {
    id: 'height',
    label: 'Height restoration',
    score: clampScore(100 + total),
    weight: kypho ? DOMAIN_WEIGHTS.height : 0,
    items,
  };
}
