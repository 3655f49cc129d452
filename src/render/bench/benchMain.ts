// First, before any schema is built: the bench page runs under the same policy (src/security/csp.ts).
import '../../security/zodJitless';
// A stylesheet, not a style attribute: the page's policy allows no inline style.
import './bench.css';
import { Application } from 'pixi.js';
import type { View } from '../../../sim/core';
import { DETECTOR_DIAMETER_MM } from '../../../sim/imaging';
import { createProjection } from '../../../sim/imaging';
import type { Vec3 } from '../../../sim/math';
import type { SimSnapshot } from '../../../sim/session';
import { createXRayRenderer, MAP_PX, type XRayRenderer } from '../createXRayRenderer';
import { createFloorQuad } from '../gpuDetector';
import { DEFAULT_COLLIMATION, type Collimation } from '../../../sim/imaging';
import { developValue, EDGE_GAIN } from '../../../sim/imaging';
import { FrameMapBuilder } from '../../../sim/imaging';
import { sampleMapBilinear } from '../../../sim/imaging';
import { shapesFromSnapshot } from '../../../sim/imaging';
import { StaticProjectionJob } from '../../../sim/imaging';
import { poseForView } from '../../../sim/imaging';
import { workerCount } from '../projectionCache';
import { createBenchScene } from './benchScene';

/**
 * The X-ray benchmark / pixel-test page (bench.html). Everything is driven from outside through
 * `window.__xray` (tests/bench/xrayFrame.mjs, tests/e2e/xray-pixels.spec.ts). Frame times are
 * taken synchronously: render, then a 1-pixel readPixels, which waits until the GPU has finished.
 */
const scene = createBenchScene(1);
let renderer: XRayRenderer | null = null;
let size = 768;
let gl: WebGL2RenderingContext | null = null;
let probeClock = 1000;
const waiting: Array<(r: { key: string; ms: number }) => void> = [];
/** The newest coarse preview's time (ms), for the re-projection timing. */
let lastPreviewMs: number | null = null;

function sync(ctx: WebGL2RenderingContext | null): void {
  const px = new Uint8Array(4);
  ctx?.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
}

function nextProjection(): Promise<{ key: string; ms: number }> {
  return new Promise((resolve) => waiting.push(resolve));
}

function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function stats(ms: number[]) {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    frames: ms.length,
    mean: r(ms.reduce((a, b) => a + b, 0) / ms.length),
    p50: r(percentile(ms, 0.5)),
    p95: r(percentile(ms, 0.95)),
    max: r(Math.max(...ms)),
  };
}

function readyRenderer(): XRayRenderer {
  if (!renderer) throw new Error('call init first');
  return renderer;
}

function readyGl(): WebGL2RenderingContext {
  if (!gl) throw new Error('the renderer canvas has no WebGL2 context (call init first)');
  return gl;
}

/** Show a snapshot and wait until its static projection is ready (null when it was cached). */
async function show(s: SimSnapshot, view: View): Promise<{ key: string; ms: number } | null> {
  const xray = readyRenderer();
  const p = nextProjection();
  xray.render(s, view);
  if (!xray.isProjecting()) return null;
  return Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), 30000))]);
}

const api = {
  async init(sizePx = 768): Promise<{ sizePx: number; mapPx: number; projectionMs: number | null; workers: number }> {
    size = sizePx;
    const host = document.getElementById('monitor');
    if (!host) throw new Error('bench.html has no #monitor element');
    renderer = await createXRayRenderer(host, {
      sizePx,
      onProjection: (key, ms) => {
        for (const w of waiting.splice(0)) w({ key, ms });
      },
      onPreview: (_key, ms) => {
        lastPreviewMs = ms;
      },
    });
    gl = renderer.canvas.getContext('webgl2');
    const first = await show(scene.snapshot({ view: 'AP', timeS: 0 }), 'AP');
    return { sizePx, mapPx: MAP_PX, projectionMs: first?.ms ?? null, workers: workerCount() };
  },

  /**
   * Live exposure with the trocar advancing 0.5 mm per frame, every render a fresh continuous-mode
   * frame (30 /s in sim time: new map, new noise, upload, pass; render + GPU finish, ms), and the
   * floor: a bare full-screen pass of the same size (same quad, one texture read) in a second
   * canvas of the same size. The two are measured in alternating blocks, so that load from other
   * processes falls on both alike.
   */
  async frames(count = 120, view: View = 'AP', block = 10, collimation?: Collimation) {
    const xray = readyRenderer();
    const app = new Application();
    await app.init({
      width: size,
      height: size,
      background: 0x000000,
      antialias: false,
      preference: 'webgl',
      autoStart: false,
    });
    document.body.appendChild(app.canvas);
    const quad = createFloorQuad(app, MAP_PX, size);
    app.stage.addChild(quad.mesh);
    const ctx = app.canvas.getContext('webgl2');
    const live: number[] = [];
    const floor: number[] = [];
    let k = -10;
    const liveFrame = (): number => {
      const s = scene.snapshot({ view, timeS: 10 + k / 30, depthMm: -15 + ((k + 10) % 60) * 0.5, collimation });
      k++;
      const t0 = performance.now();
      xray.render(s, view);
      sync(gl);
      return performance.now() - t0;
    };
    const floorFrame = (): number => {
      const t0 = performance.now();
      app.render();
      sync(ctx);
      return performance.now() - t0;
    };
    for (let w = 0; w < 10; w++) {
      liveFrame();
      floorFrame();
    }
    while (live.length < count) {
      for (let b = 0; b < block; b++) live.push(liveFrame());
      for (let b = 0; b < block; b++) floor.push(floorFrame());
    }
    app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
    return { live: stats(live), floor: stats(floor) };
  },

  /** Where a frame's time goes: the same frame re-drawn (GPU pass and overlay only) and the CPU side without waiting for the GPU. */
  breakdown(count = 60, view: View = 'AP') {
    const xray = readyRenderer();
    const s = scene.snapshot({ view, timeS: 50 });
    xray.render(s, view);
    sync(gl);
    const redraw: number[] = [];
    for (let k = 0; k < count; k++) {
      const t0 = performance.now();
      xray.render(s, view);
      sync(gl);
      redraw.push(performance.now() - t0);
    }
    const cpu: number[] = [];
    for (let k = 0; k < count; k++) {
      const t0 = performance.now();
      xray.render(scene.snapshot({ view, timeS: 60 + k / 30, depthMm: -15 + k * 0.5 }), view);
      cpu.push(performance.now() - t0);
      sync(gl);
    }
    return { redraw: stats(redraw), cpuSide: stats(cpu) };
  },

  /** Time any fragment shader over the quad (experiments: which part of the detector shader costs). */
  async pass(fragment: string, count = 60, withOverlay = false, upload: 'none' | 'r32' | 'r16' | 'r8' = 'none') {
    const { Shader, Mesh, Geometry, BufferImageSource, UniformGroup, Text } = await import('pixi.js');
    const app = new Application();
    await app.init({
      width: size,
      height: size,
      background: 0x000000,
      antialias: false,
      preference: 'webgl',
      autoStart: false,
    });
    document.body.appendChild(app.canvas);
    const { DETECTOR_VERTEX } = await import('../detectorShader');
    const n = MAP_PX;
    const data = new Float32Array(n * n).map((_, k) => 4 + (k % 97) / 50);
    const src = (fmt: 'r32float' | 'r16float', lin: boolean) =>
      new BufferImageSource({
        resource: fmt === 'r32float' ? data : new Uint16Array(n * n).fill(0x4400),
        width: n,
        height: n,
        format: fmt,
        scaleMode: lin ? 'linear' : 'nearest',
        addressMode: 'repeat',
      });
    const r8 = new BufferImageSource({
      resource: new Uint8Array(n * n * 4).fill(128),
      width: n,
      height: n,
      format: 'rgba8unorm',
      scaleMode: 'linear',
      addressMode: 'repeat',
    });
    const uniforms = new UniformGroup({
      uWindow: { value: new Float32Array([4, 6]), type: 'vec2<f32>' },
      uNoiseSigma: { value: 0.05, type: 'f32' },
      uNoiseOffset: { value: new Float32Array([0.3, 0.1]), type: 'vec2<f32>' },
      uNoiseScale: { value: 1, type: 'f32' },
      uInverted: { value: 0, type: 'f32' },
      uShutter: { value: new Float32Array([0.4, 0.45]), type: 'vec2<f32>' },
    });
    const shader = Shader.from({
      gl: { vertex: DETECTOR_VERTEX, fragment },
      resources: {
        uMap: src('r32float', true),
        uNoise: src('r32float', true),
        uMapH: src('r16float', true),
        uMap8: r8,
        xray: uniforms,
      },
    });
    const geometry = new Geometry({
      attributes: { aPosition: [0, 0, size, 0, size, size, 0, size], aUV: [0, 0, 1, 0, 1, 1, 0, 1] },
      indexBuffer: [0, 1, 2, 0, 2, 3],
    });
    app.stage.addChild(new Mesh({ geometry, shader }));
    if (withOverlay)
      for (let k = 0; k < 8; k++)
        app.stage.addChild(
          new Text({
            text: `AK ${k} mGy DAP 0.0${k}`,
            style: { fontFamily: 'monospace', fontSize: 19, fill: 0xdadada },
            x: 20,
            y: 20 + k * 80,
          }),
        );
    const ctx = app.canvas.getContext('webgl2');
    const ms: number[] = [];
    const up = { r32: shader.resources.uMap, r16: shader.resources.uMapH, r8: shader.resources.uMap8, none: null }[
      upload
    ] as InstanceType<typeof BufferImageSource> | null;
    for (let k = -10; k < count; k++) {
      const t0 = performance.now();
      up?.update();
      app.render();
      sync(ctx);
      if (k >= 0) ms.push(performance.now() - t0);
    }
    app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
    return stats(ms);
  },

  /** Move the C-arm (orbit by dOrbitDeg from the true view) and time the static re-projection and its preview, ms. */
  async reproject(view: View, dOrbitDeg: number) {
    const rot = scene.base.carm.patientRotation ?? { rollDeg: 0, pitchDeg: 0, listDeg: 0 };
    const t0 = performance.now();
    lastPreviewMs = null;
    const r = await show(scene.snapshot({ view, orbitDeg: rot.rollDeg + dOrbitDeg, timeS: 20 }), view);
    return {
      projectionMs: r ? Math.round(r.ms) : null,
      // The coarse preview shown first (previewProjection.ts), request to result.
      previewMs: lastPreviewMs === null ? null : Math.round(lastPreviewMs),
      untilShownMs: Math.round(performance.now() - t0),
    };
  },

  /**
   * Render one view with noise off and read the whole canvas back: grey levels (row 0 = top) as
   * base64, and the display positions of named 3D points.
   */
  async probe(
    view: View,
    depthMm: number | null,
    points: Record<string, Vec3>,
    collimation?: Collimation,
    inverted = false,
  ) {
    const xray = readyRenderer();
    xray.setNoise(false);
    xray.setInverted(inverted);
    // A later sim time each call, so the renderer develops a fresh frame.
    probeClock += 1;
    const s = scene.snapshot({ view, timeS: probeClock, depthMm, collimation });
    await show(s, view);
    xray.render(s, view);
    const rgba = new Uint8Array(size * size * 4);
    const ctx = readyGl();
    ctx.readPixels(0, 0, size, size, ctx.RGBA, ctx.UNSIGNED_BYTE, rgba);
    const grey = new Uint8Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) grey[y * size + x] = rgba[((size - 1 - y) * size + x) * 4];
    let bin = '';
    for (let k = 0; k < grey.length; k += 0x8000) bin += String.fromCharCode(...grey.subarray(k, k + 0x8000));
    const projection = createProjection(poseForView(s, view), DETECTOR_DIAMETER_MM);
    const at: Record<string, [number, number] | null> = {};
    for (const [name, p] of Object.entries(points)) {
      const d = projection.project(p);
      at[name] = d ? [(d.uMm / DETECTOR_DIAMETER_MM + 0.5) * size, (0.5 - d.vMm / DETECTOR_DIAMETER_MM) * size] : null;
    }
    return { size, grey: btoa(bin), at };
  },

  /**
   * The shader against the CPU reference: the same frame (noise off) developed by developValue at
   * every display pixel from the bilinearly sampled map, compared with the canvas. Pixels within
   * 3 px of the field's rim or a shutter edge are left out (a step there moves by a sub-pixel).
   */
  async compareWithReference(view: View, depthMm: number | null, collimation?: Collimation, inverted = false) {
    const probe = await api.probe(view, depthMm, {}, collimation, inverted);
    const s = scene.snapshot({ view, timeS: probeClock, depthMm, collimation });
    const grey = Uint8Array.from(atob(probe.grey), (c) => c.charCodeAt(0));
    const pose = poseForView(s, view);
    const job = new StaticProjectionJob('ref', s.anatomy, s.height.lift, pose, MAP_PX, DETECTOR_DIAMETER_MM);
    job.run(MAP_PX);
    const sp = job.result();
    const map = new FrameMapBuilder(MAP_PX).build(
      sp.enhanced,
      createProjection(pose, DETECTOR_DIAMETER_MM),
      shapesFromSnapshot(s),
    );
    const c = s.carm.collimation ?? DEFAULT_COLLIMATION;
    const params = { window: sp.window, noiseSigma: 0, edgeGain: EDGE_GAIN, inverted };
    const n = MAP_PX;
    const sx = c.halfWidthMm / DETECTOR_DIAMETER_MM;
    const sy = c.halfHeightMm / DETECTOR_DIAMETER_MM;
    const diffs: number[] = [];
    let shuttered = 0;
    const edge = 3 / size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const u = (x + 0.5) / size;
        const v = (y + 0.5) / size;
        const px = u - 0.5;
        const py = 0.5 - v;
        const r = Math.hypot(px, py);
        if (Math.abs(r - 0.5) < edge || Math.abs(Math.abs(px) - sx) < edge || Math.abs(Math.abs(py) - sy) < edge)
          continue;
        const a = sampleMapBilinear(map, n, u, v);
        const ref = Math.round(developValue(a, 0, params, px, py, sx, sy) * 255);
        diffs.push(Math.abs(ref - grey[y * size + x]));
        if (Math.abs(px) > sx || Math.abs(py) > sy) shuttered++;
      }
    }
    diffs.sort((p, q) => p - q);
    return {
      pixels: diffs.length,
      /** How many of the compared pixels lie behind the shutters. */
      shuttered,
      meanAbs: diffs.reduce((p, q) => p + q, 0) / diffs.length,
      p99: diffs[Math.floor(diffs.length * 0.99)],
      max: diffs[diffs.length - 1],
    };
  },

  /**
   * One frame with quantum noise on at sim time timeS (its tick chooses the noise offset), read
   * back whole: an FNV-1a hash of the RGBA bytes and the mean grey, so a test can compare two
   * pages with the same seed (seededNoise.ts) without moving the pixels out.
   */
  async noisyFrame(view: View, timeS: number) {
    const xray = readyRenderer();
    xray.setNoise(true);
    const s = scene.snapshot({ view, timeS });
    await show(s, view);
    xray.render(s, view);
    const rgba = new Uint8Array(size * size * 4);
    const ctx = readyGl();
    ctx.readPixels(0, 0, size, size, ctx.RGBA, ctx.UNSIGNED_BYTE, rgba);
    let hash = 0x811c9dc5;
    let sum = 0;
    for (let k = 0; k < rgba.length; k++) {
      hash = Math.imul(hash ^ rgba[k], 0x01000193);
      if ((k & 3) === 0) sum += rgba[k];
    }
    return { hash: hash >>> 0, meanGrey: sum / (size * size) };
  },

  /** The scene's geometry, for the tests to pick 3D points. */
  geometry() {
    const a = scene.base.anatomy;
    return {
      target: a.vertebrae[a.targetIndex],
      trocarAt5: scene.trocarAt(5),
      trocarAt: [-10, 0, 5].map((d) => scene.trocarAt(d)),
    };
  },
};

(window as unknown as { __xray: typeof api }).__xray = api;
document.title = 'xray-bench-ready';
