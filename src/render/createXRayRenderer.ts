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
import type { DisplayWindow } from '../../sim/imaging';
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
import { noiseOffset, noiseTable } from './seededNoise';
import { isPreviewKey } from './previewProjection';
import { standardPoses } from './standardPoses';

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
  /** Called when the coarse preview of a projection arrives (previewProjection.ts), with its time (ms). */
  readonly onPreview?: (key: string, ms: number) => void;
  /**
   * Seed of the quantum noise (seededNoise.ts, noiseSeedFor: the session seed salted by the view);
   * the same seed and the same frames give the same mottle. Default 1.
   */
  readonly noiseSeed?: number;
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
  const noiseSeed = options.noiseSeed ?? 1;
  const noise = noiseTable(noiseSeed, n * n * 2);
  const frames = new FrameMapBuilder(n);
  const detector = createGpuDetector(app, frames.map, n, size);
  detector.container.visible = false;

  app.stage.addChild(...detector.container.meshes);
  // Draw the detector once, hidden again in the same task (never composited): Pixi compiles the
  // shader and allocates the map texture on the first draw, which under a software GPU took a
  // few hundred ms on the first shot of each monitor; now it is paid while the monitor starts.
  detector.container.visible = true;
  app.render();
  detector.container.visible = false;
  app.render();
  const overlay = createOverlayLayer(host);

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
  /**
   * The last live snapshot of an exposure whose projection had not arrived yet. The pedal is often
   * released before a new pose's projection (~0.5-2 s) is ready; the dose is counted all the same,
   * so when the projection arrives the held image must be that shot's, developed from this
   * snapshot (the current one is no longer live and would draw nothing).
   */
  let pendingShot: [SimSnapshot, View] | null = null;
  /** The view's shot count at the last render (null before the first), to catch presses no live frame saw. */
  let seenShots: number | null = null;
  /** The background projections asked for, so the same poses are not re-queued every frame. */
  let prefetchedFor = '';

  const cache = new ProjectionCache((result: StaticProjection, ms: number) => {
    // Previews are a stop-gap, not the projection a caller waits for (the benchmark times the full map).
    if (isPreviewKey(result.key)) options.onPreview?.(result.key, ms);
    else options.onProjection?.(result.key, ms);
    if (destroyed) return;
    // render() develops a pending shot once its projection is cached (or the live frame, if the
    // pedal is down again).
    if (lastArgs) render(...lastArgs);
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

  /**
   * Develop a frame of a live snapshot when one is due (pulse rate, new pose or lift, preview
   * refined). 'full' when the pose's projection is in use, 'preview' while only its coarse preview
   * is (previewProjection.ts), false when neither is ready (it is requested, and the caller keeps
   * the shot pending until 'full').
   */
  function buildFrame(snapshot: SimSnapshot, view: View): 'full' | 'preview' | false {
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
    if (!sp) return false;
    const full = !isPreviewKey(sp.key);
    // The preview goes without the lift's delta: asking for the delta now would queue it ahead of
    // the full map the preview stands in for.
    const base = full ? withLift(sp, poseId, key, snapshot, lift, pose, detectorSizeMm) : sp.enhanced;
    const frameKey = full ? key : `${key}|preview`;
    // Pulsed modes refresh the image at the pulse rate (sim time); between pulses the frame holds.
    const due = snapshot.timeS - lastFrameS >= 1 / MODES[snapshot.carm.mode].framesPerS - 1e-6;
    if (due || frameKey !== lastKey || snapshot.timeS < lastFrameS) {
      frames.build(base, createProjection(pose, detectorSizeMm), shapesFromSnapshot(snapshot));
      lastWindow = sp.window;
      lastSigma = BASE_NOISE_SIGMA * relativeNoise(snapshot.carm.mode);
      // Fresh mottle per frame, reproducible: the seeded table read from an offset chosen by the
      // sim tick (seededNoise.ts).
      frames.addNoise(
        sp.noiseGrowth,
        noise,
        noiseOffset(noiseSeed, snapshot.tick, n * n),
        noiseOn ? lastSigma : 0,
        lastWindow,
      );
      detector.uploadMap();
      lastField = { collimation, detectorSizeMm };
      lastCentreIntegral = sp.centreIntegral;
      lastFrameS = snapshot.timeS;
      lastKey = frameKey;
      develop();
      hasImage = true;
    }
    return full ? 'full' : 'preview';
  }

  /**
   * Out of the beam, project in the background the poses the next press of this view will most
   * likely need (standardPoses.ts), so that its first image does not wait for a projection.
   */
  function prefetch(snapshot: SimSnapshot, view: View): void {
    const { zoom } = fieldOf(snapshot);
    const detectorSizeMm = DETECTOR_DIAMETER_MM / zoom;
    const poses = standardPoses(snapshot, view);
    const ids = poses.map((pose) => `${staticKey(poseKey(pose), NO_LIFT, n)}|${detectorSizeMm.toFixed(1)}`);
    const all = ids.join('&');
    if (all === prefetchedFor) return;
    prefetchedFor = all;
    cache.prefetch(
      poses.map((pose, k) => ({
        key: ids[k],
        anatomy: snapshot.anatomy,
        lift: NO_LIFT,
        pose,
        sizePx: n,
        detectorSizeMm,
      })),
    );
  }

  function render(snapshot: SimSnapshot, view: View): void {
    if (destroyed) return;
    lastArgs = [snapshot, view];
    let live = false;
    // A press shorter than a browser frame (several sim ticks run per frame, more at time x4) counts
    // a shot in a snapshot that is no longer exposing: develop that shot from it all the same.
    const shots = snapshot.dose.shots[view];
    const unseenShot = seenShots !== null && shots > seenShots && snapshot.carm.view === view;
    seenShots = shots;
    if (isLive(snapshot, view)) {
      const built = buildFrame(snapshot, view);
      live = built !== false;
      pendingShot = built === 'full' ? null : [snapshot, view];
    } else {
      if (unseenShot) pendingShot = [snapshot, view];
      // The held shot is developed once per projection it gets (its preview, then the full map).
      if (pendingShot && buildFrame(...pendingShot) === 'full') pendingShot = null;
      // Then the next press's first frame is due at once; a shot still pending keeps its frame
      // time, so it is not developed again (with new noise) on every browser frame.
      if (!pendingShot) lastFrameS = -Infinity;
      prefetch(snapshot, view);
    }
    detector.container.visible = hasImage;
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
