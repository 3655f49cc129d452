import type { FluoroMode } from '../core/commands';

/**
 * Dose model (first model; equations and calibration in README.md).
 *
 *   K_irp  = K_CONT * modeFactor * 2^((t - T_REF) / T_DOUBLE) * zoom^2       mGy/s at the IRP
 *   DAP    = K_irp * A_field(IRP)                                          (Gy cm2)
 *   ESD    = K_irp * BSF * (d_irp / d_skin)^2                                (entrance skin dose)
 *   H_hand = K_irp * HAND_BEAM_FRACTION while a hand is in the beam behind the patient + DAP * HAND_SCATTER
 *
 * Dose is delivered in pulses (frames): one pulse carries K_irp / pulseRate (pulseDose below).
 *
 * K_CONT is calibrated so that a typical single-level kyphoplasty (5 min of pulsed 7.5 p/s,
 * split 42 % AP / 58 % lateral as Boszczyk 2005's 1.6 + 2.2 min) gives entrance skin doses of
 * ~0.3 Gy AP and ~0.7 Gy lateral (docs/clinical-sources.md). DAP then follows from the field the
 * trainee collimates to; README.md explains why it cannot also be "a few Gy cm2".
 */

export interface ModeSpec {
  /** Image frames (pulses) per second. */
  readonly framesPerS: number;
  /** Dose per frame relative to one continuous-mode frame. */
  readonly relativeDosePerFrame: number;
}

/**
 * Continuous fluoroscopy is taken as 30 frames/s. Pulsed modes fire fewer, stronger pulses
 * (1.5x a continuous frame, assumed) so their dose rate is proportional to the pulse rate; low
 * dose is continuous at half the dose per frame ("~half", brief; assumed).
 */
export const MODES: Readonly<Record<FluoroMode, ModeSpec>> = {
  continuous: { framesPerS: 30, relativeDosePerFrame: 1 },
  pulsed15: { framesPerS: 15, relativeDosePerFrame: 1.5 },
  'pulsed7.5': { framesPerS: 7.5, relativeDosePerFrame: 1.5 },
  pulsed4: { framesPerS: 4, relativeDosePerFrame: 1.5 },
  lowDose: { framesPerS: 30, relativeDosePerFrame: 0.5 },
};

/**
 * Continuous-mode air kerma rate at the interventional reference point for the reference AP
 * thickness, mGy/s (258 mGy/min; pulsed 7.5 p/s: 97 mGy/min, ~40 mGy/min at 30 cm from the
 * detector, under the 88 mGy/min regulatory limit for normal mode). Calibrated (README) so the
 * typical 5-minute schedule gives Boszczyk 2005's entrance skin doses (0.32 Gy AP, 0.68 lateral).
 */
export const CONTINUOUS_IRP_KERMA_MGY_PER_S = 4.3;
/** Reference patient thickness along the beam (average adult AP at L1, assumed), mm. */
export const REFERENCE_THICKNESS_MM = 220;
/**
 * Under automatic exposure control the entrance kerma doubles for every ~12 cm of extra tissue
 * (kV rises with thickness, so the growth is much slower than the ~4 cm doubling of fixed-kV
 * attenuation; assumed, chosen so the lateral/AP skin-dose ratio matches Boszczyk 2005).
 */
export const THICKNESS_DOUBLING_MM = 120;
/** The interventional reference point sits 15 cm from the isocentre toward the source (IEC 60601-2-43). */
export const IRP_OFFSET_MM = 150;
/** Backscatter factor from kerma free-in-air to entrance skin dose at ~80 kVp (assumed). */
export const BACKSCATTER_FACTOR = 1.35;
/**
 * Fraction of the reference kerma a hand receives in the beam behind the patient: on the AP view
 * of a prone patient (tube under the table) the hand on the trocar's handle is on the exit side,
 * above the back, where the beam has crossed the whole patient (transmission of ~1 % plus
 * scatter; assumed). Calibrated so that 15 s of a hand pushing under live AP in the typical
 * schedule, with the scatter below, gives ~1.5 mSv: Mroz 2008's 1.7 mSv per vertebra
 * (unprotected hand). A hand with no patient between it and the tube gets the primary beam
 * itself (handInBeam.ts).
 */
export const HAND_BEAM_FRACTION = 0.03;
/** Hand dose from scatter near the field, mSv per Gy cm2 of DAP (assumed; the rest of Mroz's 1.7 mSv). */
export const HAND_SCATTER_MSV_PER_GYCM2 = 0.02;

export interface ExposureGeometry {
  /** Patient thickness along the central ray, skin to skin, mm. */
  readonly thicknessMm: number;
  /** Isocentre to the entrance skin along the central ray, mm. */
  readonly entranceDepthMm: number;
  /** Exposed field area at the detector, mm2. */
  readonly fieldAreaAtDetectorMm2: number;
  readonly sourceToIsocentreMm: number;
  readonly sourceToImageMm: number;
  /** Electronic magnification (1 = full II field); dose rises with its square (PMC3070893). */
  readonly zoom: number;
}

export interface DoseRates {
  readonly irpKermaMGyPerS: number;
  readonly dapGyCm2PerS: number;
  readonly skinDoseMGyPerS: number;
  /** Operator hand dose while a hand is in the beam behind the patient (on top of scatter), mSv/s. */
  readonly handInBeamMSvPerS: number;
  /** Operator hand dose from scatter whenever the beam is on, mSv/s. */
  readonly handScatterMSvPerS: number;
}

/** Dose rate of a mode relative to continuous fluoroscopy. */
export function modeRateFactor(mode: FluoroMode): number {
  const m = MODES[mode];
  return (m.framesPerS * m.relativeDosePerFrame) / MODES.continuous.framesPerS;
}

/** Dose rates of a mode for a patient geometry. */
export function doseRates(mode: FluoroMode, g: ExposureGeometry): DoseRates {
  const thicknessFactor = Math.pow(2, (g.thicknessMm - REFERENCE_THICKNESS_MM) / THICKNESS_DOUBLING_MM);
  const irp = CONTINUOUS_IRP_KERMA_MGY_PER_S * modeRateFactor(mode) * thicknessFactor * g.zoom * g.zoom;
  const irpDistanceMm = g.sourceToIsocentreMm - IRP_OFFSET_MM;
  const fieldAtIrpCm2 = (g.fieldAreaAtDetectorMm2 / 100) * (irpDistanceMm / g.sourceToImageMm) ** 2;
  const skinDistanceMm = Math.max(50, g.sourceToIsocentreMm - g.entranceDepthMm);
  const dapGyCm2PerS = (irp / 1000) * fieldAtIrpCm2;
  return {
    irpKermaMGyPerS: irp,
    dapGyCm2PerS,
    skinDoseMGyPerS: irp * BACKSCATTER_FACTOR * (irpDistanceMm / skinDistanceMm) ** 2,
    handInBeamMSvPerS: irp * HAND_BEAM_FRACTION,
    handScatterMSvPerS: dapGyCm2PerS * HAND_SCATTER_MSV_PER_GYCM2,
  };
}

/** Dose carried by one pulse (frame) of a mode: the rates divided by the pulse rate. */
export function pulseDose(
  mode: FluoroMode,
  g: ExposureGeometry,
): { readonly irpKermaMGy: number; readonly dapGyCm2: number; readonly skinDoseMGy: number } {
  const r = doseRates(mode, g);
  const periodS = 1 / MODES[mode].framesPerS;
  return {
    irpKermaMGy: r.irpKermaMGyPerS * periodS,
    dapGyCm2: r.dapGyCm2PerS * periodS,
    skinDoseMGy: r.skinDoseMGyPerS * periodS,
  };
}

/**
 * Relative quantum noise a viewer perceives: the eye (and the recursive filter) integrates about
 * 0.2 s of frames, so perceived noise goes as 1 / sqrt(dose rate); 1 for continuous.
 */
export function relativeNoise(mode: FluoroMode): number {
  return 1 / Math.sqrt(modeRateFactor(mode));
}
