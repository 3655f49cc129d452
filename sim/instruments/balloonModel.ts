import type { Anatomy } from '../anatomy/types';
import type { Vec3 } from '../math/vec3';
import type { LevelName } from '../../levels/scenarioSchema';

/**
 * Constants of the balloon-in-bone model (FIRST MODEL; equations in README "Balloon"). Anything not
 * taken from docs/clinical-sources.md is marked "assumed" and can be overridden per Balloon, so that
 * the calibration script can fit it.
 */
export interface BalloonModelParams {
  /** Cavity-expansion pressure / cancellous crush strength (assumed 2: elastic-plastic cavity expansion, p ~ sigma (1 + ln(E / 3 sigma)) / sqrt 3 with E / sigma ~ 100, lowered for a crushable foam). */
  readonly cavityExpansionFactor: number;
  /** Volumetric strain of the loaded bone zone at yield (assumed). */
  readonly yieldStrain: number;
  /** Bone around the balloon that deforms elastically before it yields, mL (assumed). */
  readonly loadedZoneMl: number;
  /** Fractional pressure drop once trabeculae yield (strain softening, assumed 20 %). */
  readonly softening: number;
  /** Cavity growth over which that drop happens, mL (assumed). */
  readonly softeningMl: number;
  /** Compaction densifies the cavity rim: yield pressure rises this fraction per mL of cavity (assumed). */
  readonly hardeningPerMl: number;
  /** How fast the growth pressure climbs once cortex or endplate confine the cavity (assumed). */
  readonly constraintStiffness: number;
  /** Pressure to unfold the balloon up to its maximum volume, psi (assumed). */
  readonly wallFoldPsi: number;
  /** Non-compliant wall: psi per unit relative overfill beyond maximum volume (assumed). */
  readonly wallStiffnessPsi: number;
  /**
   * Vertical / lateral semi-axis ratio of a freely growing cavity (assumed: the fracture plane yields
   * first, so the cavity grows taller than wide; 1.65 puts endplate-to-endplate contact at ~2.2-2.8 mL
   * in Genant 2 lumbar wedges, near the first model's 2.6-3.2 mL contact with the nearer plate, and
   * lets two balloons of 3 mL each lift the plate further than one of 4 mL).
   */
  readonly aspect: number;
  /** Diameter of the drilled channel the deflated balloon sits in, mm (11 G working cannula drill, assumed 3 mm). */
  readonly channelDiameterMm: number;
  /**
   * Scale (mm) of the logistic over which the patch that loads the fractured plate grows with the
   * cavity's reach past the span between the plates (negative: the bone bridge still left): half the
   * balloon's width at zero bridge, ~12 % through a 1 mm bridge, ~88 % pressed 1 mm in (assumed).
   */
  readonly contactFlattenMm: number;
  /** Endplate resistance rises this fraction as full height returns (ligaments, annulus; assumed). */
  readonly loadStiffening: number;
  /** Share of the upright load above the level still on the endplate prone on bolsters (the table carries the trunk; assumed). */
  readonly proneLoadShare: number;
  /** The impacted fracture zone under the plate must be sheared loose: this fraction of the cancellous yield over the contact patch (assumed). */
  readonly impactionFactor: number;
  /** Fraction of the balloon's lift lost once it no longer supports the endplate (assumed 40 %; Belkoff 2001, Winkelmann 2018: partly lost). */
  readonly deflationLoss: number;
  /**
   * Share of the cavity that stays open once the device is out: the crushed trabeculae of its wall
   * spring back and fall into it, so the cement re-opens the rest against the bone (assumed; set so the
   * unipedicular and bipedicular expert leak rates both fall in their published bands, README "Cavity
   * collapse").
   */
  readonly cavityKeptShare: number;
  /** The distal taper bulges this fraction of the radius beyond the distal marker (assumed). */
  readonly distalBulge: number;
  /** Share of the lift lost on deflation that cement pushed into the cavity wins back (assumed 50 %; Belkoff 2001: cement keeps what is left). */
  readonly cementReseat: number;
  /** Strength of the body's cortical shell at relative density 1, MPa, scaled by density (assumed; thin-shell hoop law P = sigma t / r). */
  readonly shellStrengthMPa: number;
  /** A broken wall (a cortex defect within reach) keeps this fraction of its thickness (assumed). */
  readonly defectShellFactor: number;
  /** Contrast escaping a ruptured balloon spreads through the trabeculae to this many times its own sphere's radius (assumed). */
  readonly leakSpread: number;
  /** Seconds over which that spreading happens (assumed). */
  readonly leakSpreadS: number;
}

/** Default constants (see README "Balloon" for the calibration they give). */
export const BALLOON_MODEL: BalloonModelParams = {
  cavityExpansionFactor: 2.0,
  yieldStrain: 0.06,
  loadedZoneMl: 1.0,
  softening: 0.2,
  softeningMl: 0.1,
  hardeningPerMl: 0.1,
  constraintStiffness: 10,
  wallFoldPsi: 10,
  wallStiffnessPsi: 2000,
  aspect: 1.65,
  channelDiameterMm: 3,
  contactFlattenMm: 0.5,
  loadStiffening: 1.5,
  proneLoadShare: 0.3,
  impactionFactor: 0.5,
  deflationLoss: 0.4,
  cavityKeptShare: 0.5,
  distalBulge: 0.25,
  cementReseat: 0.5,
  shellStrengthMPa: 50,
  defectShellFactor: 0.1,
  leakSpread: 2.5,
  leakSpreadS: 10,
};

/** 1 MPa in psi. */
export const PSI_PER_MPA = 145.04;

/**
 * Share of body weight carried above each level (assumed, from segmental mass tables: roughly half
 * the body above the thoracolumbar junction). Prone, the real load is lower; the brief's 300-600 N
 * is what this gives for 60-120 kg patients at L1.
 */
const WEIGHT_SHARE_ABOVE: Readonly<Record<LevelName, number>> = {
  // T5-T9, L4, L5: extrapolated at the T10-L3 slope (~0.03 per level), assumed.
  T5: 0.25,
  T6: 0.28,
  T7: 0.31,
  T8: 0.34,
  T9: 0.37,
  T10: 0.4,
  T11: 0.43,
  T12: 0.46,
  L1: 0.5,
  L2: 0.53,
  L3: 0.56,
  L4: 0.59,
  L5: 0.62,
};

/** Load (N) the fractured superior endplate must overcome to lift: body-weight share above the level. */
export function spineLoadN(anatomy: Anatomy): number {
  const s = anatomy.scenario;
  return s.patient.weightKg * 9.81 * WEIGHT_SHARE_ABOVE[s.level];
}

/** Pressure (psi) at which cancellous bone around a balloon first yields. */
export const cancellousYieldPsi = (anatomy: Anatomy, p: BalloonModelParams): number =>
  p.cavityExpansionFactor * Math.max(0.05, anatomy.cancellousStrengthMPa) * PSI_PER_MPA;

/**
 * Bone pressure (psi) at which the balloon bursts through the body's shell where it presses on it:
 * a thin shell of thickness t over a bulge of radius r holds P = sigma t / r (hoop stress). The
 * shell's strength scales with the bone's density; a cortex defect (sim/anatomy openings) within
 * reach of the contact point leaves a fraction of the wall. Intact osteoporotic shells (1 mm) hold
 * ~370 psi under a 7 mm bulge at T -3.2, so only the rated-pressure end of an inflation, or a
 * broken wall, gives way (assumed).
 */
export function shellBreachPsi(anatomy: Anatomy, point: Vec3, radiusMm: number, p: BalloonModelParams): number {
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const reach = radiusMm + 3;
  const broken = anatomy.openings.some(
    (o) =>
      (o.kind === 'lateralCortexDefect' || o.kind === 'posteriorWallDefect') &&
      dist(o.position, point) <= reach + o.diameterMm / 2,
  );
  const t = v.cortexMm * (broken ? p.defectShellFactor : 1);
  const sigma = p.shellStrengthMPa * Math.max(0.1, anatomy.cancellousDensity);
  return ((sigma * t) / Math.max(1, radiusMm)) * PSI_PER_MPA;
}

const dist = (a: Vec3, b: Vec3): number => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

/** Pressure (psi) carried by the balloon wall alone: folds open, then the non-compliant wall. */
export function wallPressurePsi(volumeMl: number, maxVolumeMl: number, p: BalloonModelParams): number {
  if (volumeMl <= 0) return 0;
  const fold = p.wallFoldPsi * Math.min(1, volumeMl / maxVolumeMl);
  const over = Math.max(0, volumeMl - maxVolumeMl) / maxVolumeMl;
  return fold + p.wallStiffnessPsi * over;
}

/** Semi-axes (mm) of a freely growing cavity cross-section of the given area: vertical a, lateral b. */
export function freeSemiAxes(areaMm2: number, aspect: number): { a: number; b: number } {
  const r = Math.sqrt(Math.max(0, areaMm2) / Math.PI);
  const k = Math.sqrt(aspect);
  return { a: r * k, b: r / k };
}
