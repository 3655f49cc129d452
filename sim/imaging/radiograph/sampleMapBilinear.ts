/**
 * Sample an n x n map at normalised display coordinates (u, v in 0..1, pixel centres at
 * (i + 0.5) / n) with bilinear interpolation and clamped edges: what the GPU's linear filtering
 * does when the shader reads the line-integral texture. The CPU reference and the bench use it.
 */
export function sampleMapBilinear(map: ArrayLike<number>, n: number, u: number, v: number): number {
  const at = (i: number, j: number): number =>
    map[Math.min(n - 1, Math.max(0, j)) * n + Math.min(n - 1, Math.max(0, i))];
  const fi = u * n - 0.5;
  const fj = v * n - 0.5;
  const i0 = Math.floor(fi);
  const j0 = Math.floor(fj);
  const ti = fi - i0;
  const tj = fj - j0;
  return (
    (at(i0, j0) * (1 - ti) + at(i0 + 1, j0) * ti) * (1 - tj) +
    (at(i0, j0 + 1) * (1 - ti) + at(i0 + 1, j0 + 1) * ti) * tj
  );
}
