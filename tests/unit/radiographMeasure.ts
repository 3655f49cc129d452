/**
 * Grey-level measuring tools for rendered fluoroscopy images (tests/unit/fluoroLandmarks.ts): line
 * profiles and the dark lines on them, as a radiologist's eye runs along a row of the image. They
 * know nothing of the anatomy; the caller says where to look. Bone is dark on these images (the
 * monitor's default), so a cortex seen edge-on is a dark line: a local minimum of a profile.
 */

/** A square 8-bit image, row-major, as renderStill returns it. */
export interface GreyImage {
  readonly grey: Uint8Array;
  readonly size: number;
}

/** Bilinear grey value at a pixel position (pixel centres at integer + 0.5). */
export function greyAt(img: GreyImage, x: number, y: number): number {
  const n = img.size;
  const fx = Math.min(n - 1, Math.max(0, x - 0.5));
  const fy = Math.min(n - 1, Math.max(0, y - 0.5));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(n - 1, x0 + 1);
  const y1 = Math.min(n - 1, y0 + 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const g = img.grey;
  const top = g[y0 * n + x0] * (1 - tx) + g[y0 * n + x1] * tx;
  const bottom = g[y1 * n + x0] * (1 - tx) + g[y1 * n + x1] * tx;
  return top * (1 - ty) + bottom * ty;
}

/**
 * Grey levels along the segment a -> b, one sample per `stepPx`, each the mean over a band
 * `halfWidthPx` either side across the segment (averaging along the line's normal keeps a
 * profile through a short cortex robust to one odd pixel).
 */
export function lineProfile(
  img: GreyImage,
  a: readonly [number, number],
  b: readonly [number, number],
  stepPx = 0.5,
  halfWidthPx = 1,
): number[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const n = Math.max(2, Math.round(len / stepPx) + 1);
  const ux = (b[0] - a[0]) / len;
  const uy = (b[1] - a[1]) / len;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i / (n - 1)) * len;
    let sum = 0;
    let count = 0;
    for (let w = -halfWidthPx; w <= halfWidthPx; w += 0.5) {
      sum += greyAt(img, a[0] + ux * t - uy * w, a[1] + uy * t + ux * w);
      count++;
    }
    out.push(sum / count);
  }
  return out;
}

/** A dark line crossed by a profile: where (sample index) and how far below its surroundings. */
export interface DarkLine {
  readonly at: number;
  /** Topographic prominence, grey levels: how far the profile must rise before reaching a darker point. */
  readonly depth: number;
}

/**
 * The local minima of a profile with their prominence (the rise needed on the lower of the two
 * sides before the profile reaches a darker sample or its end), darkest-prominence first. Plateaus
 * count once, at their middle.
 */
export function darkLines(profile: readonly number[], minDepth = 0): DarkLine[] {
  const out: DarkLine[] = [];
  const n = profile.length;
  for (let i = 1; i < n - 1; i++) {
    if (!(profile[i] < profile[i - 1])) continue;
    let j = i;
    while (j + 1 < n && profile[j + 1] === profile[i]) j++;
    if (j + 1 >= n || !(profile[j + 1] > profile[i])) continue;
    const v = profile[i];
    let leftMax = v;
    for (let k = i - 1; k >= 0 && profile[k] >= v; k--) leftMax = Math.max(leftMax, profile[k]);
    let rightMax = v;
    for (let k = j + 1; k < n && profile[k] >= v; k++) rightMax = Math.max(rightMax, profile[k]);
    const depth = Math.min(leftMax, rightMax) - v;
    if (depth >= minDepth) out.push({ at: (i + j) / 2, depth });
    i = j;
  }
  return out.sort((p, q) => q.depth - p.depth);
}

/**
 * How a cortex crosses a profile near an expected place: the dark lines within `window` samples of
 * `centre` that are at least `share` as deep as the deepest there, and the spread between the
 * outermost of them (0 for a single line). A cortex seen exactly edge-on gives one line; the
 * same cortex seen a few degrees off gives two (its near and far rims) or a band.
 */
export function cortexLines(
  profile: readonly number[],
  centre: number,
  window: number,
  share = 0.5,
  minDepth = 4,
): { count: number; spread: number; deepest: number; lines: DarkLine[] } {
  const near = darkLines(profile, minDepth).filter((l) => Math.abs(l.at - centre) <= window);
  if (near.length === 0) return { count: 0, spread: 0, deepest: 0, lines: [] };
  const deepest = near[0].depth;
  const lines = near.filter((l) => l.depth >= share * deepest).sort((p, q) => p.at - q.at);
  return { count: lines.length, spread: lines[lines.length - 1].at - lines[0].at, deepest, lines };
}

/**
 * Width (samples) of the dark band around the deepest dark line near `centre`: where the profile
 * climbs back above half its depth on either side. One edge-on cortex gives a thin band; two rims a
 * few millimetres apart give a band as wide as their spread even when the blur merges them into one
 * minimum.
 */
export function darkBandWidth(profile: readonly number[], centre: number, window: number, minDepth = 4): number {
  const near = darkLines(profile, minDepth).filter((l) => Math.abs(l.at - centre) <= window);
  if (near.length === 0) return 0;
  const m = near[0];
  const i0 = Math.round(m.at);
  const level = profile[i0] + m.depth / 2;
  let lo = i0;
  while (lo > 0 && profile[lo - 1] < level) lo--;
  let hi = i0;
  while (hi < profile.length - 1 && profile[hi + 1] < level) hi++;
  return hi - lo;
}

/** Mean grey over a disc of radius r pixels. */
export function meanInDisc(img: GreyImage, cx: number, cy: number, r: number): number {
  let sum = 0;
  let count = 0;
  for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
    for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++)
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) {
        sum += greyAt(img, x + 0.5, y + 0.5);
        count++;
      }
  return count ? sum / count : Number.NaN;
}

/**
 * Radial profile around a centre: for each radius (pixels, one per `stepPx`), the mean grey on the
 * circle (ellipse when `aspect` != 1: x radius = aspect * r). A pedicle seen end-on is a dark
 * annulus round a lighter core, so this profile falls from the core to a minimum at the wall.
 */
export function radialProfile(
  img: GreyImage,
  cx: number,
  cy: number,
  maxR: number,
  stepPx = 0.5,
  aspect = 1,
): number[] {
  const out: number[] = [];
  for (let r = 0; r <= maxR; r += stepPx) {
    const k = Math.max(8, Math.round(2 * Math.PI * r));
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const th = (i / k) * 2 * Math.PI;
      sum += greyAt(img, cx + Math.cos(th) * r * aspect, cy + Math.sin(th) * r);
    }
    out.push(sum / k);
  }
  return out;
}

/** Extent (pixels) of the pixels darker than `threshold` within radius r: the longest axis of their second moments (4 sd). */
export function darkBlobLength(img: GreyImage, cx: number, cy: number, r: number, threshold: number): number {
  const pts: [number, number][] = [];
  for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
    for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++)
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r && greyAt(img, x + 0.5, y + 0.5) < threshold)
        pts.push([x + 0.5, y + 0.5]);
  if (pts.length < 2) return 0;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [x, y] of pts) {
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
    sxy += (x - mx) * (y - my);
  }
  sxx /= pts.length;
  syy /= pts.length;
  sxy /= pts.length;
  const major = (sxx + syy) / 2 + Math.sqrt(((sxx - syy) / 2) ** 2 + sxy * sxy);
  return 4 * Math.sqrt(major);
}

/**
 * Spread (samples) of a step edge near `centre`: the distance between the first and last samples
 * whose slope, in the direction of the steepest one, is at least `share` of it. A solid band seen
 * once (a pedicle on a true lateral, both sides superimposed) has one sharp step; the same band
 * seen twice, a few millimetres apart, has a staircase whose steps are both counted.
 */
export function edgeSpread(profile: readonly number[], centre: number, window: number, share = 0.4): number {
  const lo = Math.max(1, Math.floor(centre - window));
  const hi = Math.min(profile.length - 2, Math.ceil(centre + window));
  const slope = (i: number): number => (profile[i + 1] - profile[i - 1]) / 2;
  let best = lo;
  for (let i = lo; i <= hi; i++) if (Math.abs(slope(i)) > Math.abs(slope(best))) best = i;
  const s = slope(best);
  if (s === 0) return 0;
  let first = best;
  let last = best;
  for (let i = lo; i <= hi; i++)
    if (slope(i) * Math.sign(s) >= share * Math.abs(s)) {
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
  return last - first;
}
