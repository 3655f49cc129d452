import type { CementPhase } from '../core/events';
import type { Scenario } from '../../levels/scenarioSchema';

/**
 * The cement's phase clock (FIRST MODEL, README "Cement"). Times at 22 C (BMC Musculoskelet Disord
 * 2012): liquid incl. sticky 5.1 min, working 3.4 min, handling 8.5 min; pre-chilled 9.4 / 5.8 /
 * 15.2 min. Setting ~13 min for a high-viscosity kyphoplasty cement (Kyphon patent US7968616); warm
 * storage shortens every phase by ~30 % (same patent). Viscosity passes ~500 Pa s 3-4 min after mixing
 * (same patent). All in docs/clinical-sources.md, Cement.
 */
export interface CementTimeline {
  /** Seconds after mixing at which each phase ends. */
  readonly liquidEndS: number;
  readonly stickyEndS: number;
  readonly workingEndS: number;
  readonly setS: number;
}

const MIN = 60;
/** Reference temperature of the published times, C. */
const REFERENCE_C = 22;
/** ~30 % shorter when warm (Kyphon patent); "warm" taken as +8 C (assumed), applied exponentially. */
const WARM_FACTOR = 0.7;
const WARM_DELTA_C = 8;
/** Share of the 5.1 min liquid interval that is already sticky (assumed). */
const STICKY_SHARE = 0.4;

/** Phase times for a cement at the scenario's room temperature, optionally pre-chilled. */
export function cementTimeline(settings: Scenario['cement']): CementTimeline {
  const liquidInclSticky = settings.preChilled ? 9.4 : 5.1;
  const working = settings.preChilled ? 5.8 : 3.4;
  // Setting scales with handling time when chilled (assumed): 13 min x 15.2 / 8.5.
  const set = settings.preChilled ? (13 * 15.2) / 8.5 : 13;
  const k = Math.pow(WARM_FACTOR, (settings.roomTempC - REFERENCE_C) / WARM_DELTA_C);
  return {
    liquidEndS: liquidInclSticky * (1 - STICKY_SHARE) * k * MIN,
    stickyEndS: liquidInclSticky * k * MIN,
    workingEndS: (liquidInclSticky + working) * k * MIN,
    setS: set * k * MIN,
  };
}

/** Phase at sinceMixS seconds after mixing (null: not mixed). */
export function cementPhaseAt(t: CementTimeline, sinceMixS: number | null): CementPhase {
  if (sinceMixS === null) return 'unmixed';
  if (sinceMixS < t.liquidEndS) return 'liquid';
  if (sinceMixS < t.stickyEndS) return 'sticky';
  if (sinceMixS < t.workingEndS) return 'working';
  if (sinceMixS < t.setS) return 'setting';
  return 'set';
}

/**
 * Low-shear viscosity, Pa s, log-linear between anchors (assumed values, placed so that 500 Pa s is
 * passed 3-4 min after mixing at 22 C, Kyphon patent): 20 at mixing, 400 at the end of the liquid
 * phase, 1000 when the dough becomes workable, 3000 at the end of working, 1e5 at set, 1e6 two
 * minutes later.
 */
export function cementViscosityPaS(t: CementTimeline, sinceMixS: number | null): number {
  if (sinceMixS === null) return 0;
  const anchors: readonly (readonly [number, number])[] = [
    [0, 20],
    [t.liquidEndS, 400],
    [t.stickyEndS, 1000],
    [t.workingEndS, 3000],
    [t.setS, 1e5],
    [t.setS + 2 * MIN, 1e6],
  ];
  const s = Math.max(0, sinceMixS);
  for (let i = 1; i < anchors.length; i++) {
    const [t0, v0] = anchors[i - 1];
    const [t1, v1] = anchors[i];
    if (s <= t1) return v0 * Math.pow(v1 / v0, (s - t0) / (t1 - t0));
  }
  return 1e6;
}

/** The phases in order, for event emission. */
export const CEMENT_PHASES: readonly CementPhase[] = ['unmixed', 'liquid', 'sticky', 'working', 'setting', 'set'];
