import { vec3, type Vec3 } from '../math/vec3';
import { beamAxes, type CArmPose } from './carmPose';

/**
 * Cone-beam projection of a C-arm pose. Detector coordinates (u, v) are millimetres in the
 * detector plane from its centre: u to image right, v to image up (see carmPose.ts for the
 * orientation conventions). Every quantity is also exposed as plain numbers so per-pixel loops
 * can run without allocating.
 */
export interface Projection {
  readonly pose: CArmPose;
  /** Diameter of the round image-intensifier field, mm at the detector. */
  readonly detectorSizeMm: number;
  readonly source: Vec3;
  /** Unit central ray, source -> detector. */
  readonly direction: Vec3;
  /** Unit image axes in the patient frame. */
  readonly right: Vec3;
  readonly up: Vec3;
  /** Detector centre in the patient frame. */
  readonly detectorCentre: Vec3;
  /** Magnification of objects at the isocentre (SID / SOD). */
  readonly isocentreMagnification: number;
  /** Project a patient-frame point onto the detector; null when it is not in front of the source. */
  project(p: Vec3): DetectorPoint | null;
  /** Allocation-free projection into out[0..2] = (uMm, vMm, depthMm along the central ray); returns false behind the source. */
  projectInto(x: number, y: number, z: number, out: Float64Array): boolean;
  /** Unit ray direction from the source through detector point (uMm, vMm), written into out[0..2]. */
  rayDirectionInto(uMm: number, vMm: number, out: Float64Array): void;
  /** Ray from the source through a detector point. */
  rayAt(uMm: number, vMm: number): { readonly origin: Vec3; readonly direction: Vec3 };
}

export interface DetectorPoint {
  readonly uMm: number;
  readonly vMm: number;
  /** Distance from the source along the central ray, mm. */
  readonly depthMm: number;
  /** Magnification at that depth (SID / depth). */
  readonly magnification: number;
}

/** Build the projection for a pose and an image-intensifier field diameter. */
export function createProjection(pose: CArmPose, detectorSizeMm: number): Projection {
  const { direction: d, right: r, up: u } = beamAxes(pose);
  const sod = pose.sourceToIsocentreMm;
  const sid = pose.sourceToImageMm;
  const iso = pose.isocentre;
  const sx = iso.x - d.x * sod;
  const sy = iso.y - d.y * sod;
  const sz = iso.z - d.z * sod;
  const source = vec3(sx, sy, sz);
  const detectorCentre = vec3(sx + d.x * sid, sy + d.y * sid, sz + d.z * sid);

  const projectInto = (x: number, y: number, z: number, out: Float64Array): boolean => {
    const px = x - sx;
    const py = y - sy;
    const pz = z - sz;
    const depth = px * d.x + py * d.y + pz * d.z;
    if (depth <= 1e-6) return false;
    const k = sid / depth;
    out[0] = (px * r.x + py * r.y + pz * r.z) * k;
    out[1] = (px * u.x + py * u.y + pz * u.z) * k;
    out[2] = depth;
    return true;
  };

  const rayDirectionInto = (uMm: number, vMm: number, out: Float64Array): void => {
    const x = d.x * sid + r.x * uMm + u.x * vMm;
    const y = d.y * sid + r.y * uMm + u.y * vMm;
    const z = d.z * sid + r.z * uMm + u.z * vMm;
    const inv = 1 / Math.hypot(x, y, z);
    out[0] = x * inv;
    out[1] = y * inv;
    out[2] = z * inv;
  };

  const scratch = new Float64Array(3);
  return {
    pose,
    detectorSizeMm,
    source,
    direction: d,
    right: r,
    up: u,
    detectorCentre,
    isocentreMagnification: sid / sod,
    project(p) {
      if (!projectInto(p.x, p.y, p.z, scratch)) return null;
      return { uMm: scratch[0], vMm: scratch[1], depthMm: scratch[2], magnification: sid / scratch[2] };
    },
    projectInto,
    rayDirectionInto,
    rayAt(uMm, vMm) {
      const out = new Float64Array(3);
      rayDirectionInto(uMm, vMm, out);
      return { origin: source, direction: vec3(out[0], out[1], out[2]) };
    },
  };
}
