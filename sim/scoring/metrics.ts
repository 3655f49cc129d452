import type { Metrics } from '../scoring/types';
import { eventTicks, type ScoringInput } from './scoringInput';
import { cementOutcome } from '../instruments/cementOutcome';
import { TICKS_PER_S } from '../core/constants';
import type { HeightView } from '../instruments/heightView';
import { wedgeMeasurement, wedgeMeasurementMetrics } from './wedgeMeasurementScore';

const r = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The flat outcome of an attempt (what the CLI prints and a lab collects). */
export function metrics(input: ScoringInput): Metrics {
  const f = input.final;
  const b = f.balloon;
  const c = f.cement;
  const leaked = (loc: string) => r(c.leaks.filter((l) => l.location === loc).reduce((s, l) => s + l.volumeMl, 0));
  const breaches = f.trocars.flatMap((t) => t.breaches);
  const maxBreach = (wall: string) => r(Math.max(0, ...breaches.filter((x) => x.wall === wall).map((x) => x.depthMm)));
  return {
    finished: f.finished,
    phase: f.phase,
    simTimeS: r(f.timeS, 2),
    commands: input.log.length,
    fluoroTimeS: r(f.dose.fluoroTimeS, 2),
    shotsAP: f.dose.shots.AP,
    shotsLateral: f.dose.shots.lateral,
    airKermaMGy: r(f.dose.airKermaMGy),
    dapGyCm2: r(f.dose.dapGyCm2),
    handInBeamS: r(f.dose.handInBeamS, 2),
    breaches: breaches.length,
    breachMedialMm: maxBreach('medial'),
    breachInferiorMm: maxBreach('inferior'),
    breachLateralMm: maxBreach('lateral'),
    breachAnteriorMm: maxBreach('anterior'),
    breachSuperiorMm: maxBreach('superior'),
    breachEndplateMm: maxBreach('endplate'),
    breachPleuraMm: maxBreach('pleura'),
    missedPedicle: f.trocars.some((t) => t.missedPedicle !== null),
    malletTaps: f.trocars.reduce((n, t) => n + t.taps, 0),
    skives: f.trocars.reduce((n, t) => n + t.skives, 0),
    safetyRuleViolated: eventTicks(input, 'needle.safetyRuleViolated').length > 0,
    reachedTarget: eventTicks(input, 'needle.inTargetZone').length > 0,
    redirections: f.trocars.reduce((n, t) => n + t.redirections, 0),
    balloonPeakPressurePsi: r(b?.peakPressurePsi ?? 0, 1),
    balloonPeakVolumeMl: r(b?.peakVolumeMl ?? 0),
    balloonContactVolumeMl: r(b?.endplateContactMl ?? 0),
    balloonCavityMl: r(b?.cavityMl ?? 0),
    balloonRuptured: b?.ruptured ?? false,
    balloonLeakedContrastMl: r(b?.leakedContrastMl ?? 0),
    balloonEndplateContact: b?.endplateContact ?? false,
    balloonCortexContact: b?.cortexContact ?? false,
    balloonCortexBreach: b?.cortexBreach?.wall ?? 'none',
    cementInjectedMl: r(c.injectedMl),
    cementInBodyMl: r(c.inBodyMl),
    cementLeakedMl: r(c.leakedMl),
    cementInCannulaMl: r(c.inCannulaMl),
    leakEpiduralMl: leaked('epidural'),
    leakForaminalMl: leaked('foraminal'),
    leakVenousMl: leaked('venous'),
    leakParavertebralMl: leaked('paravertebral'),
    leakIntradiscalMl: leaked('intradiscal'),
    leakTractMl: leaked('tract'),
    ...cementOutcomeMetrics(input),
    heightAnteriorPreOpMm: r(f.height.preOpAnteriorMm),
    heightAnteriorFinalMm: r(f.height.anteriorMm),
    heightIntactMm: r(f.height.intactMm),
    wedgePreOpDeg: r(f.height.preOpWedgeDeg, 2),
    wedgeFinalDeg: r(f.height.wedgeDeg, 2),
    wedgeChangeDeg: r(f.height.preOpWedgeDeg - f.height.wedgeDeg, 2),
    ...stageMetrics(f.height),
    ...wedgeMeasurementMetrics(wedgeMeasurement(input)),
  };
}

type Stage = 'before' | 'peak' | 'afterDeflation' | 'afterCement';
const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  before: 'PreOp',
  peak: 'Peak',
  afterDeflation: 'Deflated',
  afterCement: 'Cemented',
};

/**
 * Heights at each stage: anterior, middle and posterior before, at full inflation, after
 * deflation and after cement, and the wedge change from pre-op; -1 for a stage not reached (flat
 * metrics hold numbers only).
 */
function stageMetrics(h: HeightView): Record<string, number> {
  const out: Record<string, number> = {};
  const pre = h.stages?.before;
  for (const stage of Object.keys(STAGE_NAMES) as Stage[]) {
    const s = h.stages?.[stage] ?? null;
    const n = STAGE_NAMES[stage];
    out[`heightAnterior${n}Mm`] = s ? r(s.anteriorMm) : -1;
    out[`heightMiddle${n}Mm`] = s ? r(s.middleMm) : -1;
    out[`heightPosterior${n}Mm`] = s ? r(s.posteriorMm) : -1;
    if (stage !== 'before') out[`wedgeChange${n}Deg`] = s && pre ? r(pre.wedgeDeg - s.wedgeDeg, 2) : -1;
  }
  return out;
}

/**
 * The cement outcome (sim/instruments/cementOutcome.ts) as flat metrics: fill fraction,
 * distribution, how long cement kept going after the first leak seen on an image (-1: none seen),
 * leaks no image showed, venous volume and the embolism-risk band.
 */
function cementOutcomeMetrics(input: ScoringInput): Record<string, number | string | boolean> {
  const o = cementOutcome(input.final.cement, TICKS_PER_S);
  return {
    cementFillFraction: r(o.fillFraction),
    cementPeakSyringeKPa: Math.round(input.final.cement.peakInjectionPressureKPa),
    cementPeakBodyKPa: Math.round(input.final.cement.peakBodyPressureKPa),
    cementCrossesMidline: o.crossesMidline,
    cementTouchesBothEndplates: o.touchesBothEndplates,
    cementPushedOnAfterSeenLeakS: o.pushedOnAfterLeakS === null ? -1 : r(o.pushedOnAfterLeakS, 2),
    cementStoppedPromptly: o.stoppedPromptly === null ? 'no leak seen' : o.stoppedPromptly ? 'yes' : 'no',
    cementUnseenLeaks: o.unseenLeaks,
    cementVenousMl: r(o.venousMl),
    cementEmbolismRisk: o.embolismRisk,
  };
}
