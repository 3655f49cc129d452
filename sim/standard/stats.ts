/**
 * The statistics of standard setting by contrasting groups: pure functions of two groups' total
 * scores (experts and novices). The pass mark is where the two groups' fitted normal densities
 * cross between their means: below it a score is likelier a novice's, above it an expert's.
 */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/**
 * Cohen's d: the difference of the means (experts minus novices) over the pooled sample standard
 * deviation. Null when either group has fewer than two scores; infinite when both groups are
 * constant and differ.
 */
export function cohensD(experts: readonly number[], novices: readonly number[]): number | null {
  const ne = experts.length;
  const nn = novices.length;
  if (ne < 2 || nn < 2) return null;
  const pooled = Math.sqrt(((ne - 1) * sd(experts) ** 2 + (nn - 1) * sd(novices) ** 2) / (ne + nn - 2));
  const diff = mean(experts) - mean(novices);
  if (pooled === 0) return diff === 0 ? 0 : diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return diff / pooled;
}

/** The normal density at x. */
export function normalDensity(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}

/** Log of the normal density (stable far in the tails, where the density itself underflows). */
function logDensity(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma);
}

/**
 * The contrasting-groups pass mark: the score between the novice and the expert means where the
 * normal densities fitted to each group (their mean and sample sd) are equal. A group whose sd is
 * below minSd (e.g. every expert scored 100) is given minSd, so the mark stays defined. Null when
 * a group is empty or the experts' mean is not above the novices'.
 */
export function contrastingGroupsMark(
  experts: readonly number[],
  novices: readonly number[],
  minSd = 1,
): number | null {
  if (experts.length === 0 || novices.length === 0) return null;
  const me = mean(experts);
  const mn = mean(novices);
  if (!(me > mn)) return null;
  const se = Math.max(minSd, sd(experts));
  const sn = Math.max(minSd, sd(novices));
  // g < 0: a novice's score is likelier; g > 0: an expert's. Normally g < 0 at the novice mean
  // and g > 0 at the expert mean; bisect where the sign changes.
  const g = (x: number): number => logDensity(x, me, se) - logDensity(x, mn, sn);
  let lo = mn;
  let hi = me;
  const glo = g(lo);
  const ghi = g(hi);
  // No crossing between the means (one curve dominates the whole interval): the mark falls back to
  // the point between the means weighted by the sds, where the two z-scores are equal.
  if (glo > 0 || ghi < 0) return (mn * se + me * sn) / (se + sn);
  for (let i = 0; i < 100 && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
