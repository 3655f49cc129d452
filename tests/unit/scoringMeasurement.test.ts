import { readdirSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../levels/scenarioSchema';
import { trueWedgeFigures, wedgeFromCorners } from '../../sim/imaging';
import { buildAnatomy } from '../../sim/anatomy';
import { createRng } from '../../sim/math';
import { type Plan, runPlan } from '../../sim/plan';
import { cornersWithError } from '../../sim/plan/measureStep';
import { scoreAttempt } from '../../sim/scoring';
import type { ScoreReport as Report, WedgeMeasurement } from '../../sim/scoring/types';
import {
  HEIGHT_LOSS_TOLERANCE_PCT,
  MEASUREMENT_ITEM_LABEL,
  measurementCredit,
  measurementItem,
  measurementScored,
  WEDGE_TOLERANCE_DEG,
} from '../../sim/scoring/wedgeMeasurementScore';
import { DOMAIN_WEIGHTS, MEASUREMENT_POINTS } from '../../sim/scoring/weights';
import { ScoreReport } from '../../src/debrief/ScoreReport';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The case-review measurement of the wedge as a scored item of the process domain
 * (sim/scoring/README.md, "Case-review measurement"): its graded rule, the cases it is not charged
 * on, and what a missing measurement costs a whole attempt.
 */

const wedge = loadScenario('levels/l1-osteoporotic-wedge.json');
const biconcave = loadScenario('levels/t12-biconcave-vertebroplasty.json');
const warfarin = loadScenario('levels/t11-warfarin-uncorrected-inr.json');
const textbookKp = loadPlan('levels/plans/textbook-kyphoplasty.json');
const textbookVp = loadPlan('levels/plans/textbook-vertebroplasty.json');
const declinePlan = loadPlan('levels/plans/decline-at-case-review.json');

const withoutMeasuring = (plan: Plan): Plan => ({ ...plan, steps: plan.steps.filter((s) => !('measure' in s)) });
const measuringWith = (plan: Plan, errorDeg: number): Plan => ({
  ...plan,
  steps: plan.steps.map((s) => ('measure' in s ? { measure: { errorDeg } } : s)),
});
const scored = (scenario: Scenario, seed: number, plan: Plan): Report => {
  const s = runPlan(scenario, seed, plan);
  return scoreAttempt(s.scenario, s.log, s.snapshot());
};
const processOf = (r: Report) => r.domains.find((d) => d.id === 'process');
const itemOf = (r: Report) => processOf(r)?.items.find((i) => i.label === MEASUREMENT_ITEM_LABEL);

/** A measurement off by these errors (the rest of it does not enter the points). */
const reading = (wedgeErrorDeg: number, heightLossErrorPct: number): WedgeMeasurement => ({
  tick: 7,
  measured: { anteriorMm: 15, posteriorMm: 22, wedgeDeg: 14 + wedgeErrorDeg, heightLossPct: 32 + heightLossErrorPct },
  truth: { anteriorMm: 15, posteriorMm: 22, wedgeDeg: 14, heightLossPct: 32 },
  wedgeErrorDeg,
  heightLossErrorPct,
  agrees: Math.abs(wedgeErrorDeg) <= WEDGE_TOLERANCE_DEG && Math.abs(heightLossErrorPct) <= HEIGHT_LOSS_TOLERANCE_PCT,
});

describe('the graded rule', () => {
  it('keeps full credit up to the tolerance and loses it linearly to none at twice the tolerance', () => {
    expect(MEASUREMENT_POINTS).toBe(10);
    expect(measurementCredit(0, 0)).toBe(1);
    expect(measurementCredit(WEDGE_TOLERANCE_DEG, 0)).toBe(1);
    expect(measurementCredit(0, -HEIGHT_LOSS_TOLERANCE_PCT)).toBe(1);
    expect(measurementCredit(1.5 * WEDGE_TOLERANCE_DEG, 0)).toBeCloseTo(0.5, 12);
    expect(measurementCredit(-1.2 * WEDGE_TOLERANCE_DEG, 0)).toBeCloseTo(0.8, 12);
    expect(measurementCredit(0, 1.5 * HEIGHT_LOSS_TOLERANCE_PCT)).toBeCloseTo(0.5, 12);
    expect(measurementCredit(2 * WEDGE_TOLERANCE_DEG, 0)).toBe(0);
    expect(measurementCredit(0, 2 * HEIGHT_LOSS_TOLERANCE_PCT)).toBe(0);
    expect(measurementCredit(30, 50)).toBe(0);
  });

  it('judges by the worse of the two errors, each over its own tolerance', () => {
    // Wedge within half its tolerance, height loss 1.5 tolerances off: half credit.
    expect(measurementCredit(2.5, 15)).toBeCloseTo(0.5, 12);
    expect(measurementCredit(7.5, 5)).toBeCloseTo(0.5, 12);
    expect(measurementCredit(6, 16)).toBeCloseTo(measurementCredit(0, 16), 12);
  });

  it('is continuous: no step of points between two nearly equal readings', () => {
    for (let e = 0; e < 12; e += 0.01) {
      expect(Math.abs(measurementCredit(e + 0.01, 0) - measurementCredit(e, 0))).toBeLessThanOrEqual(0.01 / 5 + 1e-12);
    }
  });

  it('gives the item its points: 0 at no error and at the tolerance, -5 at 1.5 tolerances, -10 beyond, -10 when missing', () => {
    const input = { scenario: wedge };
    const points = (m: WedgeMeasurement | null) => measurementItem(input, m)?.points;
    expect(Object.is(points(reading(0, 0)), 0)).toBe(true);
    expect(Object.is(points(reading(WEDGE_TOLERANCE_DEG, -HEIGHT_LOSS_TOLERANCE_PCT)), 0)).toBe(true);
    expect(points(reading(7.5, 0))).toBeCloseTo(-5, 12);
    expect(points(reading(-12, 3))).toBe(-10);
    expect(points(null)).toBe(-10);
    expect(measurementItem(input, null)).toEqual({
      label: MEASUREMENT_ITEM_LABEL,
      value: 'missed',
      points: -10,
      evidenceTicks: [],
    });
    const item = measurementItem(input, reading(-0.04, 1.26));
    expect(item?.value).toBe('wedge 0.0 deg, height loss +1.3 pts');
    expect(item?.evidenceTicks).toEqual([7]);
  });
});

describe('the cases it is charged on', () => {
  it('charges every case to operate on whose fracture the corners read; not a case to decline, not a biconcave body', () => {
    const files = readdirSync('levels').filter((f) => f.endsWith('.json'));
    const unscored = files.filter((f) => !measurementScored(loadScenario(`levels/${f}`))).sort();
    expect(unscored).toEqual([
      'l3-healed-wedge-facet-pain.json',
      'l4-biconcave-bipedicular.json',
      'l4-disc-pain-decline.json',
      't11-warfarin-uncorrected-inr.json',
      't12-biconcave-vertebroplasty.json',
      't12-discitis-decline.json',
    ]);
    // A biconcave body's heights agree at both walls: four corners read no wedge and no loss.
    const flat = trueWedgeFigures(buildAnatomy(biconcave, createRng(1)));
    expect(flat.wedgeDeg).toBeCloseTo(0, 9);
    expect(flat.heightLossPct).toBeCloseTo(0, 9);
  });

  it('does not charge a biconcave case: no item, the same report with or without a measurement', () => {
    const measured = scored(biconcave, 3, textbookVp);
    const skipped = scored(biconcave, 3, withoutMeasuring(textbookVp));
    expect(measured.measurement).toBeDefined();
    expect(itemOf(measured)).toBeUndefined();
    expect(itemOf(skipped)).toBeUndefined();
    expect(measured.domains).toEqual(skipped.domains);
    expect(measured.total).toBe(skipped.total);
  });

  it('does not charge a case to decline, operated on or declined', () => {
    const operated = scored(warfarin, 5, withoutMeasuring(textbookVp));
    expect(operated.criticalErrors.map((e) => e.id)).toContain('operated-not-indicated');
    expect(itemOf(operated)).toBeUndefined();
    expect(operated.total).toBe(scored(warfarin, 5, textbookVp).total);
    const declined = scored(warfarin, 5, declinePlan);
    expect(declined.measurement).toBeUndefined();
    expect(declined.domains).toEqual([]);
    expect(declined.total).toBe(100);
    expect(declined.passed).toBe(true);
    const measuredThenDeclined = scored(warfarin, 5, {
      ...declinePlan,
      steps: [{ measure: { errorDeg: 15 } }, ...declinePlan.steps],
    });
    expect(measuredThenDeclined.measurement?.agrees).toBe(false);
    expect(measuredThenDeclined.total).toBe(100);
    expect(measuredThenDeclined.passed).toBe(true);
  });
});

describe('a whole attempt', () => {
  const measured = scored(wedge, 42, textbookKp);
  const skipped = scored(wedge, 42, withoutMeasuring(textbookKp));

  it('loses exactly the item’s points without a measurement, and nothing else', () => {
    expect(itemOf(measured)?.points).toBe(0);
    expect(itemOf(skipped)).toEqual({ label: MEASUREMENT_ITEM_LABEL, value: 'missed', points: -10, evidenceTicks: [] });
    expect((processOf(measured)?.score ?? 0) - (processOf(skipped)?.score ?? 0)).toBe(MEASUREMENT_POINTS);
    const others = (r: Report) => r.domains.filter((d) => d.id !== 'process');
    expect(others(skipped)).toEqual(others(measured));
    expect(skipped.seriousErrors).toEqual(measured.seriousErrors);
    // Kyphoplasty's weights sum to 1: 10 points of process at weight 0.1 are 1 point of the total.
    const weightSum = measured.domains.reduce((s, d) => s + d.weight, 0);
    const expected = (MEASUREMENT_POINTS * DOMAIN_WEIGHTS.process) / weightSum;
    expect(expected).toBeCloseTo(1, 12);
    expect(measured.domainTotal - skipped.domainTotal).toBeCloseTo(expected, 9);
    expect(measured.total - skipped.total).toBeCloseTo(expected, 9);
  });

  it('loses part of the item for a reading off by more than the tolerance (the plan step measures with its error)', () => {
    const off = scored(wedge, 42, measuringWith(textbookKp, 6));
    expect(off.measurement?.wedgeErrorDeg).toBeCloseTo(6, 1);
    const m = off.measurement as WedgeMeasurement;
    const expectedPoints = Math.round(-10 * (1 - measurementCredit(m.wedgeErrorDeg, m.heightLossErrorPct)) * 10) / 10;
    expect(expectedPoints).toBeLessThan(0);
    expect(expectedPoints).toBeGreaterThan(-10);
    expect(itemOf(off)?.points).toBe(expectedPoints);
    expect(itemOf(off)?.evidenceTicks).toEqual([off.measurement?.tick]);
  });

  it('is shown in the debrief as a process item, with the measurement saying how it counted', () => {
    const html = (r: Report) =>
      renderToStaticMarkup(createElement(ScoreReport, { report: r, onEvidence: () => {}, selected: null }));
    const withItem = html(measured);
    expect(withItem).toContain(MEASUREMENT_ITEM_LABEL);
    expect(withItem).toContain('Scored in Process: no points lost');
    expect(html(skipped)).toMatch(
      new RegExp(`${MEASUREMENT_ITEM_LABEL}</td><td class="num">missed</td><td class="num">-10.0`),
    );
    expect(html(scored(biconcave, 3, textbookVp))).toContain('Feedback only');
  });
});

describe('the plan step', () => {
  it('measures the true corners with the superior endplate turned by the operator’s error', () => {
    const anatomy = buildAnatomy(wedge, createRng(3));
    const truth = trueWedgeFigures(anatomy);
    for (const errorDeg of [-6, -1, 0, 1, 2.5, 9]) {
      const m = wedgeFromCorners(cornersWithError(anatomy, errorDeg));
      expect(m.wedgeDeg - truth.wedgeDeg).toBeCloseTo(errorDeg, 1);
    }
    const exact = wedgeFromCorners(cornersWithError(anatomy, 0));
    expect(exact.heightLossPct).toBeCloseTo(truth.heightLossPct, 0);
    // More wedge read than there is: more height loss too (the anterior corner drawn low).
    expect(wedgeFromCorners(cornersWithError(anatomy, 3)).heightLossPct).toBeGreaterThan(truth.heightLossPct + 3);
  });
});
