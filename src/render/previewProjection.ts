import { sampleMapBilinear } from '../../sim/imaging';
import type { ProjectionRequest } from './projectionWorker';

/**
 * A coarse first look at a pose nobody projected in advance: the same static projection at 64 px
 * (a sixteenth of the rays of the 256 px map, a few tens of ms over the workers instead of several
 * hundred), scaled up to the map's size, shown until the full map arrives and replaces it. Only the
 * static anatomy gets one (a lift delta is a thin slab, already cheap).
 */
export const PREVIEW_PX = 64;

/** What a preview's key starts with (then the full request's key). */
export const PREVIEW_PREFIX = 'preview|';

/** Whether a projection's key names a preview (the renderer refines it; timings skip it). */
export function isPreviewKey(key: string): boolean {
  return key.startsWith(PREVIEW_PREFIX);
}

/** The preview request for a full one, or null where none is worth making. */
export function previewRequest(full: ProjectionRequest): ProjectionRequest | null {
  if (full.part === 'liftDelta' || full.sizePx <= PREVIEW_PX) return null;
  return { ...full, key: `${PREVIEW_PREFIX}${full.key}`, sizePx: PREVIEW_PX };
}

/** Bilinear up-sampling of an m x m line-integral map to n x n, pixel centres on pixel centres. */
export function upsampleMap(map: Float32Array, m: number, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) out[j * n + i] = sampleMapBilinear(map, m, (i + 0.5) / n, (j + 0.5) / n);
  return out;
}
