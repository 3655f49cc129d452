import type { Tissue } from '../anatomy/types';

/**
 * Quasi-static needle penetration (README.md, Penetration). The tip moves on only while the push
 * beats the resistance of the tissue ahead plus the friction of the shaft in bone. A hand pushes
 * with a steady force; a mallet tap delivers a fixed energy that the resistance uses up
 * (work = force x distance). docs/clinical-sources.md has no force figures: every value here is
 * assumed, of the order of published needle-insertion and bone-indentation forces (skin puncture
 * by a large-bore needle ~5-10 N, muscle ~2-3 N, cortical bone ~100+ N for a 2-3 mm tip), and
 * tuned so that the cortex needs the mallet and osteoporotic cancellous bone yields to the hand.
 */
export const PENETRATION = {
  /** Steady axial force of a hand on the trocar's handle, N (assumed). */
  handForceN: 50,
  /** Energy one controlled mallet tap delivers to the tip, mJ (= N mm): ~10 % of a 250 g mallet at 2 m/s (assumed). */
  tapEnergyMJ: 50,
  /**
   * The hand holding the trocar checks a tap after this travel, mm (assumed: taught as "a few mm
   * per tap"; it bounds the plunge when the cortex gives way into soft tissue).
   */
  maxTapTravelMm: 3,
  /** Resistance of soft tissues ahead of the tip, N (assumed); muscle is also the fallback for any tissue not listed. */
  softN: { skin: 8, fat: 2, muscle: 3, disc: 12, canal: 1, foramen: 2, lung: 1, bowelGas: 0.5, air: 0 } as Readonly<
    Partial<Record<Tissue, number>> & { muscle: number }
  >,
  /**
   * The deep (thoracolumbar) fascia: the first fasciaMm of muscle under the subcutaneous fat
   * resists like a tough sheet, the "pop" an operator feels (assumed; a hand still gets through).
   */
  fasciaN: 15,
  fasciaMm: 1.5,
  /** Cortical bone ahead of a healthy patient's tip, N; scales with the patient's relative bone density (assumed). */
  corticalN: 150,
  /** Crushing strength of cancellous bone times the tip's cross-section, plus a blunting factor (assumed). */
  cancellousTipFactor: 1.2,
  /** Friction of the shaft held in bone, N per mm of shaft in bone (assumed). */
  boneFrictionNPerMm: 0.6,
} as const;

/** Cross-section of a needle tip of outer diameter odMm, mm^2. */
export function tipAreaMm2(odMm: number): number {
  return (Math.PI * odMm * odMm) / 4;
}

/**
 * Resistance (N) to moving the tip on into `tissue`, with `shaftInBoneMm` of shaft already held in
 * bone. Cancellous bone: strength (MPa = N/mm^2) x tip area x a blunting factor; cortex: the
 * healthy figure scaled by the patient's relative bone density (osteoporotic cortex is thinner
 * and more porous). `inFascia`: the point ahead is muscle just under the fat (the deep fascia).
 */
export function resistanceN(
  tissue: Tissue,
  shaftInBoneMm: number,
  odMm: number,
  bone: { cancellousStrengthMPa: number; cancellousDensity: number },
  inFascia = false,
): number {
  const friction = PENETRATION.boneFrictionNPerMm * Math.max(0, shaftInBoneMm);
  if (inFascia && tissue === 'muscle') return PENETRATION.fasciaN + friction;
  if (tissue === 'cortical') return PENETRATION.corticalN * Math.max(0.3, bone.cancellousDensity) + friction;
  if (tissue === 'cancellous')
    return bone.cancellousStrengthMPa * tipAreaMm2(odMm) * PENETRATION.cancellousTipFactor + friction;
  return (PENETRATION.softN[tissue] ?? PENETRATION.softN.muscle) + friction;
}
