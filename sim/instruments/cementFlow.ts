/**
 * Hydraulics of cement leaving the cannula tip (FIRST MODEL, README "Cement"). SI units inside:
 * Pa, m^3, s, Pa s. Each way out of the tip is a path with an opening pressure and a conductance:
 * - 'space' paths (the balloon cavity, a cleft, compaction of weak trabeculae by a dough mass)
 *   take Q = c (P - threshold)+, whatever the viscosity: a mass of cement grows into room it makes;
 * - 'viscous' paths (interdigitation through marrow pores, veins, cracks, cortical defects) take
 *   Q = c (P - back pressure)+ / viscosity (Darcy / Poiseuille).
 * The syringe is rate-controlled up to what a hand can press; the tip pressure is what the paths need.
 */
export interface FlowPath {
  readonly kind: 'space' | 'viscous';
  readonly thresholdPa: number;
  /** m^3/(Pa s) for space paths; m^3 for viscous paths (divided by viscosity). */
  readonly conductance: number;
}

/** Flow (m^3/s) through one path at tip pressure pPa for viscosity etaPaS. */
export function pathFlow(path: FlowPath, pPa: number, etaPaS: number): number {
  const dp = Math.max(0, pPa - path.thresholdPa);
  return path.kind === 'space' ? path.conductance * dp : (path.conductance * dp) / etaPaS;
}

const totalFlow = (paths: readonly FlowPath[], p: number, eta: number): number =>
  paths.reduce((s, path) => s + pathFlow(path, p, eta), 0);

function bisect(f: (p: number) => number, target: number, hi: number): number {
  let lo = 0;
  let top = hi;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + top) / 2;
    if (f(mid) < target) lo = mid;
    else top = mid;
  }
  return (lo + top) / 2;
}

/** Tip pressure and flow per path for a wanted flow, limited by hand pressure over cannula plus tip. */
export function solveTipFlow(
  paths: readonly FlowPath[],
  etaPaS: number,
  wantedM3s: number,
  cannulaResistance: number,
  handMaxPa: number,
): { tipPa: number; syringePa: number; flows: number[]; totalM3s: number } {
  const F = (p: number): number => totalFlow(paths, p, etaPaS);
  const syringe = (p: number): number => p + F(p) * etaPaS * cannulaResistance;
  const reachable = Math.min(wantedM3s, F(handMaxPa));
  let tip = reachable > 0 ? bisect(F, reachable, handMaxPa) : 0;
  if (syringe(tip) > handMaxPa) tip = bisect(syringe, handMaxPa, tip);
  const flows = paths.map((path) => pathFlow(path, tip, etaPaS));
  const totalM3s = flows.reduce((s, q) => s + q, 0);
  return { tipPa: tip, syringePa: syringe(tip), flows, totalM3s };
}

/** Poiseuille conductance (m^3) of a round channel: pi d^4 / (128 length). */
export const poiseuilleConductance = (diameterMm: number, lengthMm: number): number =>
  (Math.PI * Math.pow(diameterMm / 1000, 4)) / (128 * (Math.max(0.1, lengthMm) / 1000));
