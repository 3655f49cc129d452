import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy';
import { checkCommand } from '../../sim/core/commandSchema';
import type { Command, MeasuredCorners } from '../../sim/core/commands';
import {
  PREOP_IMAGE_PX,
  preopEndplateCorners,
  preopImagingReport,
  renderPreopRadiograph,
  trueWedgeFigures,
  wedgeFromCorners,
} from '../../sim/imaging';
import { createRng } from '../../sim/math';
import { parseAttemptFile, replay, toAttemptFile } from '../../sim/attempt';
import { formatReportText, reportTextHeader } from '../../sim/scoring';
import { scoreAttempt } from '../../sim/scoring/score';
import { ScoreReport } from '../../src/debrief/ScoreReport';
import { createSession } from '../../sim/session/session';
import type { Session } from '../../sim/session/sessionTypes';
import { loadScenario } from './goldenFixtures';

/**
 * The case review's pre-operative standing lateral (rendered from the patient's own anatomy), the
 * MRI/CT report beside it, and the trainee's measurement of the fractured body on it.
 */

const wedge = loadScenario('levels/l1-osteoporotic-wedge.json');
const healed = loadScenario('levels/l3-healed-wedge-facet-pain.json');
const myeloma = loadScenario('levels/l1-myeloma-posterior-wall-defect.json');
const withGrade = (s: Scenario, genantGrade: 1 | 2 | 3, heightLossPct: number): Scenario => ({
  ...s,
  fracture: { ...s.fracture, genantGrade, heightLossPct },
});
const anatomyOf = (s: Scenario, seed = 1) => buildAnatomy(s, createRng(seed));

/**
 * An endplate's direction read off the film, degrees (image y turned up): in each column across the
 * body, the row of the brightest pixel (the cortical edge) between two rows, and a least-squares line
 * through those rows. What a reader's eye does along an endplate.
 */
function edgeAngleDeg(grey: Uint8Array, x0: number, x1: number, top: number, bottom: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = Math.ceil(x0); x <= Math.floor(x1); x += 2) {
    let best = -1;
    let bestY = top;
    for (let y = Math.ceil(top); y <= Math.floor(bottom); y++) {
      const g = grey[y * PREOP_IMAGE_PX + x];
      if (g > best) {
        best = g;
        bestY = y;
      }
    }
    xs.push(x);
    ys.push(bestY);
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return (Math.atan(-sxy / sxx) * 180) / Math.PI;
}

/** The wedge angle of the target body read off the film's edges alone (the corners only bound the search). */
function filmWedgeDeg(grey: Uint8Array, c: MeasuredCorners): number {
  const x0 = c.anteriorSuperior.x + 6;
  const x1 = c.posteriorSuperior.x - 6;
  const superior = edgeAngleDeg(grey, x0, x1, c.posteriorSuperior.y - 8, c.anteriorInferior.y - 12);
  const inferior = edgeAngleDeg(grey, x0, x1, c.anteriorInferior.y - 8, c.anteriorInferior.y + 8);
  return superior - inferior;
}

describe('pre-operative lateral radiograph', () => {
  const anatomy = anatomyOf(withGrade(wedge, 3, 45));
  const film = renderPreopRadiograph(anatomy, 1);

  it('is deterministic for a patient and seed, and its noise is the seed’s own', () => {
    expect(film.grey.length).toBe(PREOP_IMAGE_PX * PREOP_IMAGE_PX);
    expect(renderPreopRadiograph(anatomy, 1).grey).toEqual(film.grey);
    const other = renderPreopRadiograph(anatomy, 2).grey;
    let differing = 0;
    for (let i = 0; i < other.length; i++) if (other[i] !== film.grey[i]) differing++;
    expect(differing).toBeGreaterThan(other.length / 10);
  });

  it('shows the wedge: the angle between the endplates read off the film is the anatomy’s', () => {
    const c = preopEndplateCorners(anatomy);
    for (const p of Object.values(c)) {
      expect(p.x).toBeGreaterThan(20);
      expect(p.x).toBeLessThan(PREOP_IMAGE_PX - 20);
      expect(p.y).toBeGreaterThan(20);
      expect(p.y).toBeLessThan(PREOP_IMAGE_PX - 20);
    }
    // Anterior on the left; a grade 3 wedge has lost far more height in front than behind.
    expect(c.anteriorSuperior.x).toBeLessThan(c.posteriorSuperior.x);
    expect(c.anteriorInferior.y - c.anteriorSuperior.y).toBeLessThan(
      0.7 * (c.posteriorInferior.y - c.posteriorSuperior.y),
    );
    const truth = trueWedgeFigures(anatomy).wedgeDeg;
    expect(truth).toBeGreaterThan(15);
    expect(Math.abs(filmWedgeDeg(film.grey, c) - truth)).toBeLessThan(2);
  });

  it('differs between a Genant 1 and a Genant 3 fracture of the same patient, each film showing its own wedge', () => {
    const mildAnatomy = anatomyOf(withGrade(wedge, 1, 22));
    const mild = renderPreopRadiograph(mildAnatomy, 1).grey;
    const mildTruth = trueWedgeFigures(mildAnatomy).wedgeDeg;
    const mildFilm = filmWedgeDeg(mild, preopEndplateCorners(mildAnatomy));
    expect(Math.abs(mildFilm - mildTruth)).toBeLessThan(2);
    expect(filmWedgeDeg(film.grey, preopEndplateCorners(anatomy)) - mildFilm).toBeGreaterThan(8);
  });

  it('places the true corners so that measuring them gives the anatomy’s wedge and heights', () => {
    for (const [s, grade, loss] of [
      [wedge, 1, 22],
      [wedge, 3, 45],
      [healed, 2, 30],
    ] as const) {
      const a = anatomyOf(withGrade(s, grade, loss), 4);
      const measured = wedgeFromCorners(preopEndplateCorners(a));
      const truth = trueWedgeFigures(a);
      expect(measured.wedgeDeg).toBeCloseTo(truth.wedgeDeg, 6);
      expect(measured.anteriorMm).toBeCloseTo(truth.anteriorMm, 6);
      expect(measured.posteriorMm).toBeCloseTo(truth.posteriorMm, 6);
      expect(measured.heightLossPct).toBeCloseTo(truth.heightLossPct, 6);
      expect(truth.wedgeDeg).toBeGreaterThan(grade === 1 ? 2 : 8);
    }
  });
});

describe('pre-operative MRI and CT report', () => {
  it('reads oedema, walls, pedicles and bone density from the scenario and the anatomy', () => {
    const a = anatomyOf(wedge);
    const r = preopImagingReport(a);
    const target = a.vertebrae[a.targetIndex];
    expect(r.level).toBe('L1');
    expect(r.stirOedema).toBe(true);
    expect(r.posteriorWall).toBe('intact');
    expect(r.endplateCrack).toBe(wedge.fracture.endplateCrack);
    expect(r.cleft).toBe(wedge.fracture.cleft);
    const left = target.pedicles.find((p) => p.side === 'left');
    expect(r.pedicleWidthMm.left).toBeCloseTo(left?.widthMm ?? Number.NaN, 1);
    expect(r.pedicleWidthMm.left).toBeGreaterThan(4);
    expect(r.pedicleWidthMm.right).toBeGreaterThan(4);
    expect(r.tScore).toBe(wedge.patient.tScore);
    expect(r.boneDensity).toBe(wedge.patient.tScore <= -2.5 ? 'osteoporosis' : 'osteopenia');
  });

  it('shows no oedema on a healed fracture, even one the scenario calls recent, and none past 12 weeks', () => {
    expect(preopImagingReport(anatomyOf(healed)).stirOedema).toBe(false);
    const recentButHealed = { ...healed, fracture: { ...healed.fracture, ageWeeks: 4 } };
    expect(preopImagingReport(anatomyOf(recentButHealed)).stirOedema).toBe(false);
    const old = { ...wedge, fracture: { ...wedge.fracture, ageWeeks: 12 } };
    expect(preopImagingReport(anatomyOf(old)).stirOedema).toBe(false);
    const young = { ...wedge, fracture: { ...wedge.fracture, ageWeeks: 11 } };
    expect(preopImagingReport(anatomyOf(young)).stirOedema).toBe(true);
  });

  it('reports a posterior wall defect and the WHO density categories', () => {
    expect(preopImagingReport(anatomyOf(myeloma)).posteriorWall).toBe('defect');
    const density = (tScore: number) =>
      preopImagingReport(anatomyOf({ ...wedge, patient: { ...wedge.patient, tScore } })).boneDensity;
    expect(density(-2.5)).toBe('osteoporosis');
    expect(density(-2.4)).toBe('osteopenia');
    expect(density(-1)).toBe('normal');
  });
});

/** The true corners on the film of the patient a session builds (its own anatomy, not a fresh draw). */
const trueCorners = (s: Scenario, seed: number): MeasuredCorners =>
  preopEndplateCorners(createSession(s, seed).snapshot().anatomy);
const measure = (corners: MeasuredCorners): Command => ({ type: 'case.measure', corners });

describe('the case.measure command', () => {
  const good = trueCorners(wedge, 1);

  it('takes four corners on the film and refuses points off it, non-numbers and missing corners', () => {
    expect(checkCommand(measure(good)).ok).toBe(true);
    const at = (x: number, y: number) => checkCommand(measure({ ...good, posteriorInferior: { x, y } }));
    expect(at(0, PREOP_IMAGE_PX).ok).toBe(true);
    for (const [x, y] of [
      [-1, 10],
      [10, PREOP_IMAGE_PX + 0.5],
      [Number.NaN, 10],
      [Number.POSITIVE_INFINITY, 10],
    ]) {
      const r = at(x, y);
      expect(r.ok, `${x}, ${y}`).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/corners\.posteriorInferior\.[xy]/);
    }
    const { anteriorSuperior: _, ...three } = good;
    expect(checkCommand({ type: 'case.measure', corners: three }).ok).toBe(false);
    expect(checkCommand({ type: 'case.measure', corners: { ...good, extra: { x: 1, y: 1 } } }).ok).toBe(false);
  });

  it('is accepted in case review only, in practice and exam', () => {
    for (const mode of ['practice', 'exam'] as const) {
      const s = createSession(wedge, 1, { mode });
      expect(s.snapshot().allowed).toContain('case.measure');
      expect(s.dispatch(measure(good))).toEqual({ accepted: true });
      for (const item of ['history', 'imaging', 'candidacy'] as const) s.dispatch({ type: 'checklist.tick', item });
      s.dispatch({ type: 'phase.next' });
      expect(s.snapshot().phase).toBe('preOp');
      expect(s.snapshot().allowed).not.toContain('case.measure');
      const refused = s.dispatch(measure(good));
      expect(refused.accepted).toBe(false);
      expect(refused.reason).toMatch(/measured in case review/);
      expect(s.log.filter((e) => e.command.type === 'case.measure')).toHaveLength(1);
    }
  });
});

describe('scoring the measurement', () => {
  const reviewed = (commands: readonly Command[]): Session => {
    const s = createSession(wedge, 1);
    for (const c of commands) expect(s.dispatch(c).accepted).toBe(true);
    for (const item of ['history', 'imaging', 'candidacy'] as const) s.dispatch({ type: 'checklist.tick', item });
    s.dispatch({ type: 'phase.next' });
    s.stepTicks(60);
    return s;
  };
  const score = (s: Session) => scoreAttempt(s.scenario, s.log, s.snapshot());
  const c = trueCorners(wedge, 1);

  it('leaves an attempt without a measurement as it was: no measurement, no measurement metrics', () => {
    const r = score(reviewed([]));
    expect('measurement' in r).toBe(false);
    expect(Object.keys(r.metrics).some((k) => k.startsWith('measure'))).toBe(false);
  });

  it('reports a measurement against the truth, and changes the score only by its process item', () => {
    const without = score(reviewed([]));
    const exact = score(reviewed([measure(c)]));
    expect(exact.measurement?.agrees).toBe(true);
    expect(exact.measurement?.wedgeErrorDeg).toBeCloseTo(0, 1);
    expect(exact.measurement?.truth.wedgeDeg).toBeGreaterThan(5);
    expect(exact.metrics.measurementAgrees).toBe(true);
    // Every domain but process, the serious and the critical errors are the same (scoringMeasurement.test.ts
    // checks the item's points).
    const others = (r: typeof exact) => r.domains.filter((d) => d.id !== 'process');
    expect(others(exact)).toEqual(others(without));
    expect(exact.seriousErrors).toEqual(without.seriousErrors);
    expect(exact.criticalErrors).toEqual(without.criticalErrors);
    expect(exact.total).toBeGreaterThan(without.total);
  });

  it('judges the last measurement: a flat reading of a wedge is off, then corrected', () => {
    // The superior corners at the inferior ones' spacing: a rectangle, no wedge, no height loss.
    const h = c.posteriorInferior.y - c.posteriorSuperior.y;
    const flat: MeasuredCorners = { ...c, anteriorSuperior: { x: c.anteriorSuperior.x, y: c.anteriorInferior.y - h } };
    const off = score(reviewed([measure(flat)])).measurement;
    expect(off?.agrees).toBe(false);
    expect(off?.measured.wedgeDeg).toBeCloseTo(0, 6);
    expect(off?.wedgeErrorDeg).toBeLessThan(-5);
    const corrected = score(reviewed([measure(flat), measure(c)])).measurement;
    expect(corrected?.agrees).toBe(true);
  });

  it('is named in the text report and the debrief, and only when made', () => {
    const s = reviewed([measure(c)]);
    const r = score(s);
    const text = formatReportText(r, reportTextHeader(s, s.tick));
    expect(text).toMatch(/Pre-operative lateral measured: wedge \d+\.\d deg \(true \d+\.\d\), height loss .* agrees/);
    const html = renderToStaticMarkup(createElement(ScoreReport, { report: r, onEvidence: () => {}, selected: null }));
    expect(html).toContain('data-testid="debrief-measurement"');
    const without = score(reviewed([]));
    expect(formatReportText(without, reportTextHeader(s, s.tick))).not.toMatch(/Pre-operative lateral/);
    expect(
      renderToStaticMarkup(createElement(ScoreReport, { report: without, onEvidence: () => {}, selected: null })),
    ).not.toContain('debrief-measurement');
  });

  it('replays from its attempt file to the same measurement', () => {
    const s = reviewed([measure(c)]);
    const file = parseAttemptFile(JSON.parse(JSON.stringify(toAttemptFile(s, 'test'))));
    expect(file.log[0]?.command).toEqual(measure(c));
    const again = replay(file.scenario, file.seed, file.log, file.endTick, file.mode);
    expect(score(again)).toEqual(score(s));
    expect(score(again).measurement?.agrees).toBe(true);
  });
});
