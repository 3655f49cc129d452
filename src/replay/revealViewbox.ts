/** Reveal mode's geometry is drawn in a square viewBox of this size over the image (x right, y down). */
export const REVEAL_VIEWBOX = 1000;
