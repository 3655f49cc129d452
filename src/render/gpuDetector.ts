import { BufferImageSource, Geometry, Mesh, Shader, UniformGroup, type Application, type WebGLRenderer } from 'pixi.js';
import type { Collimation } from '../../sim/imaging';
import type { DisplayWindow } from '../../sim/imaging';
import {
  DETECTOR_FRAGMENT,
  DETECTOR_VERTEX,
  detectorUniforms,
  FLOOR_FRAGMENT,
  SHUTTER_FRAGMENT,
} from './detectorShader';
import { fieldPieces, triangulate, type Polygon } from './fieldGeometry';

/**
 * The GPU side of the monitor: the round field drawn as two meshes (fieldGeometry.ts), the open
 * field with the detector shader (detectorShader.ts) that turns the frame's line-integral map into
 * the displayed image, and the field behind the shutters with a shader that reads nothing. The
 * map (static anatomy, enhanced, plus the blurred moving parts, plus quantum noise) is one
 * r32float texture whose pixels are the caller's buffer, uploaded once per new frame.
 */
export interface GpuDetector {
  /** The meshes to add to the stage (the open field and the shuttered field). */
  readonly container: { readonly meshes: readonly Mesh<Geometry, Shader>[]; visible: boolean };
  /** Upload the map buffer given at creation after the caller changed it (N x N floats, row 0 = image top). */
  uploadMap(): void;
  setParams(p: { window: DisplayWindow; inverted: boolean; detectorSizeMm: number; collimation: Collimation }): void;
  destroy(): void;
}

/** Whether float textures can be linearly filtered (WebGL2 needs OES_texture_float_linear). */
function floatLinear(app: Application): boolean {
  const r = app.renderer as WebGLRenderer;
  return Boolean(r.context?.extensions?.floatTextureLinear);
}

function meshGeometry(polys: readonly Polygon[], sizePx: number): Geometry {
  const t = triangulate(polys, sizePx);
  return new Geometry({ attributes: { aPosition: t.positions, aUV: t.uvs }, indexBuffer: t.indices });
}

function quad(sizePx: number): Geometry {
  return new Geometry({
    attributes: {
      aPosition: [0, 0, sizePx, 0, sizePx, sizePx, 0, sizePx],
      aUV: [0, 0, 1, 0, 1, 1, 0, 1],
    },
    indexBuffer: [0, 1, 2, 0, 2, 3],
  });
}

/**
 * Create the detector for the N x N map `map` (its buffer is the texture's: change it, then call
 * uploadMap) shown at sizePx; add `container.meshes` to the stage.
 */
export function createGpuDetector(app: Application, map: Float32Array, mapPx: number, sizePx: number): GpuDetector {
  if (map.length !== mapPx * mapPx) throw new Error(`detector map: ${map.length} floats for a ${mapPx} px map`);
  const mapSource = new BufferImageSource({
    resource: map,
    width: mapPx,
    height: mapPx,
    format: 'r32float',
    scaleMode: floatLinear(app) ? 'linear' : 'nearest',
  });
  const uniforms = new UniformGroup({
    uWindow: { value: new Float32Array([-1, 1]), type: 'vec2<f32>' },
    uTone: { value: new Float32Array([0, 1, 0]), type: 'vec3<f32>' },
  });
  const shader = Shader.from({
    gl: { vertex: DETECTOR_VERTEX, fragment: DETECTOR_FRAGMENT, name: 'xray-detector' },
    resources: { uMap: mapSource, xray: uniforms },
  });
  const shutterShader = Shader.from({
    gl: { vertex: DETECTOR_VERTEX, fragment: SHUTTER_FRAGMENT, name: 'xray-shutters' },
    resources: {},
  });
  let shutters = { sx: Number.NaN, sy: Number.NaN };
  const open = new Mesh({ geometry: quad(sizePx), shader });
  const shuttered = new Mesh({ geometry: quad(sizePx), shader: shutterShader });
  // Whether each mesh has a piece to draw (fully open shutters leave nothing behind them).
  const has = { open: true, shuttered: true };
  let visible = true;
  const applyVisibility = (): void => {
    open.visible = visible && has.open;
    shuttered.visible = visible && has.shuttered;
  };
  /** Re-cut the field when the shutters move (rare: a C-arm set-up control), not per frame. */
  function cut(sx: number, sy: number): void {
    if (sx === shutters.sx && sy === shutters.sy) return;
    shutters = { sx, sy };
    const pieces = fieldPieces(sx, sy);
    has.open = pieces.open.length > 0;
    has.shuttered = pieces.shuttered.length > 0;
    // An empty piece keeps its old geometry, hidden (a Geometry needs at least one triangle).
    for (const [mesh, polys, any] of [
      [open, [pieces.open], has.open],
      [shuttered, pieces.shuttered, has.shuttered],
    ] as const) {
      if (!any) continue;
      const old = mesh.geometry;
      mesh.geometry = meshGeometry(polys, sizePx);
      old.destroy();
    }
    applyVisibility();
  }
  const container = {
    meshes: [open, shuttered] as const,
    get visible() {
      return visible;
    },
    set visible(v: boolean) {
      visible = v;
      applyVisibility();
    },
  };
  cut(0.5, 0.5);
  const u = uniforms.uniforms as { uWindow: Float32Array; uTone: Float32Array };
  return {
    container,
    uploadMap() {
      mapSource.update();
    },
    setParams(p) {
      const d = detectorUniforms(p.window, p.inverted);
      u.uWindow.set(d.uWindow);
      u.uTone.set(d.uTone);
      uniforms.update();
      cut(p.collimation.halfWidthMm / p.detectorSizeMm, p.collimation.halfHeightMm / p.detectorSizeMm);
    },
    destroy() {
      for (const mesh of [open, shuttered]) {
        const g = mesh.geometry;
        mesh.destroy();
        g.destroy();
      }
      shader.destroy();
      shutterShader.destroy();
      mapSource.destroy();
    },
  };
}

/**
 * The benchmark floor: a bare full-screen pass of the same size, a quad whose fragment shader
 * only reads the same kind of texture (r32float, linear-filtered from the map size): the least
 * any pass that shows the map on the monitor must do.
 */
export function createFloorQuad(
  app: Application,
  mapPx: number,
  sizePx: number,
): { mesh: Mesh<Geometry, Shader>; source: BufferImageSource } {
  const data = new Float32Array(mapPx * mapPx).map((_, k) => (k % 251) / 251);
  const source = new BufferImageSource({
    resource: data,
    width: mapPx,
    height: mapPx,
    format: 'r32float',
    scaleMode: floatLinear(app) ? 'linear' : 'nearest',
  });
  const shader = Shader.from({
    gl: { vertex: DETECTOR_VERTEX, fragment: FLOOR_FRAGMENT, name: 'xray-floor' },
    resources: { uMap: source },
  });
  return { mesh: new Mesh({ geometry: quad(sizePx), shader }), source };
}
