/**
 * Invariants the fuzzer checks on every snapshot, walked generically so a new field is covered
 * the day it is added: every number finite, no negative quantity where a negative is impossible,
 * and the cement mass balance.
 */

/**
 * Snapshot paths (array indices written `[]`) where a negative number is legitimate. Everything
 * else in the snapshot is a count, a time, a volume, a dose, a pressure or a size and must be >= 0.
 * A path matches when it equals a pattern or a pattern matches it with `*` for one segment.
 */
export const NEGATIVE_ALLOWED: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  {
    pattern: /\.(x|y|z)$/,
    why: 'a component of a Vec3 in patient coordinates: points (trocar tip and entry, balloon and cement centres, balloon outline, bowel gas, channels, openings, pedicles) lie on both sides of the origin, and unit directions (trocar direction, balloon axis) point either way',
  },
  {
    pattern: /Deg$/,
    why: 'a signed angle: C-arm orbit and tilt, patient pitch, and the wedge angle (negative once cement over-corrects the wedge)',
  },
  { pattern: /^carm\.panMm$/, why: 'the image centre above the target, mm: the C-arm pans caudally below it too' },
  { pattern: /^anatomy\.scenario\.patient\.tScore$/, why: 'a DXA T-score (-5 to 2) is negative in osteoporosis' },
  { pattern: /^patient\.rass$/, why: 'the Richmond Agitation-Sedation Scale is 0 awake and calm to -5 under sedation' },
  {
    pattern: /^anatomy\.bowelGas\[\]\.haustra\.phaseMm$/,
    why: "where a colon loop's first haustral fold lies along its axis: a patient-frame coordinate, either side of the origin",
  },
  {
    pattern: /^anatomy\.bowelGas\[\]\.gastric\.fluidLevelZ$/,
    why: "the gastric bubble's fluid level, a patient-frame z (in front of the spine, so usually negative)",
  },
];

/** Whether a negative number at this normalised path is legitimate. */
export function negativeAllowed(path: string): boolean {
  return NEGATIVE_ALLOWED.some((a) => a.pattern.test(path));
}

export interface Violation {
  readonly path: string;
  readonly value: unknown;
  readonly problem: 'non-finite' | 'negative';
}

/**
 * Walk a value and report non-finite numbers and unexpected negatives. `skip` names top-level
 * keys not to walk (the caller walks constant or append-only parts once). Cycles are ignored.
 */
export function walkNumbers(
  value: unknown,
  out: Violation[],
  path = '',
  seen: Set<object> = new Set(),
  skip: ReadonlySet<string> = new Set(),
): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ path, value, problem: 'non-finite' });
    else if (value < 0 && !negativeAllowed(path)) out.push({ path, value, problem: 'negative' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    const p = `${path}[]`;
    for (const item of value) walkNumbers(item, out, p, seen);
    return;
  }
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) {
      const n = arr[i];
      if (typeof n === 'number' && !Number.isFinite(n)) {
        out.push({ path: `${path}[]`, value: n, problem: 'non-finite' });
        break;
      }
    }
    return;
  }
  for (const key of Object.keys(value)) {
    if (path === '' && skip.has(key)) continue;
    walkNumbers((value as Record<string, unknown>)[key], out, path ? `${path}.${key}` : key, seen);
  }
}

/** Cement mass balance tolerance, mL: the models add and subtract floating-point volumes. */
export const MASS_BALANCE_TOLERANCE_ML = 1e-9;

export interface CementFigures {
  readonly injectedMl: number;
  readonly inBodyMl: number;
  readonly leakedMl: number;
  readonly inCannulaMl: number;
  readonly leaks: readonly { readonly volumeMl: number }[];
}

/**
 * Cement injected = in the body + leaked + still in the cannula (as tests/unit/cementSession.test.ts
 * checks it), and the listed leaks add up to no more than leakedMl: a leak is listed only once it
 * reaches the visible volume (sim/instruments/cement.ts), so seepage below that is in leakedMl alone.
 * Returns a problem or null.
 */
export function massBalanceProblem(c: CementFigures): string | null {
  const tol = MASS_BALANCE_TOLERANCE_ML * Math.max(1, c.injectedMl);
  const gap = c.injectedMl - c.inBodyMl - c.leakedMl - c.inCannulaMl;
  if (!(Math.abs(gap) <= tol)) {
    return `cement mass balance: injected ${c.injectedMl} != in body ${c.inBodyMl} + leaked ${c.leakedMl} + in cannula ${c.inCannulaMl} (gap ${gap})`;
  }
  const leakSum = c.leaks.reduce((s, l) => s + l.volumeMl, 0);
  if (!(leakSum <= c.leakedMl + tol)) {
    return `cement leaks add up to ${leakSum} mL, more than leakedMl ${c.leakedMl}`;
  }
  return null;
}
