import { BufferImageSource, Geometry, Mesh, Shader, UniformGroup, type Application, type WebGLRenderer } from 'pixi.js';
import type { Collimation } from '../../sim/imaging';
import type { DisplayWindow } from '../../sim/imaging';
import { DETECTOR_FRAGMENT, DETECTOR_VERTEX, FLOOR_FRAGMENT } from './detectorShader';

/**
 * The GPU side of the monitor: a full-screen quad whose fragment shader (detectorShader.ts) turns
 * the frame's line-integral map into the displayed image. The map (static anatomy, enhanced, plus
 * the blurred moving parts, plus quantum noise) is one r32float texture uploaded per frame.
 */
export interface GpuDetector {
  readonly mesh: Mesh<Geometry, Shader>;
  /** Upload the frame's map (N x N floats, row 0 = image top). */
  setMap(map: Float32Array): void;
  setParams(p: { window: DisplayWindow; inverted: boolean; detectorSizeMm: number; collimation: Collimation }): void;
  destroy(): void;
}

/** Whether float textures can be linearly filtered (WebGL2 needs OES_texture_float_linear). */
function floatLinear(app: Application): boolean {
  const r = app.renderer as WebGLRenderer;
  return Boolean(r.context?.extensions?.floatTextureLinear);
}

/**
 * The round image-intensifier field as a 64-gon circumscribing the circle: the fragments outside
 * the field are never shaded (the canvas is cleared to black there), a fifth of the quad's.
 */
function disc(sizePx: number): Geometry {
  const k = 64;
  const r = 0.5 / Math.cos(Math.PI / k);
  const uv: number[] = [0.5, 0.5];
  for (let i = 0; i < k; i++)
    uv.push(0.5 + r * Math.cos((2 * Math.PI * i) / k), 0.5 + r * Math.sin((2 * Math.PI * i) / k));
  const index: number[] = [];
  for (let i = 0; i < k; i++) index.push(0, 1 + i, 1 + ((i + 1) % k));
  return new Geometry({ attributes: { aPosition: uv.map((t) => t * sizePx), aUV: uv }, indexBuffer: index });
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

/** Create the detector quad for an N x N map shown at sizePx (add `mesh` to the stage). */
export function createGpuDetector(app: Application, mapPx: number, sizePx: number): GpuDetector {
  const scaleMode = floatLinear(app) ? 'linear' : 'nearest';
  const mapData = new Float32Array(mapPx * mapPx);
  const mapSource = new BufferImageSource({
    resource: mapData,
    width: mapPx,
    height: mapPx,
    format: 'r32float',
    scaleMode,
  });
  const uniforms = new UniformGroup({
    uWindow: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
    uInverted: { value: 0, type: 'f32' },
    uShutter: { value: new Float32Array([0.5, 0.5]), type: 'vec2<f32>' },
  });
  const shader = Shader.from({
    gl: { vertex: DETECTOR_VERTEX, fragment: DETECTOR_FRAGMENT, name: 'xray-detector' },
    resources: { uMap: mapSource, xray: uniforms },
  });
  const geometry = disc(sizePx);
  const mesh = new Mesh({ geometry, shader });
  const u = uniforms.uniforms as { uWindow: Float32Array; uInverted: number; uShutter: Float32Array };
  return {
    mesh,
    setMap(map) {
      mapData.set(map);
      mapSource.update();
    },
    setParams(p) {
      u.uWindow[0] = p.window.hi;
      u.uWindow[1] = 1 / (p.window.hi - p.window.lo);
      u.uInverted = p.inverted ? 1 : 0;
      u.uShutter[0] = p.collimation.halfWidthMm / p.detectorSizeMm;
      u.uShutter[1] = p.collimation.halfHeightMm / p.detectorSizeMm;
      uniforms.update();
    },
    destroy() {
      mesh.destroy();
      geometry.destroy();
      shader.destroy();
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
