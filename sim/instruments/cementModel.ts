/**
 * Constants of the cement delivery and flow model (FIRST MODEL; README "Cement"). "assumed" marks
 * values not in clinical-reference.md; the calibration script of issue 6 may override them.
 */
export interface CementModelParams {
  /** Bone filler push: 1.5 mL over ~2 s (assumed). */
  readonly pushRateMlPerS: number;
  /** Most a hand presses on a bone filler, kPa (assumed). */
  readonly handMaxKPa: number;
  /** Effective cannula resistance, 1/m^3: plug flow with wall slip, so that working-phase dough needs ~1-2 MPa at full rate (assumed). */
  readonly cannulaResistance: number;
  /** Cement the cannula holds before any reaches the tip, mL (assumed). */
  readonly cannulaVolumeMl: number;
  /** Pressure to start filling an open space (cavity, cleft), kPa (assumed: displacing blood and contrast). */
  readonly spaceEntryKPa: number;
  /** Conductance of open space beyond its entry pressure, m^3/(Pa s) (assumed: near-zero resistance). */
  readonly spaceConductance: number;
  /** A dough mass grows by crushing trabeculae at this multiple of the cancellous crush strength (assumed). */
  readonly compactionFactor: number;
  /** Compaction conductance, m^3/(Pa s) (assumed: 1 mL/s per 100 kPa over the compaction pressure). */
  readonly compactionConductance: number;
  /** Permeability of osteoporotic cancellous bone at porosity 0.93 (density ~0.35), m^2 (assumed, order 1e-9..1e-8). */
  readonly permeabilityRefM2: number;
  /** Shear thinning: flow through pores and channels sees eta_ref x (eta / eta_ref)^exponent (assumed power-law-like PMMA). */
  readonly shearThinningExponent: number;
  readonly shearThinningRefPaS: number;
  /** Bone volume fraction of healthy cancellous bone (assumed 0.2; porosity = 1 - 0.2 x density). */
  readonly healthyBoneFraction: number;
  /** Share of the pore space cement fills where it interdigitates: thin cement fingers (low), dough fills (high) (assumed). */
  readonly poreFillThin: number;
  readonly poreFillDough: number;
  /** Share of the body's pores cement can reach (assumed). */
  readonly reachablePoreFraction: number;
  /** Length of the narrow venous ostium through the cortex, mm (assumed). */
  readonly veinLengthMm: number;
  /** Back pressures, kPa: disc nucleus lying prone ~100 kPa (assumed); veins ~1 kPa (assumed). */
  readonly discBackKPa: number;
  readonly venousBackKPa: number;
  /** Smallest leak visible on fluoroscopy (a ~4.5 mm blob), mL (assumed); smaller seepage is counted but not reported as a leak. */
  readonly leakVisibleMl: number;
}

/** Default constants. */
export const CEMENT_MODEL: CementModelParams = {
  pushRateMlPerS: 0.75,
  handMaxKPa: 4000,
  cannulaResistance: 1e9,
  cannulaVolumeMl: 0.5,
  spaceEntryKPa: 5,
  spaceConductance: 1e-10,
  compactionFactor: 1.0,
  compactionConductance: 1e-11,
  permeabilityRefM2: 2e-9,
  shearThinningExponent: 0.5,
  shearThinningRefPaS: 100,
  healthyBoneFraction: 0.2,
  poreFillThin: 0.3,
  poreFillDough: 0.8,
  reachablePoreFraction: 0.6,
  veinLengthMm: 5,
  discBackKPa: 100,
  venousBackKPa: 1,
  leakVisibleMl: 0.05,
};

/** Porosity of cancellous bone from relative density (1 = healthy). */
export const porosity = (density: number, p: CementModelParams): number =>
  Math.min(0.98, Math.max(0.5, 1 - p.healthyBoneFraction * Math.max(0, density)));

/** Kozeny-Carman permeability (m^2) scaled from the reference at porosity 0.93. */
export function permeabilityM2(phi: number, p: CementModelParams): number {
  const kc = (f: number): number => (f * f * f) / ((1 - f) * (1 - f));
  return p.permeabilityRefM2 * (kc(phi) / kc(0.93));
}

/** Pore fill of interdigitated cement, from thin (20 Pa s) to dough (3000 Pa s), log-linear. */
export function interdigitationPoreFill(etaPaS: number, p: CementModelParams): number {
  const x = Math.min(1, Math.max(0, Math.log(Math.max(1, etaPaS) / 20) / Math.log(3000 / 20)));
  return p.poreFillThin + (p.poreFillDough - p.poreFillThin) * x;
}

/** Viscosity that flow through pores and channels sees (shear thinning). */
export const flowViscosityPaS = (etaPaS: number, p: CementModelParams): number =>
  p.shearThinningRefPaS * Math.pow(Math.max(1e-6, etaPaS) / p.shearThinningRefPaS, p.shearThinningExponent);
