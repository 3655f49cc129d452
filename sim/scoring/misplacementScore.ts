import type { BreachWall } from '../core/events';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, eventTicks, fmt, type ScoringInput } from './scoringInput';
import { DOMAIN_WEIGHTS } from './weights';

/**
 * Points per breach: a fixed part plus a part per mm of depth. Medial (canal) and inferior
 * (foramen, exiting root) walls are the dangerous ones (docs/clinical-sources.md Technique, safety
 * rule); lateral breaches mostly cost a missed pedicle. Assumed weights.
 */
const BREACH_POINTS: Readonly<Record<BreachWall, { base: number; perMm: number }>> = {
  medial: { base: 30, perMm: 10 },
  inferior: { base: 25, perMm: 8 },
  superior: { base: 10, perMm: 4 },
  endplate: { base: 10, perMm: 4 },
  lateral: { base: 10, perMm: 4 },
  anterior: { base: 15, perMm: 5 },
  // A pneumothorax risk at thoracic levels: as serious as a foraminal breach (assumed).
  pleura: { base: 25, perMm: 8 },
};

/** Misplacement domain: breaches by wall and depth, the safety rule, reaching the target, redirections. */
export function misplacementScore(input: ScoringInput): DomainScore {
  const items: ScoreItem[] = [];
  const breachEvents = input.final.events.filter((e) => e.event.type === 'needle.breach');
  const trocars = input.final.trocars;
  for (const b of trocars.flatMap((t) => t.breaches)) {
    const w = BREACH_POINTS[b.wall];
    const ticks = breachEvents
      .filter((e) => e.event.type === 'needle.breach' && e.event.wall === b.wall)
      .map((e) => e.tick);
    items.push({
      label: `${b.wall} wall breach`,
      value: fmt(b.depthMm, 'mm'),
      points: -(w.base + w.perMm * b.depthMm),
      evidenceTicks: ticks.length ? ticks : [b.tick],
    });
  }
  const violations = eventTicks(input, 'needle.safetyRuleViolated');
  items.push({
    label: 'Safety rule (medial wall on AP before posterior wall on lateral)',
    value: violations.length ? 'violated' : 'kept',
    points: violations.length ? -30 : 0,
    evidenceTicks: violations,
  });
  const missed = eventTicks(input, 'needle.missedPedicle');
  // A pass that goes by the pedicle has to be withdrawn and redone: time, dose and tissue damage (assumed weight).
  items.push({
    label: 'Pedicle missed on a pass',
    value: String(missed.length),
    points: -10 * missed.length,
    evidenceTicks: missed,
  });
  const target = eventTicks(input, 'needle.inTargetZone');
  items.push({
    label: 'Tip reached the anterior-third target zone',
    value: target.length ? 'yes' : 'no',
    points: target.length ? 0 : -15,
    evidenceTicks: target,
  });
  const redirections = trocars.reduce((n, t) => n + t.redirections, 0);
  const aims = input.log.filter((e) => e.command.type === 'needle.aim').map((e) => e.tick);
  items.push({
    label: 'Redirections inside bone',
    value: String(redirections),
    points: -5 * redirections,
    evidenceTicks: redirections ? aims : [],
  });
  const total = items.reduce((s, i) => s + i.points, 0);
  return {
    id: 'misplacement',
    label: 'Needle placement',
    score: clampScore(100 + total),
    weight: DOMAIN_WEIGHTS.misplacement,
    items: items.map(roundPoints),
  };
}

const roundPoints = (i: ScoreItem): ScoreItem => ({ ...i, points: Math.round(i.points * 10) / 10 });
