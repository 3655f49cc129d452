import { type CompiledVertebra, POSTERIOR_CORTEX_MM } from './compileAnatomy';
import { CODE } from './tissueCodes';

/** What the shapes below return outside themselves (the classifier's "no answer"). */
const NONE = -1;

/**
 * The posterior elements of one vertebra (lamina, articular pillar, transverse process, spinous
 * process) at |x - centre| = ax: a tissue code, or NONE. endX and pa are the pedicle's (of the
 * point's side) posterior-end |x| and half-width.
 */
export function posteriorElements(
  cv: CompiledVertebra,
  ax: number,
  y: number,
  z: number,
  endX: number,
  pa: number,
): number {
  const py = cv.pedY;
  const ph = cv.pedHalfH;
  const zEnd = cv.zEnd;
  let code = box(ax, -1, cv.laminaHalfX, y, py - ph - 8, py + ph + 1, z, zEnd, cv.laminaZ);
  if (code !== NONE) return code;
  // Articular pillar (facets) over the medial half of the pedicle's end.
  code = box(ax, endX - pa - 3, endX, y, py - ph - 6, py + ph + 5, z, zEnd - 3, zEnd + 8);
  if (code !== NONE) return code;
  // Transverse process: elliptic section (8 x 5 mm), narrowing to a rounded tip over its last 6 mm.
  const x0 = endX + pa - 1;
  if (ax >= x0 && ax <= cv.tpHalfSpan) {
    const tip = Math.min(1, (cv.tpHalfSpan - ax) / 6);
    const k = Math.sqrt(tip * (2 - tip));
    const u = (y - py) / (4 * k + 0.5);
    const w = (z - (zEnd - 2.5)) / (2.5 * k + 0.5);
    const r2 = u * u + w * w;
    if (r2 <= 1) return r2 > (1 - POSTERIOR_CORTEX_MM / 3) ** 2 ? CODE.cortical : CODE.cancellous;
  }
  // Spinous process: elliptic section, 5 mm wide at the lamina widening to 7 mm at the tip, sloping caudally.
  if (ax <= 3.5 && z >= cv.laminaZ - 2 && z <= cv.spinousTipZ) {
    const yc = py - 2 - cv.spinousSlope * Math.max(0, z - cv.laminaZ);
    const hw = 2.5 + (z - cv.laminaZ) / (cv.spinousTipZ - cv.laminaZ);
    const u = ax / hw;
    const w = (y - yc) / cv.spinousHalfH;
    const r2 = u * u + w * w;
    if (r2 <= 1) {
      const ui = ax / (hw - POSTERIOR_CORTEX_MM);
      const wi = (y - yc) / (cv.spinousHalfH - POSTERIOR_CORTEX_MM);
      return ui * ui + wi * wi > 1 ? CODE.cortical : CODE.cancellous;
    }
  }
  return NONE;
}

/** Bone box with a cortical shell; NONE outside. */
function box(
  x: number,
  x0: number,
  x1: number,
  y: number,
  y0: number,
  y1: number,
  z: number,
  z0: number,
  z1: number,
): number {
  if (x < x0 || x > x1 || y < y0 || y > y1 || z < z0 || z > z1) return NONE;
  const d = Math.min(x1 - x, y - y0, y1 - y, z - z0, z1 - z, x0 < 0 ? Infinity : x - x0);
  return d < POSTERIOR_CORTEX_MM ? CODE.cortical : CODE.cancellous;
}
