/**
 * Grey levels (row by row, 0 black) as the RGBA pixels a 2D canvas takes: the film stills, the
 * case review's radiograph and the editor's preview all draw the sim's grey images this way.
 */
export function greyImageData(
  ctx: CanvasRenderingContext2D,
  grey: Uint8Array,
  width: number,
  height = width,
): ImageData {
  const image = ctx.createImageData(width, height);
  const n = Math.min(grey.length, width * height);
  for (let i = 0; i < n; i++) {
    const g = grey[i];
    image.data[4 * i] = g;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = g;
    image.data[4 * i + 3] = 255;
  }
  return image;
}
