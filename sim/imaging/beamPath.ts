import type { Projection } from './projection';

/** Linear attenuation coefficient at a patient-frame point, per mm (createAttenuationField in sim/anatomy/attenuation.ts). */
export type AttenuationField = (x: number, y: number, z: number) => number;

/** Anything denser than this counts as patient, per mm (air ~0; aerated lung ~0.005; assumed). */
export const BODY_THRESHOLD_PER_MM = 0.002;
const STEP_MM = 2;

export interface BeamPath {
  /** Skin-to-skin thickness along the central ray, mm. */
  readonly thicknessMm: number;
  /** Isocentre to the entrance skin along the central ray, mm (0 if the ray misses the patient). */
  readonly entranceDepthMm: number;
  /** Line integral of attenuation along the central ray (dimensionless). */
  readonly lineIntegral: number;
}

/** Walk the central ray from source to detector and measure the patient it crosses. */
export function measureBeamPath(field: AttenuationField, projection: Projection): BeamPath {
  const { source: s, direction: d, pose } = projection;
  let first = -1;
  let last = -1;
  let integral = 0;
  for (let t = STEP_MM / 2; t < pose.sourceToImageMm; t += STEP_MM) {
    const mu = field(s.x + d.x * t, s.y + d.y * t, s.z + d.z * t);
    integral += mu * STEP_MM;
    if (mu > BODY_THRESHOLD_PER_MM) {
      if (first < 0) first = t;
      last = t;
    }
  }
  if (first < 0) return { thicknessMm: 0, entranceDepthMm: 0, lineIntegral: 0 };
  return {
    thicknessMm: last - first + STEP_MM,
    entranceDepthMm: Math.max(0, pose.sourceToIsocentreMm - first),
    lineIntegral: integral,
  };
}
