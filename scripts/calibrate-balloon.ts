/**
 * Balloon kyphoplasty calibration: runs the textbook kyphoplasty and vertebroplasty plans
 * through real sessions over many seeds (Genant 2 lumbar wedges, osteoporotic), plus the balloon on
 * the same seeded anatomies at T -1 and T -3.5, and prints each figure beside its target range.
 *
 *   npm run calibrate:balloon [-- --seeds 40] [--no-devices] [--devices-only]
 *
 * After the balloon's figures it prints the cavity devices side by side (balloon, expandable ball
 * tamp, mesh container) on the same patients: height regained, wedge corrected, cavity, leaks.
 *
 * Exits 1 when a figure is out of range. tests/unit/balloonCalibration.test.ts runs the same checks
 * on a few seeds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from '../levels/scenarioSchema';
import { planSchema, type Plan } from '../sim/plan';
import { runPlan } from '../sim/plan';
import { buildAnatomy } from '../sim/anatomy';
import { createRng } from '../sim/math';
import { Balloon } from '../sim/instruments';
import { BALLOON_MODEL } from '../sim/instruments';
import { add, scale, type Vec3 } from '../sim/math';
import type { SimSnapshot } from '../sim/session';
import type { HeightFigures } from '../sim/instruments';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(root + path, 'utf8'));

/** One seed's patient: the L1 wedge scenario with height loss, T-score and weight varied inside Genant 2 osteoporosis. */
export function calibrationScenario(
  seed: number,
  procedure: 'kyphoplasty' | 'vertebroplasty' = 'kyphoplasty',
): Scenario {
  const base = parseScenario(readJson('levels/l1-osteoporotic-wedge.json'), 'l1');
  const f = (k: number): number => (((seed * 2654435761 + k * 40503) >>> 0) % 1000) / 1000;
  return {
    ...base,
    procedure,
    patient: {
      ...base.patient,
      tScore: Math.round((-3.6 + 1.0 * f(1)) * 10) / 10,
      weightKg: Math.round(55 + 25 * f(2)),
    },
    fracture: { ...base.fracture, heightLossPct: Math.round(27 + 11 * f(3)) },
  };
}

const plan = (name: string): Plan => planSchema.parse(readJson(`levels/plans/${name}.json`));

export interface SeedFigures {
  readonly seed: number;
  readonly medianWorkingPsi: number;
  /** Share of the working trace (0.3 mL on) between 100 and 250 psi. */
  readonly workingInBand: number;
  readonly peakPsi: number;
  readonly peakVolumeMl: number;
  readonly contactMl: number;
  readonly cavityMl: number;
  readonly ruptured: boolean;
  /** Where the balloon sat (for the T-score comparison at the same placement). */
  readonly at: { centre: Vec3; axis: Vec3 };
  /** % of lost anterior height regained, mm regained, and wedge correction (deg) at each stage. */
  readonly stages: Readonly<
    Record<'peak' | 'afterDeflation' | 'afterCement', { pct: number; mm: number; wedgeDeg: number }>
  >;
}

function stage(final: SimSnapshot, s: HeightFigures | null | undefined): { pct: number; mm: number; wedgeDeg: number } {
  const h = final.height;
  const lost = h.intactMm - h.preOpAnteriorMm;
  if (!s) return { pct: NaN, mm: NaN, wedgeDeg: NaN };
  const mm = s.anteriorMm - h.preOpAnteriorMm;
  return { pct: (100 * mm) / lost, mm, wedgeDeg: h.preOpWedgeDeg - s.wedgeDeg };
}

const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** The textbook kyphoplasty on one seed. */
export function kyphoplastySeed(seed: number): SeedFigures {
  let final: SimSnapshot;
  try {
    final = runPlan(calibrationScenario(seed), seed, plan('textbook-kyphoplasty')).snapshot();
  } catch (e) {
    // A rupture stops the plan (the deflation it asks for is refused): count it, with no figures.
    // Any other stop is a failure of the plan, not of the balloon: it must not pass as a rupture.
    const none = { pct: NaN, mm: NaN, wedgeDeg: NaN };
    console.log(`seed ${seed}: plan stopped (${(e as Error).message})`);
    if (!/ruptured/.test((e as Error).message)) throw e;
    const at = { centre: { x: 0, y: 0, z: 0 }, axis: { x: 0, y: 0, z: -1 } };
    return {
      seed,
      medianWorkingPsi: NaN,
      workingInBand: NaN,
      peakPsi: NaN,
      peakVolumeMl: NaN,
      contactMl: NaN,
      cavityMl: NaN,
      ruptured: true,
      at,
      stages: { peak: none, afterDeflation: none, afterCement: none },
    };
  }
  const b = final.balloon!;
  // The inflation part of the trace (up to the largest volume), from 0.3 mL on.
  // (The trace keeps a point per 0.05 mL, so it may end short of the peak volume: take its largest.)
  const top = b.trace.reduce((best, p, i) => (p.volumeMl > b.trace[best].volumeMl ? i : best), 0);
  const working = b.trace
    .slice(0, top + 1)
    .filter((p) => p.volumeMl >= 0.3)
    .map((p) => p.pressurePsi);
  const st = final.height.stages;
  return {
    seed,
    medianWorkingPsi: median(working),
    workingInBand: working.filter((p) => p >= 100 && p <= 250).length / Math.max(1, working.length),
    peakPsi: b.peakPressurePsi,
    peakVolumeMl: b.peakVolumeMl ?? NaN,
    contactMl: b.endplateContactMl ?? NaN,
    cavityMl: b.cavityMl,
    ruptured: b.ruptured,
    at: { centre: b.centre, axis: b.axis },
    stages: {
      peak: stage(final, st?.peak),
      afterDeflation: stage(final, st?.afterDeflation),
      afterCement: stage(final, st?.afterCement),
    },
  };
}

/** Wedge correction (deg) of the textbook vertebroplasty (no balloon) on one seed. */
export function vertebroplastySeed(seed: number): number {
  const h = runPlan(calibrationScenario(seed, 'vertebroplasty'), seed, plan('textbook-vertebroplasty')).snapshot()
    .height;
  return h.preOpWedgeDeg - h.wedgeDeg;
}

/**
 * Peak pressure (psi) over the first 1 mL (or at rupture) of a 15 mm balloon at the textbook position of this seed, in
 * the same anatomy with bone of the given T-score.
 */
export function pressureAtTScore(seed: number, tScore: number, at: { centre: Vec3; axis: Vec3 }): number {
  const base = calibrationScenario(seed);
  const scenario = { ...base, patient: { ...base.patient, tScore } };
  const anatomy = buildAnatomy(scenario, createRng(seed >>> 0).fork('anatomy'));
  const b = new Balloon(anatomy, 15);
  b.insert(add(at.centre, scale(at.axis, 7.5)), at.axis);
  b.inflate(1);
  for (let i = 0; i < 60 * 3; i++) b.step(1 / 60);
  return b.view().peakPressurePsi;
}

export interface Row {
  readonly figure: string;
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
  readonly spread?: string;
}

const pct = (xs: readonly number[], q: number): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
const spread = (xs: readonly number[]): string =>
  xs.some(Number.isFinite) ? `p10-p90 ${pct(xs, 0.1).toFixed(1)}-${pct(xs, 0.9).toFixed(1)}` : 'no data';

/** Share (%) of the seeds whose value lies in [lo, hi]; a seed without figures (a rupture) counts outside. */
const share = (xs: readonly number[], lo: number, hi: number): number =>
  (100 * xs.filter((x) => x >= lo && x <= hi).length) / Math.max(1, xs.length);

/**
 * Sarle's bimodality coefficient (skewness^2 + 1) / (excess kurtosis + 3 (n-1)^2 / ((n-2)(n-3))):
 * 1/3 for a normal sample, 5/9 for a uniform one, above 5/9 for two clusters; a seed without
 * figures (a rupture) is left out. 0 when fewer than 4 values or no spread.
 */
export function bimodality(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n < 4) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const mom = (k: number): number => xs.reduce((a, x) => a + (x - m) ** k, 0) / n;
  const m2 = mom(2);
  if (!(m2 > 1e-12)) return 0;
  const g1 = mom(3) / m2 ** 1.5;
  const g2 = mom(4) / (m2 * m2) - 3;
  const skew = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  const kurt = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
  return (skew * skew + 1) / (kurt + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** All figures over seeds 1..n (vertebroplasty and T-score comparisons on every other seed). */
export function calibrate(n: number, verbose = false): Row[] {
  const seeds = Array.from({ length: n }, (_, i) => i + 1);
  const k = seeds.map(kyphoplastySeed);
  if (verbose) for (const x of k) console.log(JSON.stringify({ ...x, at: undefined }));
  const vp = seeds.filter((s) => s % 2 === 1 || n <= 4).map(vertebroplastySeed);
  const ratio = k
    .filter((x) => (x.seed % 2 === 1 || n <= 4) && Number.isFinite(x.cavityMl))
    .map((x) => pressureAtTScore(x.seed, -1, x.at) / pressureAtTScore(x.seed, -3.5, x.at));
  const col = (f: (x: SeedFigures) => number): number[] => k.map(f);
  const row = (figure: string, xs: number[], lo: number, hi: number): Row => ({
    figure,
    value: median(xs),
    lo,
    hi,
    spread: spread(xs),
  });
  return [
    row(
      'median working pressure, psi (osteoporotic)',
      col((x) => x.medianWorkingPsi),
      100,
      250,
    ),
    row(
      'share of working trace within 100-250 psi, %',
      col((x) => 100 * x.workingInBand),
      60,
      100,
    ),
    row(
      'peak pressure, psi (below the 400 psi rating)',
      col((x) => x.peakPsi),
      150,
      380,
    ),
    row(
      'volume at endplate contact, mL',
      col((x) => x.contactMl),
      1.5,
      4,
    ),
    row(
      'volume reached (15 mm, Genant 2 lumbar wedge), mL',
      col((x) => x.peakVolumeMl),
      2.5,
      4.05,
    ),
    row(
      'cavity, mL',
      col((x) => x.cavityMl),
      2.5,
      4.5,
    ),
    row(
      'textbook plan ruptures a balloon, % of seeds (it stops at the 300 psi warning, 75 % of the rating)',
      [100 * (k.filter((x) => x.ruptured).length / k.length)],
      0,
      5,
    ),
    row(
      'lost anterior height regained at full inflation, %',
      col((x) => x.stages.peak.pct),
      30,
      90,
    ),
    row(
      'patients regaining 20-70 % of lost anterior height after cement, % (a spread, not two clusters)',
      [
        share(
          col((x) => x.stages.afterCement.pct),
          20,
          70,
        ),
      ],
      60,
      100,
    ),
    row(
      'patients at the extremes at full inflation (< 10 % or > 90 % regained), %',
      [
        100 -
          share(
            col((x) => x.stages.peak.pct),
            10,
            90,
          ),
      ],
      0,
      15,
    ),
    row(
      'bimodality coefficient of regained height at full inflation (> 0.555 suggests two modes)',
      [bimodality(col((x) => x.stages.peak.pct))],
      0,
      0.555,
    ),
    row(
      'lost anterior height regained after deflation, %',
      col((x) => x.stages.afterDeflation.pct),
      15,
      70,
    ),
    row(
      'lost anterior height regained after cement, %',
      col((x) => x.stages.afterCement.pct),
      30,
      70,
    ),
    row(
      'anterior height regained after cement, mm',
      col((x) => x.stages.afterCement.mm),
      1.5,
      4,
    ),
    row(
      'wedge correction at full inflation, deg',
      col((x) => x.stages.peak.wedgeDeg),
      3,
      12,
    ),
    row(
      'wedge correction after deflation, deg',
      col((x) => x.stages.afterDeflation.wedgeDeg),
      1.5,
      8,
    ),
    row(
      'wedge correction after cement, deg',
      col((x) => x.stages.afterCement.wedgeDeg),
      3,
      8,
    ),
    row('vertebroplasty (no balloon) wedge correction, deg', vp, 0, 2),
    row('peak pressure to 1 mL, T -1 / T -3.5 (same placement)', ratio, 1.5, 100),
  ];
}

export const inRange = (r: Row): boolean => r.value >= r.lo && r.value <= r.hi;

/** The cavity devices, each with its textbook plan (levels/plans/). */
const DEVICE_PLANS = [
  { kind: 'balloon', name: 'balloon', plan: 'textbook-kyphoplasty' },
  { kind: 'ballTamp', name: 'ball tamp', plan: 'textbook-kyphoplasty-ball-tamp' },
  { kind: 'meshContainer', name: 'mesh container', plan: 'textbook-kyphoplasty-mesh-container' },
] as const;

/** One device's figures on one seed's patient: height regained at each stage, cavity, cement and leaks. */
export interface DeviceSeedFigures {
  readonly stages: SeedFigures['stages'];
  readonly cavityMl: number;
  readonly inBodyMl: number;
  readonly leaked: boolean;
  readonly stopped: string | null;
}

/** The device's textbook plan on the calibration patient of this seed, the scenario's cavity device set to it. */
export function deviceSeed(seed: number, kind: (typeof DEVICE_PLANS)[number]['kind']): DeviceSeedFigures {
  const base = calibrationScenario(seed);
  const scenario: Scenario = { ...base, equipment: { ...base.equipment, cavityDevice: kind } };
  const planName = DEVICE_PLANS.find((d) => d.kind === kind)?.plan ?? 'textbook-kyphoplasty';
  const none = { pct: NaN, mm: NaN, wedgeDeg: NaN };
  try {
    const final = runPlan(scenario, seed, plan(planName)).snapshot();
    const st = final.height.stages;
    return {
      stages: {
        peak: stage(final, st?.peak),
        afterDeflation: stage(final, st?.afterDeflation),
        afterCement: stage(final, st?.afterCement),
      },
      cavityMl: final.balloon?.cavityMl ?? NaN,
      inBodyMl: final.cement.inBodyMl,
      leaked: final.cement.leaks.length > 0,
      stopped: null,
    };
  } catch (e) {
    return {
      stages: { peak: none, afterDeflation: none, afterCement: none },
      cavityMl: NaN,
      inBodyMl: NaN,
      leaked: false,
      stopped: (e as Error).message,
    };
  }
}

/**
 * The cavity devices side by side on the same seeds' patients (medians, p10-p90): height regained
 * at full opening and after cement, the wedge corrected, the cavity, the cement and the leak rate.
 * No targets: no published figure for a ball tamp was found, and the mesh container's leak figure is
 * checked by scripts/calibrate-cement.ts; these are printed for comparison.
 */
export function deviceComparison(n: number): string[] {
  const seeds = Array.from({ length: n }, (_, i) => i + 1);
  const lines: string[] = [];
  const cell = (xs: readonly number[]): string =>
    xs.some(Number.isFinite) ? `${median(xs).toFixed(1)} (${pct(xs, 0.1).toFixed(1)}-${pct(xs, 0.9).toFixed(1)})` : '-';
  lines.push(
    `${'device'.padEnd(16)}${'regained at peak %'.padEnd(24)}${'after cement %'.padEnd(24)}${'after cement mm'.padEnd(22)}${'wedge corr. deg'.padEnd(22)}${'cavity mL'.padEnd(20)}${'cement mL'.padEnd(20)}leaks`,
  );
  for (const d of DEVICE_PLANS) {
    const xs = seeds.map((s) => deviceSeed(s, d.kind));
    const ok = xs.filter((x) => x.stopped === null);
    const col = (f: (x: DeviceSeedFigures) => number): number[] => ok.map(f);
    const stopped = xs.length - ok.length;
    lines.push(
      `${d.name.padEnd(16)}${cell(col((x) => x.stages.peak.pct)).padEnd(24)}${cell(col((x) => x.stages.afterCement.pct)).padEnd(24)}${cell(col((x) => x.stages.afterCement.mm)).padEnd(22)}${cell(col((x) => x.stages.afterCement.wedgeDeg)).padEnd(22)}${cell(col((x) => x.cavityMl)).padEnd(20)}${cell(col((x) => x.inBodyMl)).padEnd(20)}${ok.filter((x) => x.leaked).length}/${ok.length}${stopped ? ` (${stopped} stopped)` : ''}`,
    );
  }
  return lines;
}

function main(): void {
  // --params '{"yieldStrain":0.06}' tries other model constants (for fitting; not for the record).
  const j = process.argv.indexOf('--params');
  if (j >= 0) Object.assign(BALLOON_MODEL, JSON.parse(process.argv[j + 1]));
  const i = process.argv.indexOf('--seeds');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 40;
  if (process.argv.includes('--devices-only')) {
    for (const line of deviceComparison(n)) console.log(line);
    return;
  }
  const rows = calibrate(n, process.argv.includes('--verbose'));
  console.log(
    `Balloon calibration over ${n} seeds (textbook plans, L1 Genant 2 wedge, T -3.6 to -2.6, 55-80 kg); value = median`,
  );
  const w = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    console.log(
      `${r.figure.padEnd(w)}  ${r.value.toFixed(2).padStart(7)}  target ${r.lo}-${r.hi}  ${inRange(r) ? 'ok ' : 'OUT'}  ${r.spread ?? ''}`,
    );
  }
  const bad = rows.filter((r) => !inRange(r));
  console.log(bad.length ? `${bad.length} figure(s) out of range` : 'all figures in range');
  if (!process.argv.includes('--no-devices')) {
    console.log(`\nCavity devices on the same ${n} patients, each by its textbook plan (median, p10-p90 in brackets):`);
    for (const line of deviceComparison(n)) console.log(line);
  }
  process.exitCode = bad.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
