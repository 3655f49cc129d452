import type { EndplateLift } from '../anatomy/types';
/** Heights of the target body at one stage of the procedure. */
export interface HeightFigures {
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
  /** Wedge (kyphotic) angle, degrees. */
  readonly wedgeDeg: number;
}

/** Vertebral height and wedge angle now, before surgery and at each stage (sim/instruments/vertebralHeight.ts). */
export interface HeightView {
  readonly intactMm: number;
  readonly preOpAnteriorMm: number;
  readonly preOpMiddleMm: number;
  readonly anteriorMm: number;
  readonly middleMm: number;
  readonly posteriorMm: number;
  /** Wedge (kyphotic) angle of the body, degrees: 0 when anterior equals posterior height. */
  readonly wedgeDeg: number;
  readonly preOpWedgeDeg: number;
  readonly lift: EndplateLift;
  /**
   * Heights before, at full inflation (the largest lift), after deflation (before cement) and after
   * cement; null for stages not reached. Optional in the type only; the
   * simulation always fills it.
   */
  readonly stages?: {
    readonly before: HeightFigures;
    readonly peak: HeightFigures | null;
    readonly afterDeflation: HeightFigures | null;
    readonly afterCement: HeightFigures | null;
  };
}
