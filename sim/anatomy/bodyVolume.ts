import type { VertebraGeometry } from './types';

/**
 * The volume of a vertebral body as it stands (fractured heights), mL: an elliptic cylinder of the
 * body's width and depth and its mean height (anterior, middle, posterior). The cement's fill
 * fraction is measured against it (sim/instruments/cementBodyFlow.ts), and so is how far the cement
 * stabilises the fracture (sim/patient/recoveryPain.ts).
 */
export function bodyVolumeMl(v: VertebraGeometry): number {
  const meanH = (v.anteriorHeightMm + v.middleHeightMm + v.posteriorHeightMm) / 3;
  return ((Math.PI / 4) * v.bodyWidthMm * v.bodyDepthMm * meanH) / 1000;
}
