import type { Anatomy, EndplateLift, VertebraGeometry } from '../anatomy/types';
import { targetVertebra } from './endplateGeometry';
import { BALLOON_MODEL } from './balloonModel';

/**
 * Postural reduction without a balloon (vertebroplasty): prone positioning and cement pressure
 * regain ~1.5 degrees of wedge angle at a full fill (Papanastassiou et al. 2012: vertebroplasty
 * 1.7 deg vs kyphoplasty 4.8 deg; docs/clinical-sources.md, Balloon). Kept under 2 degrees.
 */
const VERTEBROPLASTY_REDUCTION_DEG = 1.5;
/** Cement volume for a full vertebroplasty effect, mL (typical 4-5 mL per level, SWISSspine; docs/clinical-sources.md). */
const FULL_FILL_ML = 4;

/** What the support model needs each step. Balloon values may be omitted once the balloon is gone. */
export interface SupportInputs {
  /** Lift the balloon holds now (after deflation: what is left) and the largest it reached. */
  readonly balloonLift?: EndplateLift;
  readonly balloonPeakLift?: EndplateLift;
  /** Cavity the balloon made, mL. */
  readonly cavityMl?: number;
  /** Contrast in the balloon(s) now, mL (for the height stages: after deflation means 0 here). */
  readonly balloonVolumeMl?: number;
  readonly cementInCavityMl: number;
  readonly cementInBodyMl: number;
  readonly cementSet: boolean;
}

const zero: EndplateLift = { anteriorMm: 0, middleMm: 0 };

/** The lift now plus the reseated share of what deflation lost (cement filling `fill` of the cavity). */
const reseated = (now: number, peak: number, fill: number, reseat: number): number =>
  now + Math.max(0, peak - now) * fill * reseat;

/** The lift at each stage of a kyphoplasty: at full inflation, after deflation, after cement (null until reached). */
export interface LiftStages {
  readonly peak: EndplateLift | null;
  readonly afterDeflation: EndplateLift | null;
  readonly afterCement: EndplateLift | null;
}

/**
 * How much of the endplate lift the vertebra keeps (FIRST MODEL, README "Height"):
 * held = balloon lift now + (peak - now) x min(1, cement in cavity / cavity volume) x reseat: cement
 * pushed into the cavity wins back part (reseat, assumed 50 %) of what deflation lost.
 * Without a balloon, a small postural reduction grows with the cement volume. Set cement freezes it.
 */
export class EndplateSupport {
  private readonly v: VertebraGeometry;
  private lastLift: EndplateLift = zero;
  private lastPeak: EndplateLift = zero;
  private lastCavityMl = 0;
  private held: EndplateLift = zero;
  private frozen = false;
  private inflated = false;
  private deflatedLift: EndplateLift | null = null;
  private cemented = false;

  /**
   * Support model for the target vertebra of this anatomy. `cementReseat` is the share of the lift
   * lost on deflation that cement in a full cavity wins back (BALLOON_MODEL.cementReseat, assumed).
   */
  constructor(
    anatomy: Anatomy,
    private readonly cementReseat = BALLOON_MODEL.cementReseat,
  ) {
    this.v = targetVertebra(anatomy);
  }

  /** Lift at full inflation, after deflation and after cement, as far as the procedure got. */
  stages(): LiftStages {
    const used = this.lastPeak.anteriorMm > 0 || this.lastPeak.middleMm > 0 || this.inflated;
    return {
      peak: used ? this.lastPeak : null,
      afterDeflation: this.deflatedLift,
      afterCement: this.cemented ? this.held : null,
    };
  }

  /** Update from the balloon and the cement; returns the lift held now. */
  update(input: SupportInputs): EndplateLift {
    if (this.frozen) return this.held;
    if (input.balloonLift) this.lastLift = input.balloonLift;
    if (input.balloonPeakLift) this.lastPeak = input.balloonPeakLift;
    if (input.cavityMl !== undefined) this.lastCavityMl = input.cavityMl;
    const fill = this.lastCavityMl > 0 ? Math.min(1, Math.max(0, input.cementInCavityMl) / this.lastCavityMl) : 0;
    const balloon: EndplateLift = {
      anteriorMm: reseated(this.lastLift.anteriorMm, this.lastPeak.anteriorMm, fill, this.cementReseat),
      middleMm: reseated(this.lastLift.middleMm, this.lastPeak.middleMm, fill, this.cementReseat),
    };
    const vp = this.vertebroplastyLift(input.cementInBodyMl);
    this.held = {
      anteriorMm: Math.max(balloon.anteriorMm, vp.anteriorMm),
      middleMm: Math.max(balloon.middleMm, vp.middleMm),
    };
    const volume = input.balloonVolumeMl ?? 0;
    if (volume > 0) this.inflated = true;
    if (input.cementInBodyMl > 0) this.cemented = true;
    else if (this.inflated && volume <= 0) this.deflatedLift = this.held;
    if (input.cementSet) this.frozen = true;
    return this.held;
  }

  /** Set cement froze the lift: update() changes nothing any more. */
  get isFrozen(): boolean {
    return this.frozen;
  }

  /** The lift held after the last update. */
  lift(): EndplateLift {
    return this.held;
  }

  private vertebroplastyLift(inBodyMl: number): EndplateLift {
    const v = this.v;
    const lostAnt = Math.max(0, v.intactHeightMm - v.anteriorHeightMm);
    const lostMid = Math.max(0, v.intactHeightMm - v.middleHeightMm);
    const f = Math.min(1, Math.max(0, inBodyMl) / FULL_FILL_ML);
    const ant = Math.min(lostAnt, v.bodyDepthMm * Math.tan((VERTEBROPLASTY_REDUCTION_DEG * Math.PI) / 180)) * f;
    return { anteriorMm: ant, middleMm: lostAnt > 0 ? (ant * lostMid) / lostAnt : 0 };
  }
}
