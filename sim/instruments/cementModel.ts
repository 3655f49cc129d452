/**
 * Constants of the cement delivery and flow model (README "Cement"). "assumed" marks values not in
 * docs/clinical-sources.md; scripts/calibrate-cement.ts measures the leak rates they give against the
 * published ones. The lattice's own constants (entry pressures, cell size) are in
 * sim/physics/cementLattice.ts; the hidden channels' sizes in sim/anatomy/boneChannels.ts.
 */
export interface CementModelParams {
  /** Bone filler push: 1.5 mL over ~2 s (assumed). */
  readonly pushRateMlPerS: number;
  /** Effective cannula resistance, 1/m^3: plug flow with wall slip, so that working-phase dough needs ~1-2 MPa at full rate (assumed). */
  readonly cannulaResistance: number;
  /** Cement the cannula holds before any reaches the tip, mL (assumed). */
  readonly cannulaVolumeMl: number;
  /** Shear thinning: flow through pores and channels sees eta_ref x (eta / eta_ref)^exponent (assumed power-law-like PMMA). */
  readonly shearThinningExponent: number;
  readonly shearThinningRefPaS: number;
  /** Bone volume fraction of healthy cancellous bone (assumed 0.2; porosity = 1 - 0.2 x density). */
  readonly healthyBoneFraction: number;
  /** Share of the pore space cement fills where it interdigitates: thin cement fingers (low), dough fills (high) (assumed). */
  readonly poreFillThin: number;
  readonly poreFillDough: number;
  /** Length of an intraosseous venous channel to its ostium, mm (assumed; also sets how much a basivertebral channel holds). */
  readonly veinLengthMm: number;
  /** Back pressures, kPa: disc nucleus lying prone ~100 kPa (Wilke et al., Spine 1999); veins ~1 kPa (assumed). */
  readonly discBackKPa: number;
  readonly venousBackKPa: number;
  /** Smallest leak visible on fluoroscopy (a ~4.5 mm blob), mL (assumed); smaller seepage is counted but not reported as a leak. */
  readonly leakVisibleMl: number;
  /** Invasion model (sim/physics/cementInvasion.ts): viscous gradient, Pa per (Pa s x mm) (assumed, calibrated). */
  readonly gradientPaPerPaSmm: number;
  /** A channel cell adds this share of its length to the cement path, and holds this share of its volume (assumed). */
  readonly channelLengthShare: number;
  readonly channelVolumeShare: number;
  /** The balloon compacts the bone around its cavity: entry pressure x this factor (assumed; Kyphon's rationale for fewer leaks). */
  readonly cavityCompactionFactor: number;
  /** Length of a hairline fissure along the wall, mm (slit conductance; assumed). */
  readonly fissureSpanMm: number;
  /** Aperture of a visible endplate crack as a share of its length (a slit, not a hole; assumed). */
  readonly crackApertureShare: number;
}

/** Default constants. */
export const CEMENT_MODEL: CementModelParams = {
  pushRateMlPerS: 0.75,
  cannulaResistance: 1e9,
  cannulaVolumeMl: 0.5,
  shearThinningExponent: 0.5,
  shearThinningRefPaS: 100,
  healthyBoneFraction: 0.2,
  poreFillThin: 0.3,
  poreFillDough: 0.8,
  veinLengthMm: 15,
  discBackKPa: 100,
  venousBackKPa: 1,
  leakVisibleMl: 0.05,
  gradientPaPerPaSmm: 60,
  channelLengthShare: 0.3,
  channelVolumeShare: 0.3,
  cavityCompactionFactor: 2.5,
  fissureSpanMm: 5,
  crackApertureShare: 0.2,
};

/** Porosity of cancellous bone from relative density (1 = healthy). */
export const porosity = (density: number, p: CementModelParams): number =>
  Math.min(0.98, Math.max(0.5, 1 - p.healthyBoneFraction * Math.max(0, density)));

/** Pore fill of interdigitated cement, from thin (20 Pa s) to dough (3000 Pa s), log-linear. */
export function interdigitationPoreFill(etaPaS: number, p: CementModelParams): number {
  const x = Math.min(1, Math.max(0, Math.log(Math.max(1, etaPaS) / 20) / Math.log(3000 / 20)));
  return p.poreFillThin + (p.poreFillDough - p.poreFillThin) * x;
}

/** Viscosity that flow through pores and channels sees (shear thinning). */
export const flowViscosityPaS = (etaPaS: number, p: CementModelParams): number =>
  p.shearThinningRefPaS * Math.pow(Math.max(1e-6, etaPaS) / p.shearThinningRefPaS, p.shearThinningExponent);
