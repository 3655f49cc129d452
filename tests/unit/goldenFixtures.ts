import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { planSchema, type Plan } from '../../sim/plan/planSchema';
import type { LeakLocation } from '../../sim/core/events';
import type { DomainId } from '../../sim/scoring/types';

/**
 * What a golden attempt is known to score ("a set of replays with known domain scores and
 * critical errors"). Written by hand from the rubric (sim/scoring/README.md, sim/scoring/*Score.ts),
 * not copied from the recording: goldenScores.test.ts checks the recorded report, and the CLI's, against it.
 */
export interface GoldenExpectation {
  /** The weighted mean of the domain scores less the serious errors' points, one decimal (score.ts). */
  readonly total: number;
  readonly passed: boolean;
  /** Ids of the critical errors (criticalErrors.ts), sorted. */
  readonly criticalErrors: readonly string[];
  /** The serious errors (seriousErrors.ts) in the report's order, with the points each takes off the total. */
  readonly seriousErrors: readonly { readonly id: string; readonly points: number }[];
  /** Each domain's score, 0-100, one decimal. */
  readonly domains: Readonly<Record<DomainId, number>>;
}

/**
 * Where the cement went: a clean fill (no leak, at least 4 mL in the body), no cement injected at
 * all, or leaks at exactly these locations (sorted).
 */
export type GoldenCement = 'clean fill' | 'no cement' | readonly LeakLocation[];

export interface GoldenCase {
  readonly name: string;
  readonly scenario: string;
  readonly plan: string;
  readonly seed: number;
  readonly cement: GoldenCement;
  readonly expected: GoldenExpectation;
}

/**
 * Golden cases: scenario + plan + seed, with their known outcome. The recorded attempt and full
 * report live in tests/fixtures/golden/ (re-record with `npx tsx scripts/updateGolden.ts [name...]`).
 * The first four run the expert (textbook) plans of levels/plans/; the others are error plans kept
 * in tests/fixtures/plans/, each one mistake on a textbook plan. Comments give the rubric's sums
 * (points as the report rounds them to 0.1; a domain score is 100 plus the unrounded sum, clamped
 * to 0-100 and rounded to 0.1). Vertebroplasty gives height no weight (its score is still reported).
 */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  {
    name: 'textbook-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'levels/plans/textbook-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // Nothing costs a point: no leak, no breach, target reached, 40 % of the lost anterior height
    // regained or more, 0.4 min of fluoroscopy, working-phase cement 4.97 mL, full checklist.
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      domains: { leakage: 100, misplacement: 100, height: 100, radiation: 100, cement: 100, process: 100 },
    },
  },
  {
    name: 'textbook-vertebroplasty-t12-seed3',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: ['intradiscal'],
    expected: {
      // (0.25 x 96.9 + 0.25 x 100 + 0.1 x 100 + 0.1 x 71.3 + 0.15 x 90) / 0.85 = 93.9
      total: 93.9,
      passed: true,
      criticalErrors: [],
      domains: {
        leakage: 96.9, // disc leak 0.078 mL x1 x40 = -3.1; injection stopped at it
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        // 0.28 min of fluoroscopy; no hand in the beam (the plan waits 1 s after docking, so the hand
        // push has settled before the AP shot).
        radiation: 100,
        cement: 71.3, // stopped at the leak with 0.42 mL in the body, 1.58 mL under the thoracic 2 mL: -23.7; not across the midline -5
        process: 90, // same-day discharge after a leak (overnight expected) -10
      },
    },
  },
  {
    name: 'textbook-kyphoplasty-bipedicular-l2-seed42',
    scenario: 'levels/l2-osteoporotic-wedge-bipedicular.json',
    plan: 'levels/plans/textbook-kyphoplasty-bipedicular.json',
    seed: 42,
    cement: 'clean fill',
    // Nothing costs a point (5.5 mL of cement in the body, 0.58 min of fluoroscopy).
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      domains: { leakage: 100, misplacement: 100, height: 100, radiation: 100, cement: 100, process: 100 },
    },
  },
  {
    name: 'vertebroplasty-posterior-wall-defect-l1-seed3',
    scenario: 'levels/l1-myeloma-posterior-wall-defect.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: ['epidural'],
    expected: {
      // (0.25 x 30.2 + 0.25 x 100 + 0.1 x 100 + 0.1 x 100 + 0.15 x 90) / 0.85 = 77.7: above the pass
      // score of 70, failed by the critical error (epidural leak 0.44 mL >= 0.3 mL) whatever the technique.
      total: 77.7,
      passed: false,
      criticalErrors: ['canal-leak'],
      domains: {
        leakage: 30.2, // epidural leak through the posterior-wall defect 0.436 mL x4 x40 = -69.8
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100,
        cement: 100,
        process: 90, // same-day discharge after a leak -10
      },
    },
  },
  {
    name: 'medial-breach-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/medial-breach-kyphoplasty.json',
    seed: 42,
    cement: ['epidural'],
    expected: {
      // 0.25 x 60.7 + 0.25 x 3.6 + 0.15 x 100 + 0.1 x 100 + 0.1 x 100 + 0.15 x 100 = 66.1; failed by the breach.
      total: 66.1,
      passed: false,
      criticalErrors: ['medial-breach'], // 3.1 mm >= 2 mm into the canal
      domains: {
        // Cement found the hole in the medial wall: epidural 0.246 mL x4 x40 = -39.3 (under the
        // 0.3 mL canal-leak threshold, so no second critical error); injection stopped at it.
        leakage: 60.7,
        // Medial breach 3.14 mm: -(30 + 10 x 3.14) = -61.4; safety rule (tip past the medial border
        // on AP before the posterior wall on lateral) -30; one redirection after withdrawing -5. The
        // second pass reached the target.
        misplacement: 3.6,
        height: 100,
        radiation: 100, // 0.46 min of fluoroscopy
        cement: 100, // working phase, 4.72 mL, across the midline, both endplates
        process: 100, // overnight stay chosen, as expected after a breach
      },
    },
  },
  {
    name: 'liquid-cement-vertebroplasty-t12-seed5',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'tests/fixtures/plans/liquid-cement-vertebroplasty.json',
    seed: 5,
    cement: ['paravertebral', 'venous'],
    expected: {
      // (0.25 x 85.7 + 0.25 x 100 + 0.1 x 100 + 0.1 x 70 + 0.15 x 100) / 0.85 = 92.3: passes.
      total: 92.3,
      passed: true,
      criticalErrors: [],
      domains: {
        leakage: 85.7, // what the liquid cement did: paravertebral 0.132 mL x1 x40 = -5.3, venous 0.112 mL x2 x40 = -9.0
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100, // 0.32 min of fluoroscopy, no hand in the beam (the textbook plan's pause after docking)
        cement: 70, // liquid phase at the first push -30 (2.23 mL in the body, within 2-4 mL)
        process: 100, // overnight stay chosen after the leak
      },
    },
  },
  {
    name: 'ignored-rupture-kyphoplasty-l1-seed7',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/ignored-rupture-kyphoplasty.json',
    seed: 7,
    cement: 'no cement',
    expected: {
      // 0.25 x 100 + 0.25 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 0 + 0.15 x 90 = 88.5; failed by both
      // critical errors. The machine refuses everything but imaging and balloon.remove with a ruptured
      // balloon in, so the attempt ends in the balloon phase: not-completed comes with rupture-ignored.
      total: 88.5,
      passed: false,
      criticalErrors: ['not-completed', 'rupture-ignored'],
      domains: {
        leakage: 100, // no cement (the 4.3 mL of contrast from the balloon is not cement)
        misplacement: 100,
        height: 100, // 53 % of the lost anterior height kept after the rupture (full marks from 40 %)
        radiation: 100,
        cement: 0, // no injection -100, 0 mL in the body (3 mL short) -45: clamped at 0
        process: 90, // no discharge decision (overnight expected after a rupture) -10
      },
    },
  },
  {
    name: 'blind-screening-vertebroplasty-t12-seed9',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'tests/fixtures/plans/blind-screening-vertebroplasty.json',
    seed: 9,
    cement: ['intradiscal'],
    expected: {
      // (0.25 x 65 + 0.25 x 100 + 0.1 x 78.3 + 0.1 x 70 + 0.15 x 90) / 0.85 = 81.9: passes.
      total: 81.9,
      passed: true,
      criticalErrors: [], // reference air kerma 1866 mGy: just under the 2 Gy skin-dose threshold
      domains: {
        // Disc leak 0.876 mL x1 x40 = -35.0. No image showed it before the last push, so there is
        // no "kept going after a leak seen" item.
        leakage: 65,
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        // Continuous mode, 60 s screening runs: 6.17 min of fluoroscopy, 2.17 min beyond the free
        // 4 min x10 = -21.7. No hand in the beam: the needle is still during every run (the textbook
        // plan's pause after docking), so the radiation score is the screening time alone.
        radiation: 78.3,
        cement: 70, // 4.0 mL pushed between two images, 3.0 mL beyond the free 1 mL x10 = -30 (the cap)
        process: 90, // same-day discharge after a leak -10
      },
    },
  },
  {
    name: 'skipped-checks-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/skipped-checks-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    expected: {
      // 0.25 x 100 + 0.25 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 100 + 0.15 x 60 = 94: process errors
      // alone do not fail an attempt. The machine enforces the time-out (and refuses local
      // anaesthetic after the skin puncture), so those cannot be skipped or mistimed.
      total: 94,
      passed: true,
      criticalErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        // Consent missed -10, antibiotics missed -10, no local anaesthetic before the skin puncture
        // -10, overnight stay after an uncomplicated procedure (same-day expected) -10.
        process: 60,
      },
    },
  },
];

export const loadScenario = (path: string): Scenario => parseScenario(JSON.parse(readFileSync(path, 'utf8')), path);
export const loadPlan = (path: string): Plan => planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
export const goldenPath = (name: string): string => `tests/fixtures/golden/${name}.json`;
