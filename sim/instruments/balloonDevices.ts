/**
 * Inflatable bone tamps (Kyphon-style): 10, 15 and 20 mm working length (Kyphon IFU 2011, 2017;
 * docs/clinical-sources.md, Balloon). Maximum volumes 3 / 4 / 6 mL and the 400 psi rating are
 * "(assumed: configurable)" in docs/clinical-sources.md, so they live here as data, not in the model.
 */
export interface BalloonDevice {
  /** Inflatable working length, mm. */
  readonly lengthMm: number;
  /** Largest recommended fill, mL: beyond it the (non-compliant) wall itself takes the load. */
  readonly maxVolumeMl: number;
  /** Rated maximum pressure of the balloon and manometer, psi (assumed 400; docs/clinical-sources.md 300-400). */
  readonly ratedPressurePsi: number;
  /** Pressure above which the balloon ruptures, psi (assumed: equal to the rating; configurable). */
  readonly burstPressurePsi: number;
  /** Flow the inflation syringe delivers, mL/s (assumed: a screw syringe turned steadily, ~0.5 mL/s). */
  readonly syringeRateMlPerS: number;
}

const base = { ratedPressurePsi: 400, burstPressurePsi: 400, syringeRateMlPerS: 0.5 } as const;

/** The three standard sizes by length (mm). */
export const BALLOON_DEVICES: Readonly<Record<10 | 15 | 20, BalloonDevice>> = {
  10: { lengthMm: 10, maxVolumeMl: 3, ...base },
  15: { lengthMm: 15, maxVolumeMl: 4, ...base },
  20: { lengthMm: 20, maxVolumeMl: 6, ...base },
};

/** The standard device for a length, or a device scaled from the 15 mm one for any other length. */
export function balloonDevice(lengthMm: number): BalloonDevice {
  if (lengthMm === 10 || lengthMm === 15 || lengthMm === 20) return BALLOON_DEVICES[lengthMm];
  return { ...BALLOON_DEVICES[15], lengthMm, maxVolumeMl: (BALLOON_DEVICES[15].maxVolumeMl * lengthMm) / 15 };
}
