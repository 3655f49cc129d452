/**
 * The vertebral body's axial footprint, in coordinates relative to the body centre (x lateral,
 * z posterior): an ellipse (half-width a, half-depth b) in front of the centre and a
 * superellipse of exponent 4 behind it. The flattened back keeps the posterior wall nearly straight
 * where the pedicles join, so the lateral view shows it as one line, as on a real film.
 */

/** Approximate signed distance (mm, negative inside) from (x, z) to the footprint's rim; exact on the rim, first-order near it. */
export function footprintSignedDistance(x: number, z: number, a: number, b: number): number {
  const u = x / a;
  const w = z / b;
  if (z <= 0) {
    const r = Math.sqrt(u * u + w * w);
    if (r < 1e-9) return -Math.min(a, b);
    const gx = u / a;
    const gz = w / b;
    return ((r - 1) * r) / Math.sqrt(gx * gx + gz * gz);
  }
  const u2 = u * u;
  const w2 = w * w;
  const f = Math.sqrt(Math.sqrt(u2 * u2 + w2 * w2));
  if (f < 1e-9) return -Math.min(a, b);
  const gx = (u2 * u) / a;
  const gz = (w2 * w) / b;
  return ((f - 1) * f * f * f) / Math.sqrt(gx * gx + gz * gz);
}

/** Posterior wall z (relative to the centre) at lateral offset x; 0 beyond the body's width. */
export function posteriorWallZ(x: number, a: number, b: number): number {
  const u = Math.min(1, Math.abs(x) / a);
  return b * Math.sqrt(Math.sqrt(1 - u * u * u * u));
}

/** Point on the rim at parameter theta (0 = left, pi/2 = posterior, pi = right, 3pi/2 = anterior). */
export function footprintRimPoint(theta: number, a: number, b: number): { x: number; z: number } {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  if (s <= 0) return { x: a * c, z: b * s };
  return { x: a * Math.sign(c) * Math.sqrt(Math.abs(c)), z: b * Math.sqrt(s) };
}

/**
 * Distance (mm) from an outside point (px, py) to the ellipse x^2/a^2 + y^2/b^2 = 1; 0 inside.
 * Bisection on Eberly's root function, accurate to ~1e-6 mm (used for breach depth).
 */
export function ellipseDistanceOutside(px: number, py: number, a: number, b: number): number {
  const x = Math.abs(px);
  const y = Math.abs(py);
  if ((x * x) / (a * a) + (y * y) / (b * b) <= 1) return 0;
  const f = (s: number): number => {
    const qx = (a * x) / (s + a * a);
    const qy = (b * y) / (s + b * b);
    return qx * qx + qy * qy - 1;
  };
  let lo = 0;
  let hi = Math.max(a, b) * Math.hypot(x, y) + Math.max(a, b) ** 2;
  for (let i = 0; i < 80 && f(hi) > 0; i++) hi *= 2;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  const s = 0.5 * (lo + hi);
  const cx = (a * a * x) / (s + a * a);
  const cy = (b * b * y) / (s + b * b);
  return Math.hypot(x - cx, y - cy);
}
