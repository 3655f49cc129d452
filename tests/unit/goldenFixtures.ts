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
  readonly domains: Readonly<Partial<Record<DomainId, number>>>;
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
    // Nothing costs a point: level counted and marked, true views behind collimated shutters, no
    // leak, no breach, target reached, 40 % or more of the lost anterior height regained, 25 s of
    // fluoroscopy (the case's expert reference is 28 s), working-phase cement 4.95 mL, full checklist.
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
      },
    },
  },
  {
    name: 'textbook-vertebroplasty-t12-seed3',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: ['intradiscal'],
    expected: {
      // (0.2 x 96.3 + 0.2 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 90 + 0.15 x 100) / 0.9 = 98.1: passes the mark of 93.
      total: 98.1,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 96.3, // disc leak 0.09 mL x1 x40 = -3.7; injection stopped at it
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100, // 20.5 s of fluoroscopy against the expert reference of 24.5 s
        cement: 100, // working phase, watched pushes, 2-4 mL in the body
        process: 90, // same-day discharge after a leak (overnight expected) -10
        imaging: 100,
      },
    },
  },
  {
    name: 'textbook-kyphoplasty-bipedicular-l2-seed42',
    scenario: 'levels/l2-osteoporotic-wedge-bipedicular.json',
    plan: 'levels/plans/textbook-kyphoplasty-bipedicular.json',
    seed: 42,
    cement: 'clean fill',
    // 5.5 mL of cement in the body (window 3-6.5 mL for two pedicles), 35 s of fluoroscopy against the
    // expert reference of 37.5 s. The 3 mL balloons lift the plate, which settles on deflation; each
    // cavity then keeps half its volume (the rest collapses), so 2.5 mL a side re-opens less of it and
    // wins back less of the settled lift: 36 % of the lost anterior height, short of the 40 % for full
    // marks by 4 points of 40 = -10 on the height domain. 0.1 x 90 + 0.9 x 100 = 99.
    expected: {
      total: 99,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 90,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
      },
    },
  },
  {
    name: 'vertebroplasty-posterior-wall-defect-l1-seed3',
    scenario: 'levels/l1-myeloma-posterior-wall-defect.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: ['epidural'],
    expected: {
      // (0.2 x 46.1 + 0.2 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 90 + 0.15 x 100) / 0.9 = 86.9: under
      // the mark of 94, and failed by the canal leak whatever the total. The textbook plan stops at a
      // leak but not at the posterior quarter and keeps same-day discharge whatever it saw; the
      // reference experts do both. Since the posterior wall is concave between the pedicles
      // (anatomy/bodyWaist.ts) the defect sits on that wall, 1 mm further forward, and 0.34 mL goes
      // through it (0.17 mL before).
      total: 86.9,
      passed: false,
      criticalErrors: ['canal-leak'], // epidural 0.34 mL: over the 0.3 mL threshold
      seriousErrors: [],
      domains: {
        leakage: 46.1, // epidural leak through the posterior-wall defect 0.34 mL x4 x40 = -53.9
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100,
        cement: 100,
        process: 90, // same-day discharge after a leak -10
        imaging: 100,
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
      // (0.2 x 88.4 + 0.2 x 0 + 0.1 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 100 + 0.15 x 100 + 0.15
      // x 42) / 1.15 = 73.0, less the safety rule (-12) = 61.0; failed by the breach and the
      // unanswered compression whatever the total.
      total: 61,
      passed: false,
      // Aimed 6 deg medial, the needle now meets the sloped lamina behind the pedicle (the posterior
      // elements are solids, sim/anatomy/posteriorElements.ts), skives medially and slips into the
      // canal; the plan's taps and push take it 10.8 mm in before it is seen and withdrawn (3.1 mm
      // when it broke through the pedicle's medial wall instead).
      criticalErrors: ['complication-unanswered', 'medial-breach'],
      seriousErrors: [{ id: 'safety-rule', points: -12 }],
      domains: {
        // The cement followed the track into the epidural space: 0.07 mL x4 x40 = -11.6.
        leakage: 88.4,
        // Medial breach 10.8 mm: -(30 + 10 x 10.8) = -137.8; safety rule -30; one redirection -5.
        misplacement: 0,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100, // overnight stay chosen, as expected after a breach
        imaging: 100,
        // The deeper breach presses the cord harder: first answer 645 s after the pain -20, examination
        // after its 5 min -8, CT and an urgent spinal opinion (expected within 30 min) never -15 each.
        complications: 42,
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
      // (0.2 x 88.7 + 0.2 x 100 + 0.15 x 100 + 0.1 x 70 + 0.1 x 100 + 0.15 x 100) / 0.9 = 94.2, less
      // liquid cement (vertebroplasty leak odds 14: 10 x ln 14 = 26.4, capped at 24) = 70.2: fails.
      total: 70.2,
      passed: false,
      criticalErrors: [],
      seriousErrors: [{ id: 'liquid-cement', points: -24 }],
      domains: {
        // What the liquid cement did: venous 0.10 mL x2 x40 = -8.0, paravertebral 0.08 mL x1 x40 = -3.3
        // (0.11 and 0.13 mL before the body's waist trimmed the lattice).
        leakage: 88.7,
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100,
        cement: 70, // liquid phase at the first push -30 (within 2-4 mL in the body)
        process: 100, // overnight stay chosen after the leak
        imaging: 100,
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
      // 0.2 x 100 + 0.2 x 100 + 0.1 x 100 + 0.15 x 100 + 0.1 x 0 + 0.1 x 90 + 0.15 x 100 = 89, less the
      // balloon burst past its rating (-24, two serious errors) = 65; failed by both critical
      // errors. The machine refuses everything but imaging and balloon.remove with a ruptured balloon
      // in, so the attempt ends in the balloon phase: not-completed comes with rupture-ignored.
      total: 65,
      passed: false,
      criticalErrors: ['not-completed', 'rupture-ignored'],
      seriousErrors: [{ id: 'balloon-rupture', points: -24 }],
      domains: {
        leakage: 100, // no cement (the contrast from the balloon is not cement)
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 0, // no injection -100, 0 mL in the body (3 mL short) -45: clamped at 0
        process: 90, // no discharge decision (overnight expected after a rupture) -10
        imaging: 100,
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
      // (0.2 x 89.4 + 0.2 x 100 + 0.15 x 15 + 0.1 x 75 + 0.1 x 90 + 0.15 x 44) / 0.9 = 70.3, less
      // continuous screening (-12) and a blind push (vertebroplasty leak odds 2.2: -7.9) = 50.4.
      total: 50.4,
      passed: false,
      criticalErrors: [], // the most exposed skin field stays under 2 Gy
      seriousErrors: [
        { id: 'continuous-screening', points: -12 },
        { id: 'blind-push', points: -7.9 },
      ],
      domains: {
        leakage: 89.4, // disc leak 0.27 mL x1 x40 = -10.6 (0.25 mL before the body's waist)
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        // Continuous mode, 60 s screening runs with open shutters: 6.2 min of fluoroscopy, 15.2x the
        // expert reference (-40, the cap); DAP 72.7x (-30, the cap); shutters open -15.
        radiation: 15,
        cement: 75, // 3.5 mL pushed between two images, 2.5 mL beyond the free 1 mL x10 = -25
        process: 90, // same-day discharge after a leak -10
        // Set-up never squared: AP 10.7 deg tilt and lateral 3.3 deg axial behind the set-up, the
        // pedicle entry and the posterior wall (both views) and the injection (lateral): 7 x -8.
        imaging: 44,
      },
    },
  },
  {
    name: 'skipped-checks-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/skipped-checks-kyphoplasty.json',
    seed: 42,
    cement: ['venous'],
    expected: {
      // 0.2 x 94.7 + 0.2 x 69.2 + 0.1 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 80 + 0.15 x 100 = 90.8,
      // less antibiotics skipped (-12) and no local anaesthetic (-12) = 66.8; failed by the skin
      // puncture without consent whatever the total. The machine enforces the time-out.
      // Without the local the awake patient flinches when the needle docks on the periosteum (pain
      // 7.0/10): the trunk moves 4.5 mm to the right and the needle levers 2.6 deg medially
      // (sim/patient/painMovement.ts). Since the posterior elements are solids the levered needle
      // docks straight on the pedicle's cap and its path grazes the medial pedicle wall (0.1 mm):
      // skipping the local now costs what it risks.
      total: 66.8,
      passed: false,
      criticalErrors: ['no-consent'],
      seriousErrors: [
        { id: 'antibiotics-skipped', points: -12 },
        { id: 'no-local', points: -12 },
      ],
      domains: {
        // 4.4 mL (this plan fills more than the textbook's 3 mL) outgrow the half of the cavity that
        // stays open: a venous leak of 0.07 mL x2 x40 = -5.3.
        leakage: 94.7,
        // Medial breach 0.08 mm: -(30 + 10 x 0.08) = -30.8 (seen on the lateral first: no safety rule).
        misplacement: 69.2,
        height: 100,
        radiation: 100,
        cement: 100,
        // Consent missed -10, antibiotics missed -10; the overnight stay is right after a leak.
        process: 80,
        imaging: 100,
      },
    },
  },
  {
    name: 'textbook-ball-tamp-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge-ball-tamp.json',
    plan: 'levels/plans/textbook-kyphoplasty-ball-tamp.json',
    seed: 42,
    cement: 'clean fill',
    // The textbook plan with an expandable ball tamp: the 20 mm sphere opened fully lifts the plate
    // by half its overreach past the endplates' span, then loses 40 % of that on closing; the cement
    // (3.5 mL into the half of the sphere that stays open) wins part of it back: 30 % of the lost
    // anterior height, short of the 40 % for full marks by 10 points of 40 = -25 on the height
    // domain. 0.1 x 75 + 0.9 x 100 = 97.5.
    expected: {
      total: 97.5,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 75,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
      },
    },
  },
  {
    name: 'textbook-mesh-container-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge-mesh-container.json',
    plan: 'levels/plans/textbook-kyphoplasty-mesh-container.json',
    seed: 42,
    cement: 'clean fill',
    // The textbook plan with a mesh container: the bag holds the first 4 mL, the rest binds the bone
    // through its pores, nothing leaves the body. The bag does not lift the plate: only the
    // positioning and cement's small reduction, ~10 % of the lost anterior height, 30 points of 40
    // short = -74 on the height domain. 0.1 x 26 + 0.9 x 100 = 92.6, above the case's pass mark of 85.
    expected: {
      total: 92.6,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 26,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
      },
    },
  },
  {
    name: 'oversedation-answered-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/oversedation-answered-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // 5 mg of midazolam at once takes the 74-year-old past procedural sedation: breathing under 8
    // /min (the alarm, moderate over-sedation). Oxygen 20 s after the alarm answers it in time, and
    // the patient stays overnight after the complication: nothing costs a point, and the
    // complication domain counts with its weight (0.15) at 100.
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
        complications: 100,
      },
    },
  },
  {
    name: 'oversedation-ignored-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/oversedation-ignored-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // 5 mg of midazolam and 5 mg more a minute later, and no answer: breathing slowed and the SpO2
    // under 85 % (severe). Not recognised -40, oxygen missed -15, flumazenil and help missed at the
    // severe grade -15 each: complications 15. Same-day discharge after a complication -10:
    // process 90. (0.2 x 100 + 0.2 x 100 + 0.1 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 90 + 0.15 x
    // 100 + 0.15 x 15) / 1.15 = 88.0; failed whatever the total: severe and unanswered for 5 min.
    expected: {
      total: 88,
      passed: false,
      criticalErrors: ['complication-unanswered'],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 90,
        imaging: 100,
        complications: 15,
      },
    },
  },
  {
    name: 'anaphylaxis-answered-kyphoplasty-l1-seed42',
    scenario: 'tests/fixtures/scenarios/l1-wedge-cefazolin-allergy.json',
    plan: 'tests/fixtures/plans/anaphylaxis-answered-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // Cefazolin given to a patient allergic to it: the reaction reaches its moderate grade (wheeze,
    // falling SpO2) 4.5 min after the tick; adrenaline IM 21 s later, help and oxygen with it, so it
    // goes no further. The allergy is explained before the overnight stay: nothing costs a point.
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
        complications: 100,
      },
    },
  },
  {
    name: 'anaphylaxis-ignored-kyphoplasty-l1-seed42',
    scenario: 'tests/fixtures/scenarios/l1-wedge-cefazolin-allergy.json',
    plan: 'tests/fixtures/plans/anaphylaxis-ignored-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // Cefazolin given to a patient allergic to it and nothing done: the reaction goes severe (shock).
    // Never recognised -40, adrenaline, help and fluids missed -15 each, cement injected within 10 min
    // of a grade -15: complications 0. Same-day discharge -10, the allergy not explained -3: process
    // 87. (0.2 x 100 + 0.2 x 100 + 0.1 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 87 + 0.15 x 100 + 0.15
    // x 0) / 1.15 = 85.8; failed whatever the total: it grew to severe after its first sign unanswered.
    expected: {
      total: 85.8,
      passed: false,
      criticalErrors: ['complication-unanswered'],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 87,
        imaging: 100,
        complications: 0,
      },
    },
  },
  {
    name: 'bleeding-answered-kyphoplasty-l1-seed42',
    scenario: 'tests/fixtures/scenarios/l1-wedge-apixaban.json',
    plan: 'tests/fixtures/plans/bleeding-answered-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // Apixaban 6 h before: the sites ooze once the instruments are out (mild, a sign at the table);
    // pressure 11 s later for 5 min stops it before a haematoma forms. The anticoagulant's restart is
    // explained before the overnight stay: nothing costs a point.
    expected: {
      total: 100,
      passed: true,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
        complications: 100,
      },
    },
  },
  {
    name: 'bleeding-ignored-kyphoplasty-l1-seed42',
    scenario: 'tests/fixtures/scenarios/l1-wedge-apixaban.json',
    plan: 'tests/fixtures/plans/bleeding-ignored-kyphoplasty.json',
    seed: 42,
    cement: 'clean fill',
    // Apixaban 6 h before and the ooze left alone: a paraspinal haematoma forms (moderate) during
    // the hour in recovery. Never recognised -40, no pressure -15: complications 45. Same-day discharge
    // -10, the restart not explained -3: process 87. (0.2 x 100 + 0.2 x 100 + 0.1 x 100 + 0.15 x 100 +
    // 0.1 x 100 + 0.1 x 87 + 0.15 x 100 + 0.15 x 45) / 1.15 = 91.7, over the mark of 91, but failed:
    // the bleeding grew to moderate after its first sign with no answer given.
    expected: {
      total: 91.7,
      passed: false,
      criticalErrors: ['complication-unanswered'],
      seriousErrors: [],
      domains: {
        leakage: 100,
        misplacement: 100,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 87,
        imaging: 100,
        complications: 45,
      },
    },
  },
  {
    name: 'medial-breach-answered-kyphoplasty-l1-seed42',
    scenario: 'levels/l1-osteoporotic-wedge.json',
    plan: 'tests/fixtures/plans/medial-breach-answered-kyphoplasty.json',
    seed: 42,
    cement: ['epidural'],
    // The medial-breach plan with the patient's pain answered: the legs examined 4 s after the cord
    // was pressed. The breach now goes 10.8 mm into the canal (see medial-breach-kyphoplasty), so the
    // compression is graver and expects a CT and an urgent spinal opinion within 30 min, which this
    // plan never asks for (-15 each): complications 70, and the compression counts as unanswered.
    // (0.2 x 88.4 + 0.2 x 0 + 0.1 x 100 + 0.15 x 100 + 0.1 x 100 + 0.1 x 100 + 0.15 x 100 + 0.15 x
    // 70) / 1.15 = 76.7, less the safety rule (-12) = 64.7; answering part of a complication does not
    // undo its cause.
    expected: {
      total: 64.7,
      passed: false,
      criticalErrors: ['complication-unanswered', 'medial-breach'],
      seriousErrors: [{ id: 'safety-rule', points: -12 }],
      domains: {
        leakage: 88.4,
        misplacement: 0,
        height: 100,
        radiation: 100,
        cement: 100,
        process: 100,
        imaging: 100,
        complications: 70,
      },
    },
  },
  {
    name: 'cement-embolism-answered-vertebroplasty-t10-seed196',
    scenario: 'levels/t10-osteopenia-vertebroplasty.json',
    plan: 'tests/fixtures/plans/cement-embolism-answered-vertebroplasty.json',
    seed: 196,
    cement: ['venous'],
    // Cement pushed 12 min after mixing (setting phase) into the osteopenic T10: the bone no longer
    // takes it and the segmental veins do (no basivertebral, epidural or foraminal cement, no nerve
    // deficit). Seed 196: with the waisted body and concave posterior wall about half the seeds also
    // send this stiff cement into the canal, many into the disc or beside the body; of seeds 1-300
    // eleven leak into the veins only, and this one keeps the pair's volumes (about 0.9 mL answered,
    // 1.5 mL ignored) and a clear difference the answer makes. The embolism reaches its
    // moderate grade (the first sign) 54 s after the first push; the injection is stopped and oxygen
    // given 0.8 s later. What was already in the veins still reaches the lungs (0.93 mL in all):
    // severe 23 s later, answered within a second by a call for help and 500 mL of fluids.
    // Complications 100. Leakage 1: venous 0.93 mL x2 x40 = -74, pushed on 39.5 s after the leak
    // was seen -25. Cement 80: setting phase at the first push -20.
    // (0.2 x 1 + 0.2 x 100 + 0.15 x 100 + 0.1 x 80 + 0.1 x 100 + 0.15 x 100 + 0.15 x 100) / 1.05 = 79.2,
    // under the case's mark of 97: answering the embolism does not undo its cause.
    expected: {
      total: 79.2,
      passed: false,
      criticalErrors: [],
      seriousErrors: [],
      domains: {
        leakage: 1,
        misplacement: 100,
        height: 100, // weight 0 (vertebroplasty)
        radiation: 100,
        cement: 80,
        process: 100, // overnight stay after the complication
        imaging: 100,
        complications: 100,
      },
    },
  },
  {
    name: 'cement-embolism-ignored-vertebroplasty-t10-seed196',
    scenario: 'levels/t10-osteopenia-vertebroplasty.json',
    plan: 'tests/fixtures/plans/cement-embolism-ignored-vertebroplasty.json',
    seed: 196,
    cement: ['venous'],
    // The same stiff cement and the embolism left alone: six more pushes after its moderate grade,
    // 1.46 mL of venous cement, severe 17 s after the first sign (at 3 min SpO2 77 %, systolic 78 mmHg).
    // Never recognised -40, oxygen, help and fluids missed -15 each, cement injected after the signs
    // -15: complications 0. Same-day discharge after a complication -10: process 90. 26 images in the
    // cement stage (more than twice the expert's 10 plus two) -5: radiation 95. Leakage 0 (venous
    // 1.46 mL x2 x40 = -117, pushed on 58.5 s -25), cement 80. (0.2 x 0 + 0.2 x 100 + 0.15 x 95 + 0.1
    // x 80 + 0.1 x 90 + 0.15 x 100 + 0.15 x 0) / 1.05 = 63.1; failed whatever the total: the embolism
    // grew to severe after its first sign with no answer given.
    expected: {
      total: 63.1,
      passed: false,
      criticalErrors: ['complication-unanswered'],
      seriousErrors: [],
      domains: {
        leakage: 0,
        misplacement: 100,
        height: 100,
        radiation: 95,
        cement: 80,
        process: 90,
        imaging: 100,
        complications: 0,
      },
    },
  },
];

export const loadScenario = (path: string): Scenario => parseScenario(JSON.parse(readFileSync(path, 'utf8')), path);
export const loadPlan = (path: string): Plan => planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
export const goldenPath = (name: string): string => `tests/fixtures/golden/${name}.json`;
