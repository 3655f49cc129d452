import { indicationOf } from '../../levels/scenarioSchema';
import type { Anatomy } from '../anatomy/types';

/**
 * The radiologist's MRI and CT report of the fractured level, as the case review shows it beside the
 * standing lateral. Every field is read from the scenario and the patient's own anatomy, so the report
 * can never contradict the images or the physics (the pedicle widths are the ones the trocar meets).
 */

/**
 * A fracture younger than this still shows marrow oedema on STIR (the window in which augmentation
 * helps, docs/clinical-sources.md: best results under ~12 weeks); older ones have healed (assumed: a
 * sharp cut where the clinical picture fades over weeks).
 */
export const STIR_OEDEMA_MAX_WEEKS = 12;

export type BoneDensityCategory = 'normal' | 'osteopenia' | 'osteoporosis';

export interface PreopImagingReport {
  readonly level: string;
  /** MRI: bone-marrow oedema of the body on STIR (a fresh, painful fracture). */
  readonly stirOedema: boolean;
  /** CT: the posterior wall of the body (a defect is a path to the canal). */
  readonly posteriorWall: 'intact' | 'defect';
  /** CT: the superior endplate is cracked. */
  readonly endplateCrack: boolean;
  /** CT / MRI: an intravertebral cleft (fluid or gas in the body). */
  readonly cleft: boolean;
  /** CT: the lateral cortex is broken. */
  readonly lateralCortexDefect: boolean;
  /** CT: the narrowest width of each pedicle at the level, mm (one decimal). */
  readonly pedicleWidthMm: { readonly left: number; readonly right: number };
  /** DXA T-score and its WHO category. */
  readonly tScore: number;
  readonly boneDensity: BoneDensityCategory;
}

/** WHO categories: osteoporosis at or below -2.5, osteopenia between -1 and -2.5. */
export function boneDensityCategory(tScore: number): BoneDensityCategory {
  if (tScore <= -2.5) return 'osteoporosis';
  if (tScore < -1) return 'osteopenia';
  return 'normal';
}

/** Whether STIR shows oedema: a fracture in its healing window, never one the case says has healed. */
export function showsStirOedema(ageWeeks: number, healed: boolean): boolean {
  return !healed && ageWeeks < STIR_OEDEMA_MAX_WEEKS;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The MRI and CT report of the target level for this patient. */
export function preopImagingReport(anatomy: Anatomy): PreopImagingReport {
  const s = anatomy.scenario;
  const f = s.fracture;
  const indication = indicationOf(s);
  const healed = indication.decision === 'decline' && indication.reason === 'healedFracture';
  const target = anatomy.vertebrae[anatomy.targetIndex];
  const left = target.pedicles.find((p) => p.side === 'left') ?? target.pedicles[0];
  const right = target.pedicles.find((p) => p.side === 'right') ?? target.pedicles[1];
  return {
    level: s.level,
    stirOedema: showsStirOedema(f.ageWeeks, healed),
    posteriorWall: f.posteriorWallDefect ? 'defect' : 'intact',
    endplateCrack: f.endplateCrack,
    cleft: f.cleft,
    lateralCortexDefect: f.lateralCortexDefect,
    pedicleWidthMm: { left: oneDecimal(left.widthMm), right: oneDecimal(right.widthMm) },
    tScore: s.patient.tScore,
    boneDensity: boneDensityCategory(s.patient.tScore),
  };
}
