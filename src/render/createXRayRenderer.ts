// pixi.js v8 generates shader and uniform upload code with `new Function` unless this polyfill is
// installed; the app's policy (src/security/csp.ts) forbids 'unsafe-eval'. It patches pixi's prototypes
// once, for every renderer in the page (the bench page's too, which imports this module).
import 'pixi.js/unsafe-eval';
import { Application } from 'pixi.js';
import type { View } from '../../sim/core';
import { DETECTOR_DIAMETER_MM, poseKey, type CArmPose } from '../../sim/imaging';
import type { EndplateLift } from '../../sim/anatomy';
import { DEFAULT_COLLIMATION, type Collimation } from '../../sim/imaging';
import { MODES, relativeNoise } from '../../sim/imaging';
import { createProjection } from '../../sim/imaging';
import type { SimSnapshot } from '../../sim/session';
import { gaussianTable, type DisplayWindow } from '../../sim/imaging';
import { FrameMapBuilder } from '../../sim/imaging';
import { createGpuDetector } from './gpuDetector';
import { createOverlayLayer } from './overlayLayer';
import { overlayFor } from './overlayText';
import { isLive, poseForView } from '../../sim/imaging';
import { ProjectionCache } from './projectionCache';
import { shapesFromSnapshot } from '../../sim/imaging';
import { staticKey, type StaticProjection } from '../../sim/imaging';
import { hasLift, NO_LIFT } from '../../sim/imaging';
import { BASE_NOISE_SIGMA, MAP_PX } from '../../sim/imaging';

/** One fluoroscopy monitor. The UI makes one per view (AP and lateral side by side). */
export interface XRayRenderer {
  render(snapshot: SimSnapshot, view: View): void;
  setInverted(inverted: boolean): void;
  /** Turn quantum noise off (browser pixel tests) or back on, from the next frame. */
  setNoise(on: boolean): void;
  /** Whether a static projection is being computed (the monitor shows its last frame meanwhile). */
  isProjecting(): boolean;
  /** Whether the monitor shows an image (false until the first projection of a view arrives). */
  hasImage(): boolean;
  /** The monitor's canvas (benchmarks and pixel tests read it back). */
  readonly canvas: HTMLCanvasElement;
  destroy(): void;
}

export interface XRayRendererOptions {
  readonly sizePx: number;
  /** Called when a static projection arrives, with the time since it was requested (ms). */
  readonly onProjection?: (key: string, ms: number) => void;
}

/** The shutters and electronic magnification of a snapshot's C-arm (older snapshots: defaults). */
function fieldOf(snapshot: SimSnapshot): { collimation: Collimation; zoom: number } {
  const c = snapshot.carm as { collimation?: Collimation; zoom?: number };
  return { collimation: c.collimation ?? DEFAULT_COLLIMATION, zoom: c.zoom && c.zoom > 0 ? c.zoom : 1 };
}

export { MAP_PX };

/**
 * Create a monitor in `host`. The static anatomy is projected per pose in Web Workers
 * (ProjectionCache); each frame adds the moving parts on the CPU inside their bounding boxes and
 * uploads one float map, and one fragment shader (detectorShader.ts) develops it at the monitor size.
 */
export async function createXRayRenderer(host: HTMLElement, options: XRayRendererOptions): Promise<XRayRenderer> {
  const size = options.sizePx;
  const app = new Application();
  await app.init({
    width: size,
    height: size,
    background: 0x000000,
    antialias: false,
    preference: 'webgl',
    autoStart: false,
  });
  host.appendChild(app.canvas);

  const n = MAP_PX;
  const noise = gaussianTable(n * n * 2, Math.random);
  const detector = createGpuDetector(app, n, size);
  detector.mesh.visible = false;

  app.stage.addChild(detector.mesh);
  const overlay = createOverlayLayer(host);

  const frames = new FrameMapBuilder(n);
  let inverted = false;
  let noiseOn = true;
  let hasImage = false;
  let lastFrameS = -Infinity;
  let lastKey = '';
  let lastWindow: DisplayWindow = { lo: 0, hi: 1 };
  let lastSigma = BASE_NOISE_SIGMA;
  let lastField = { collimation: DEFAULT_COLLIMATION, detectorSizeMm: DETECTOR_DIAMETER_MM };
  let lastCentreIntegral = 5;
  let lastArgs: [SimSnapshot, View] | null = null;
  let destroyed = false;

  const cache = new ProjectionCache((result: StaticProjection, ms: number) => {
    options.onProjection?.(result.key, ms);
    if (lastArgs && !destroyed) render(...lastArgs);
  });

  /** The enhanced static map plus the lift's delta (the newest one ready for this pose while a fresher one is computed). */
  let lifted: { key: string; map: Float32Array } | null = null;
  let lastDelta: { poseId: string; key: string; enhanced: Float32Array } | null = null;
  function withLift(
    sp: StaticProjection,
    poseId: string,
    key: string,
    snapshot: SimSnapshot,
    lift: EndplateLift,
    pose: CArmPose,
    detectorSizeMm: number,
  ): Float32Array {
    if (!hasLift(lift)) return sp.enhanced;
    const delta = cache.get({
      key: `delta|${key}`,
      anatomy: snapshot.anatomy,
      lift,
      pose,
      sizePx: n,
      detectorSizeMm,
      part: 'liftDelta',
    });
    if (delta) lastDelta = { poseId, key, enhanced: delta.enhanced };
    if (!lastDelta || lastDelta.poseId !== poseId) return sp.enhanced;
    const sumKey = `${sp.key}+${lastDelta.key}`;
    if (lifted?.key !== sumKey) {
      const map = new Float32Array(sp.enhanced.length);
      for (let k = 0; k < map.length; k++) map[k] = sp.enhanced[k] + lastDelta.enhanced[k];
      lifted = { key: sumKey, map };
    }
    return lifted.map;
  }

  const develop = (): void => {
    detector.setParams({ window: lastWindow, inverted, ...lastField });
  };

  function render(snapshot: SimSnapshot, view: View): void {
    if (destroyed) return;
    lastArgs = [snapshot, view];
    let live = false;
    if (isLive(snapshot, view)) {
      const pose = poseForView(snapshot, view);
      const lift = snapshot.height.lift;
      const { collimation, zoom } = fieldOf(snapshot);
      // Electronic magnification: the same detector pixels cover a smaller field.
      const detectorSizeMm = DETECTOR_DIAMETER_MM / zoom;
      // The torso is projected once per pose with the endplate as fractured; the balloon's lift is
      // a moving part, a small delta map of the slab around the endplate (liftDelta.ts).
      const poseId = `${poseKey(pose)}|${detectorSizeMm.toFixed(1)}`;
      const staticId = `${staticKey(poseKey(pose), NO_LIFT, n)}|${detectorSizeMm.toFixed(1)}`;
      const key = `${poseId}|${lift.anteriorMm.toFixed(1)}|${lift.middleMm.toFixed(1)}`;
      const sp = cache.get({
        key: staticId,
        anatomy: snapshot.anatomy,
        lift: NO_LIFT,
        pose,
        sizePx: n,
        detectorSizeMm,
      });
      const base = sp ? withLift(sp, poseId, key, snapshot, lift, pose, detectorSizeMm) : null;
      if (sp && base) {
        live = true;
        // Pulsed modes refresh the image at the pulse rate (sim time); between pulses the frame holds.
        const due = snapshot.timeS - lastFrameS >= 1 / MODES[snapshot.carm.mode].framesPerS - 1e-6;
        if (due || key !== lastKey || snapshot.timeS < lastFrameS) {
          const map = frames.build(base, createProjection(pose, detectorSizeMm), shapesFromSnapshot(snapshot));
          lastWindow = sp.window;
          lastSigma = BASE_NOISE_SIGMA * relativeNoise(snapshot.carm.mode);
          // Fresh mottle per frame: the noise table read from a random offset (Math.random is fine in src/).
          frames.addNoise(
            sp.noiseGrowth,
            noise,
            Math.floor(Math.random() * n * n),
            noiseOn ? lastSigma : 0,
            lastWindow,
          );
          detector.setMap(map);
          lastField = { collimation, detectorSizeMm };
          lastCentreIntegral = sp.centreIntegral;
          lastFrameS = snapshot.timeS;
          lastKey = key;
          develop();
          hasImage = true;
        }
      }
    } else {
      lastFrameS = -Infinity;
    }
    detector.mesh.visible = hasImage;
    const o = overlayFor(snapshot, view, live ? 'live' : hasImage ? 'hold' : 'none', lastCentreIntegral);
    overlay.set('topLeft', o.topLeft);
    overlay.set('topRight', hasImage ? o.topRight : '');
    overlay.set('bottomLeft', o.bottomLeft);
    overlay.set('bottomRight', o.bottomRight);
    overlay.set('leftMarker', hasImage ? o.leftMarker : '');
    overlay.set('rightMarker', hasImage ? o.rightMarker : '');
    overlay.set('topMarker', hasImage ? o.topMarker : '');
    overlay.set('centre', hasImage ? '' : 'NO IMAGE');
    app.render();
  }

  return {
    render,
    canvas: app.canvas,
    isProjecting: () => cache.busy,
    hasImage: () => hasImage,
    setInverted(value: boolean) {
      if (value === inverted) return;
      inverted = value;
      if (hasImage) {
        develop();
        app.render();
      }
    },
    setNoise(on: boolean) {
      noiseOn = on;
      if (hasImage) {
        develop();
        app.render();
      }
    },
    destroy() {
      destroyed = true;
      cache.destroy();
      detector.destroy();
      overlay.destroy();
      app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
    },
  };
}
