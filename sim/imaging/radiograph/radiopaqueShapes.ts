import { CEMENT_MU_PER_MM } from '../../anatomy/attenuation';
import type { SimSnapshot } from '../../session/snapshot';
import type { Vec3 } from '../../math/vec3';
import { GAUGE_OD_MM, gaugeToDiameterMm } from '../../instruments/trocarGauge';
import type { TrocarView } from '../../instruments/trocarView';

/**
 * What moves in the image, as simple solids with a uniform attenuation: the steel along each
 * access track (needle, stylet, guide pin, osteo-introducer), the balloon (iodinated contrast)
 * with its two radiopaque end markers, and cement deposits (PMMA with barium sulfate). Pure: tests and the preview script use it too.
 */
export type RadiopaqueShape =
  | {
      readonly kind: 'capsule';
      readonly a: Vec3;
      readonly b: Vec3;
      readonly radiusMm: number;
      /** A tube: its bore (radius) is empty. 0 for solid. */
      readonly innerRadiusMm: number;
      readonly muPerMm: number;
    }
  | {
      readonly kind: 'ellipsoid';
      readonly centre: Vec3;
      readonly radii: Vec3;
      readonly muPerMm: number;
      /** Cement: lobulated rim and mottled density (shapeIntegrals.ts: cementTexture). Uniform if absent. */
      readonly texture?: 'cement';
    }
  /**
   * A convex polygon in an axial (x, z) plane, counter-clockwise, extruded from yMin to yMax and,
   * if `within` is given, intersected with that axis-aligned ellipsoid (rounded top and bottom).
   */
  | {
      readonly kind: 'prism';
      readonly polygon: readonly { readonly x: number; readonly z: number }[];
      readonly yMin: number;
      readonly yMax: number;
      readonly within?: { readonly centre: Vec3; readonly radii: Vec3 };
      readonly muPerMm: number;
    };

/**
 * Linear attenuation at the ~50-60 keV mean energy of an 80-100 kVp beam, per mm, from NIST
 * mass attenuation coefficients (approximate): stainless steel 7.9 g/cm3 x ~1.2 cm2/g;
 * balloon contrast ~180 mg iodine/mL (60 % contrast as in the Kyphon IFU, diluted; assumed);
 * kyphoplasty cement ~30 % BaSO4 by weight: the anatomy's CEMENT_MU_PER_MM (an earlier level's set
 * cement is drawn with the same coefficient).
 */
export const MU_PER_MM = { steel: 0.95, contrast: 0.15, cement: CEMENT_MU_PER_MM } as const;

export { GAUGE_OD_MM };
/** Length of the steel shaft behind the tip (trocar / cannula working length, assumed), mm. */
export const SHAFT_LENGTH_MM = 150;
/** The balloon's end markers: small platinum-iridium bands, modelled as steel beads (assumed). */
const MARKER_RADIUS_MM = 0.8;
/** The working cannula is a thin-walled tube: bore 80 % of the outer diameter (assumed). */
const CANNULA_BORE_FRACTION = 0.8;
/** An access / biopsy needle with its stylet out: a regular-wall tube, bore ~75 % of its OD (11 G: ~2.3 of 3.05 mm; assumed). */
const NEEDLE_BORE_FRACTION = 0.75;
/**
 * Guide pin: a solid steel wire, 1.5 mm OD (assumed: no figure in docs/clinical-sources.md; it has to
 * pass the bore of a 13 G needle, ~1.8 mm, as well as an 11 G one).
 */
export const GUIDE_PIN_OD_MM = 1.5;
/**
 * Osteo-introducer working cannula, outer diameter, mm (assumed, Kyphon-style: larger than the
 * 11 G needle's 3.05 mm, with a bore that takes the balloon catheter and the cement nozzle).
 */
export const INTRODUCER_OD_MM = 4.2;

/** A steel shaft ending at the tip, along the track. */
function shaft(t: TrocarView, odMm: number, boreFraction: number, lengthMm = SHAFT_LENGTH_MM): RadiopaqueShape {
  const d = t.direction;
  const r = odMm / 2;
  return {
    kind: 'capsule',
    a: { x: t.tip.x - d.x * lengthMm, y: t.tip.y - d.y * lengthMm, z: t.tip.z - d.z * lengthMm },
    b: t.tip,
    radiusMm: r,
    innerRadiusMm: r * boreFraction,
    muPerMm: MU_PER_MM.steel,
  };
}

/**
 * The steel actually in the patient along one track (sim/instruments/accessInstruments.ts): the
 * needle, solid while its stylet is in and a tube once it is out; the guide pin alone once the
 * needle is off it; the osteo-introducer, solid while its stylet (around the pin) is in, an open
 * tube after. A pin inside the needle or the introducer adds nothing: both are drawn solid then.
 */
export function trackShapes(t: TrocarView): RadiopaqueShape[] {
  if (t.removed) return [];
  const i = t.instruments;
  if (i.cannulaIn) return [shaft(t, INTRODUCER_OD_MM, i.guidePinIn ? 0 : CANNULA_BORE_FRACTION)];
  const needleOd = gaugeToDiameterMm(t.gauge);
  if (i.needleIn) return [shaft(t, needleOd, i.styletIn || i.guidePinIn ? 0 : NEEDLE_BORE_FRACTION)];
  return i.guidePinIn ? [shaft(t, GUIDE_PIN_OD_MM, 0)] : [];
}

/**
 * The balloon is bonded onto its catheter just inside each marker band: its contrast ends about a
 * millimetre short of the band's centre, so both markers show as dense dots at the balloon's ends
 * (assumed; Kyphon-style tamps).
 */
const BALLOON_NECK_MM = 1;

/**
 * The contrast in the balloon as a solid between the two necks, holding the balloon's volume (so
 * the image shows exactly the contrast the syringe pushed). A non-compliant tamp is held at both
 * ends by its catheter and bulges between them: a capsule while it is slimmer than that length
 * (volume pi r^2 L - 2/3 pi r^3 solved for r), then, past the sphere of diameter L, an oblate
 * spheroid (semi-axis L/2 along the catheter, the rest of the volume round it). The renderer's
 * ellipsoids are axis-aligned, so the spheroid is drawn with its radii along x, y and z, rescaled
 * to the same volume: exact for an axis along x, y or z, close for the usual 10-25 degree medial
 * tilt (the shape is nearly round there anyway).
 */
export function balloonContrastShape(
  centre: Vec3,
  axis: Vec3,
  lengthMm: number,
  volumeMl: number,
): RadiopaqueShape | null {
  const v = volumeMl * 1000;
  const half = lengthMm / 2 - BALLOON_NECK_MM;
  if (!(v > 0) || !(half > 0)) return null;
  const at = (s: number): Vec3 => ({ x: centre.x + axis.x * s, y: centre.y + axis.y * s, z: centre.z + axis.z * s });
  if (v <= (4 / 3) * Math.PI * half ** 3) {
    const capsuleVolume = (r: number) => 2 * Math.PI * r * r * half - (2 / 3) * Math.PI * r ** 3;
    let lo = 0;
    let hi = half;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (capsuleVolume(mid) < v) lo = mid;
      else hi = mid;
    }
    const r = (lo + hi) / 2;
    return {
      kind: 'capsule',
      a: at(-(half - r)),
      b: at(half - r),
      radiusMm: r,
      innerRadiusMm: 0,
      muPerMm: MU_PER_MM.contrast,
    };
  }
  const b = Math.sqrt((3 * v) / (4 * Math.PI * half));
  // The spheroid's radius along a coordinate axis at cosine u to its own axis.
  const section = (u: number) => 1 / Math.sqrt((u * u) / (half * half) + (1 - u * u) / (b * b));
  const raw = { x: section(axis.x), y: section(axis.y), z: section(axis.z) };
  const k = Math.cbrt(v / ((4 / 3) * Math.PI * raw.x * raw.y * raw.z));
  return {
    kind: 'ellipsoid',
    centre,
    radii: { x: raw.x * k, y: raw.y * k, z: raw.z * k },
    muPerMm: MU_PER_MM.contrast,
  };
}

/** Convex hull of points in the (x, z) plane, counter-clockwise (Andrew's monotone chain). */
export function convexHullXZ(points: readonly { x: number; z: number }[]): { x: number; z: number }[] {
  const p = [...points].map((q) => ({ x: q.x, z: q.z })).sort((a, b) => a.x - b.x || a.z - b.z);
  if (p.length < 3) return p;
  const cross = (o: { x: number; z: number }, a: { x: number; z: number }, b: { x: number; z: number }) =>
    (a.x - o.x) * (b.z - o.z) - (a.z - o.z) * (b.x - o.x);
  const lower: { x: number; z: number }[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: { x: number; z: number }[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p[i]) <= 0) upper.pop();
    upper.push(p[i]);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** How far the rounding ellipsoid reaches beyond the outline's extent in x and z (it rounds the corners, the outline clips the sides; assumed). */
const ROUNDING_REACH = 1.2;
/** Grid per side for the rounded solid's volume (a 24 x 24 midpoint rule over the outline's box). */
const VOLUME_GRID = 24;

/**
 * The contrast shaped by the cavity: the balloon's section in the axial plane as the matter-js ring
 * found it (sim/physics/balloonWorld.ts: flattened where it meets cortex, bulging where bone gave
 * way), as the intersection of that outline's prism with an ellipsoid that rounds it above and
 * below; the ellipsoid's height is set so the solid holds the balloon's volume (the volume is
 * linear in it). Null when there is no usable outline.
 */
export function balloonOutlineShape(
  centre: Vec3,
  outline: readonly Vec3[] | null | undefined,
  volumeMl: number,
): RadiopaqueShape | null {
  if (!outline || outline.length < 3 || !(volumeMl > 0)) return null;
  const polygon = convexHullXZ(outline);
  if (polygon.length < 3) return null;
  const xs = polygon.map((p) => p.x);
  const zs = polygon.map((p) => p.z);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const z0 = Math.min(...zs);
  const z1 = Math.max(...zs);
  if (!(x1 - x0 > 0.5 && z1 - z0 > 0.5)) return null;
  const cx = (x0 + x1) / 2;
  const cz = (z0 + z1) / 2;
  const rx = ((x1 - x0) / 2) * ROUNDING_REACH;
  const rz = ((z1 - z0) / 2) * ROUNDING_REACH;
  // Volume per mm of the ellipsoid's vertical radius: the vertical chord 2 sqrt(1 - u^2 - w^2) over the outline.
  const inside = (x: number, z: number): boolean =>
    polygon.every((p, i) => {
      const q = polygon[(i + 1) % polygon.length];
      return (q.z - p.z) * (x - p.x) - (q.x - p.x) * (z - p.z) <= 0;
    });
  const dx = (x1 - x0) / VOLUME_GRID;
  const dz = (z1 - z0) / VOLUME_GRID;
  let perMm = 0;
  for (let i = 0; i < VOLUME_GRID; i++) {
    for (let k = 0; k < VOLUME_GRID; k++) {
      const x = x0 + (i + 0.5) * dx;
      const z = z0 + (k + 0.5) * dz;
      const e = 1 - ((x - cx) / rx) ** 2 - ((z - cz) / rz) ** 2;
      if (e > 0 && inside(x, z)) perMm += 2 * Math.sqrt(e) * dx * dz;
    }
  }
  if (!(perMm > 0)) return null;
  const ry = (volumeMl * 1000) / perMm;
  return {
    kind: 'prism',
    polygon,
    yMin: centre.y - ry,
    yMax: centre.y + ry,
    within: { centre: { x: cx, y: centre.y, z: cz }, radii: { x: rx, y: ry, z: rz } },
    muPerMm: MU_PER_MM.contrast,
  };
}

/** The inserted balloon: its contrast (if any) and a radiopaque marker band at each end of its working length. */
function balloonShapes(
  centre: Vec3,
  axis: Vec3,
  lengthMm: number,
  volumeMl: number,
  outline?: readonly Vec3[] | null,
): RadiopaqueShape[] {
  const half = lengthMm / 2;
  const marker = { x: MARKER_RADIUS_MM, y: MARKER_RADIUS_MM, z: MARKER_RADIUS_MM };
  const end = (s: number): Vec3 => ({ x: centre.x + axis.x * s, y: centre.y + axis.y * s, z: centre.z + axis.z * s });
  // The ring's outline where the simulation has one; the volume-shaped capsule / spheroid otherwise.
  const body = balloonOutlineShape(centre, outline, volumeMl) ?? balloonContrastShape(centre, axis, lengthMm, volumeMl);
  return [
    ...(body ? [body] : []),
    { kind: 'ellipsoid', centre: end(-half), radii: marker, muPerMm: MU_PER_MM.steel },
    { kind: 'ellipsoid', centre: end(half), radii: marker, muPerMm: MU_PER_MM.steel },
  ];
}

/**
 * Contrast out of a ruptured balloon, spread through the trabeculae over a sphere of the radius the
 * simulation reports: the contrast's attenuation diluted by the share of that sphere it fills
 * (never denser than the contrast itself). It stays after the balloon is out.
 */
function contrastCloud(centre: Vec3, volumeMl: number, radiusMm: number): RadiopaqueShape {
  const fill = Math.min(1, (volumeMl * 1000) / ((4 / 3) * Math.PI * radiusMm ** 3));
  return {
    kind: 'ellipsoid',
    centre,
    radii: { x: radiusMm, y: radiusMm, z: radiusMm },
    muPerMm: MU_PER_MM.contrast * fill,
  };
}

/**
 * Share of a deposit's ellipsoid the cement fills: interdigitated cement lies in the pores of a
 * block of bone (sim/instruments/cementBodyFlow.ts), so the block is only as opaque as its cement; a
 * solid blob or leak track is full (1).
 */
function depositFill(dep: { readonly radii: Vec3; readonly volumeMl: number }): number {
  const ellipsoidMl = ((4 / 3) * Math.PI * dep.radii.x * dep.radii.y * dep.radii.z) / 1000;
  return ellipsoidMl > 0 ? Math.min(1, dep.volumeMl / ellipsoidMl) : 0;
}

/** Lumen of a paravertebral / segmental vein that cement fills, radius, mm (veins of 2-3 mm; assumed). */
export const VENOUS_CAST_RADIUS_MM = 1.25;
/** Longest venous cast drawn, mm: more cement thickens it rather than running further (assumed). */
export const VENOUS_CAST_MAX_MM = 60;

/**
 * A venous leak as what it looks like, a thin dense line: cement filling a vein is a cast of its
 * lumen. The snapshot gives the leak's centre and a cranio-caudal ellipsoid of its volume (the
 * paravertebral veins run cranio-caudally) but not the vein's path, so the cast is a straight
 * solid capsule along that ellipsoid's long axis, as long as its volume fills a 2.5 mm lumen (at
 * most 60 mm, then wider).
 */
export function venousCast(centre: Vec3, radii: Vec3, volumeMl: number): RadiopaqueShape {
  const mm3 = volumeMl * 1000;
  const along = radii.y >= radii.x && radii.y >= radii.z ? 'y' : radii.x >= radii.z ? 'x' : 'z';
  let r = VENOUS_CAST_RADIUS_MM;
  let len = mm3 / (Math.PI * r * r);
  if (len > VENOUS_CAST_MAX_MM) {
    len = VENOUS_CAST_MAX_MM;
    r = Math.sqrt(mm3 / (Math.PI * len));
  }
  const half = Math.max(0, len / 2 - (2 / 3) * r);
  const offset = { x: along === 'x' ? half : 0, y: along === 'y' ? half : 0, z: along === 'z' ? half : 0 };
  return {
    kind: 'capsule',
    a: { x: centre.x - offset.x, y: centre.y - offset.y, z: centre.z - offset.z },
    b: { x: centre.x + offset.x, y: centre.y + offset.y, z: centre.z + offset.z },
    radiusMm: r,
    innerRadiusMm: 0,
    muPerMm: MU_PER_MM.cement,
  };
}

/** The moving radiopaque parts of a snapshot. */
export function shapesFromSnapshot(
  snapshot: Pick<SimSnapshot, 'trocar' | 'trocars' | 'balloon' | 'cement'> & Partial<Pick<SimSnapshot, 'skinMark'>>,
): RadiopaqueShape[] {
  // Every track stays in until instrument removal, so a bipedicular case shows both. A needle still
  // outside the skin is drawn only for the side in use (its tip on the skin localises the entry on
  // AP); a side chosen and then abandoned before the puncture has nothing in the patient.
  const activeSide = snapshot.trocar?.side;
  const shapes: RadiopaqueShape[] = snapshot.trocars
    .filter((t) => t.depthMm > 0 || t.side === activeSide)
    .flatMap(trackShapes);
  const bl = snapshot.balloon;
  if (bl?.inserted) shapes.push(...balloonShapes(bl.centre, bl.axis, bl.lengthMm, bl.volumeMl, bl.outline));
  const leak = bl?.contrastLeak;
  if (leak && leak.volumeMl > 0 && leak.radiusMm > 0)
    shapes.push(contrastCloud(leak.centre, leak.volumeMl, leak.radiusMm));
  for (const dep of snapshot.cement.deposits) {
    if (!(dep.volumeMl > 0)) continue;
    if (dep.location === 'venous') {
      shapes.push(venousCast(dep.centre, dep.radii, dep.volumeMl));
      continue;
    }
    shapes.push({
      kind: 'ellipsoid',
      centre: dep.centre,
      radii: dep.radii,
      muPerMm: MU_PER_MM.cement * depositFill(dep),
      texture: 'cement',
    });
  }
  if (snapshot.skinMark) shapes.push(skinMarkShape(snapshot.skinMark.position));
  return shapes;
}

/**
 * The radiopaque skin marker over the level (level.mark): a small metal disc on the skin, 8 mm
 * across and 3 mm thick (assumed), a black dot on the AP image over the marked vertebra.
 */
export const SKIN_MARKER_RADII_MM = { x: 4, y: 4, z: 1.5 } as const;
export function skinMarkShape(position: Vec3): RadiopaqueShape {
  return {
    kind: 'ellipsoid',
    centre: { x: position.x, y: position.y, z: position.z + SKIN_MARKER_RADII_MM.z },
    radii: SKIN_MARKER_RADII_MM,
    muPerMm: MU_PER_MM.steel,
  };
}
