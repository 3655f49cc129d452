import type { Opening, VertebraGeometry } from '../anatomy/types';
import type { LeakLocation } from '../core/events';
import type { Vec3 } from '../math/vec3';
import type { CementModelParams } from './cementModel';

/** A trocar (or balloon) breach passed in by the session: a hole cement can follow. */
export interface BreachOpening {
  readonly position: Vec3;
  readonly diameterMm: number;
  readonly location: LeakLocation;
}

/** The kinds of way out of the body the lattice model knows (sim/physics/cementLattice.ts). */
export type LatticeOutletKind = Opening['kind'] | 'endplateFissure' | 'cortexFissure' | 'breach';

const isVein = (kind: LatticeOutletKind): boolean => kind === 'basivertebralVein' || kind === 'segmentalVein';

/** Poiseuille conductance (m^3) of a round channel: pi d^4 / (128 length). */
export const poiseuilleConductance = (diameterMm: number, lengthMm: number): number =>
  (Math.PI * Math.pow(diameterMm / 1000, 4)) / (128 * (Math.max(0.1, lengthMm) / 1000));

/**
 * Hydraulics of an outlet the cement presses on: flow = conductance x (P - back) / eta_f.
 * Round openings (veins, defects, trocar holes) are Poiseuille channels, as long as the venous
 * channel (assumed) or the shell; hairline fissures and visible endplate cracks are slits,
 * w^3 x span / (12 L) (plane Poiseuille). Back pressure: the disc nucleus lying prone ~0.1 MPa (Wilke et al., Spine
 * 1999), veins ~1 kPa, soft tissue and the epidural space ~0 (assumed).
 */
export function outletHydraulics(
  kind: LatticeOutletKind,
  widthMm: number,
  v: VertebraGeometry,
  p: CementModelParams,
): { conductanceM3: number; backPa: number } {
  const wallMm = Math.max(0.5, v.cortexMm);
  const backKPa =
    kind === 'endplateCrack' || kind === 'endplateFissure' ? p.discBackKPa : isVein(kind) ? p.venousBackKPa : 0;
  if (kind === 'endplateFissure' || kind === 'cortexFissure') {
    const w = widthMm / 1000;
    return { conductanceM3: (w * w * w * (p.fissureSpanMm / 1000)) / (12 * (wallMm / 1000)), backPa: backKPa * 1000 };
  }
  if (kind === 'endplateCrack') {
    // A visible endplate crack is a fracture line as long as its size, not a round hole: a slit whose
    // aperture is a share of its length (assumed), through the endplate.
    const w = (p.crackApertureShare * widthMm) / 1000;
    return { conductanceM3: (w * w * w * (widthMm / 1000)) / (12 * (wallMm / 1000)), backPa: backKPa * 1000 };
  }
  return {
    conductanceM3: poiseuilleConductance(widthMm, isVein(kind) ? p.veinLengthMm : wallMm),
    backPa: backKPa * 1000,
  };
}

/**
 * Where the cement that left by an outlet lies, by location: basivertebral vein -> venous until its
 * channel is full, then epidural (the basivertebral plexus); segmental vein -> venous; endplate crack
 * or fissure -> intradiscal; posterior wall defect -> epidural; lateral cortex defect or cortical
 * fissure -> paravertebral; breach -> its own location. A cleft is space inside the body.
 */
export function leakShares(
  kind: LatticeOutletKind,
  widthMm: number,
  volumeMl: number,
  breachLocation: LeakLocation | undefined,
  p: CementModelParams,
): [LeakLocation, number][] {
  switch (kind) {
    case 'basivertebralVein': {
      const channelMl = (Math.PI * (widthMm / 2) ** 2 * p.veinLengthMm) / 1000;
      return [
        ['venous', Math.min(volumeMl, channelMl)],
        ['epidural', Math.max(0, volumeMl - channelMl)],
      ];
    }
    case 'segmentalVein':
      return [['venous', volumeMl]];
    case 'endplateCrack':
    case 'endplateFissure':
      return [['intradiscal', volumeMl]];
    case 'posteriorWallDefect':
      return [['epidural', volumeMl]];
    case 'lateralCortexDefect':
    case 'cortexFissure':
      return [['paravertebral', volumeMl]];
    case 'breach':
      return [[breachLocation ?? 'tract', volumeMl]];
    case 'cleft':
      return [];
  }
}
