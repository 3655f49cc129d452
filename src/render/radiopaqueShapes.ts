import type { SimSnapshot } from '../../sim/snapshot';
import type { Vec3 } from '../../sim/math/vec3';
import { GAUGE_OD_MM, gaugeToDiameterMm } from '../../sim/instruments/trocarGauge';

/**
 * What moves in the image, as simple solids with a uniform attenuation: the trocar / cannula
 * (steel), the balloon (iodinated contrast) with its two radiopaque end markers, and cement
 * deposits (PMMA with barium sulfate). Pure: tests and the preview script use it too.
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
  | { readonly kind: 'ellipsoid'; readonly centre: Vec3; readonly radii: Vec3; readonly muPerMm: number };

/**
 * Linear attenuation at the ~50-60 keV mean energy of an 80-100 kVp beam, per mm, from NIST
 * mass attenuation coefficients (approximate): stainless steel 7.9 g/cm3 x ~1.2 cm2/g;
 * balloon contrast ~180 mg iodine/mL (60 % contrast as in the Kyphon IFU, diluted; assumed);
 * kyphoplasty cement ~30 % BaSO4 by weight (clinical-reference.md) -> ~0.28 g Ba/cm3.
 */
export const MU_PER_MM = { steel: 0.95, contrast: 0.15, cement: 0.26 } as const;

export { GAUGE_OD_MM };
/** Length of the steel shaft behind the tip (trocar / cannula working length, assumed), mm. */
export const SHAFT_LENGTH_MM = 150;
/** The balloon's end markers: small platinum-iridium bands, modelled as steel beads (assumed). */
const MARKER_RADIUS_MM = 0.8;
/** The working cannula is a thin-walled tube: bore 80 % of the outer diameter (assumed). */
const CANNULA_BORE_FRACTION = 0.8;

/** The moving radiopaque parts of a snapshot. */
export function shapesFromSnapshot(snapshot: SimSnapshot): RadiopaqueShape[] {
  const shapes: RadiopaqueShape[] = [];
  // Every cannula stays in until instrument removal, so a bipedicular case shows both.
  for (const t of snapshot.trocars) {
    if (t.removed) continue;
    const r = gaugeToDiameterMm(t.gauge) / 2;
    const d = t.direction;
    shapes.push({
      kind: 'capsule',
      a: { x: t.tip.x - d.x * SHAFT_LENGTH_MM, y: t.tip.y - d.y * SHAFT_LENGTH_MM, z: t.tip.z - d.z * SHAFT_LENGTH_MM },
      b: t.tip,
      radiusMm: r,
      innerRadiusMm: t.cannula ? r * CANNULA_BORE_FRACTION : 0,
      muPerMm: MU_PER_MM.steel,
    });
  }
  const bl = snapshot.balloon;
  if (bl && bl.inserted) {
    const half = bl.lengthMm / 2;
    const core = Math.max(0, half - bl.radiusMm);
    const at = (s: number): Vec3 => ({ x: bl.centre.x + bl.axis.x * s, y: bl.centre.y + bl.axis.y * s, z: bl.centre.z + bl.axis.z * s });
    if (bl.radiusMm > 0) {
      shapes.push({ kind: 'capsule', a: at(-core), b: at(core), radiusMm: bl.radiusMm, innerRadiusMm: 0, muPerMm: MU_PER_MM.contrast });
    }
    const marker = { x: MARKER_RADIUS_MM, y: MARKER_RADIUS_MM, z: MARKER_RADIUS_MM };
    shapes.push({ kind: 'ellipsoid', centre: at(-half), radii: marker, muPerMm: MU_PER_MM.steel });
    shapes.push({ kind: 'ellipsoid', centre: at(half), radii: marker, muPerMm: MU_PER_MM.steel });
  }
  for (const dep of snapshot.cement.deposits) {
    if (dep.volumeMl > 0) shapes.push({ kind: 'ellipsoid', centre: dep.centre, radii: dep.radii, muPerMm: MU_PER_MM.cement });
  }
  return shapes;
}
