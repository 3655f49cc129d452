import { Application, BufferImageSource, Container, Sprite, Text, Texture } from 'pixi.js';
import type { View } from '../../sim/commands';
import { DETECTOR_DIAMETER_MM, poseKey } from '../../sim/imaging/carmPose';
import { DEFAULT_COLLIMATION } from '../../sim/imaging/collimation';
import { MODES, relativeNoise } from '../../sim/imaging/dose';
import { createProjection } from '../../sim/imaging/projection';
import type { SimSnapshot } from '../../sim/snapshot';
import { createFieldMask, detectorPass, gaussianTable, type DisplayWindow } from './detectorPass';
import { overlayFor } from './overlayText';
import { isLive, poseForView } from './poseForView';
import { ProjectionCache } from './projectionCache';
import { shapesFromSnapshot } from './radiopaqueShapes';
import { addShapeIntegrals } from './shapeIntegrals';
import { staticKey } from './staticProjection';

/** One fluoroscopy monitor. The UI makes one per view (AP and lateral side by side). */
export interface XRayRenderer {
  render(snapshot: SimSnapshot, view: View): void;
  setInverted(inverted: boolean): void;
  destroy(): void;
}

/** Image resolution of the simulated detector chain (the sprite is scaled to the monitor). */
const MAP_PX = 256;
/** Quantum noise (sd of the log signal) at mid-window in continuous mode (tuned by eye against C-arm images). */
const BASE_NOISE_SIGMA = 0.045;
/** Unsharp-mask gain of the II camera's edge enhancement (mild). */
const EDGE_GAIN = 0.6;

/**
 * Create a monitor in `host`. The detector pass runs on the CPU into a 256 x 256 texture (robust
 * under headless Chromium with SwiftShader); the static anatomy comes from ProjectionCache.
 */
export async function createXRayRenderer(host: HTMLElement, options: { sizePx: number }): Promise<XRayRenderer> {
  const size = options.sizePx;
  const app = new Application();
  await app.init({ width: size, height: size, background: 0x000000, antialias: false, preference: 'webgl', autoStart: false });
  host.appendChild(app.canvas);

  const n = MAP_PX;
  const pixels = new Uint8Array(n * n * 4);
  const source = new BufferImageSource({ resource: pixels, width: n, height: n, scaleMode: 'linear' });
  const sprite = new Sprite(new Texture({ source }));
  sprite.width = size;
  sprite.height = size;
  sprite.visible = false;

  const font = Math.max(10, Math.round(size / 40));
  const label = (anchorX: number, anchorY: number, x: number, y: number, fontSize = font): Text => {
    const t = new Text({ text: '', style: { fontFamily: 'monospace', fontSize, fill: 0xdadada } });
    t.anchor.set(anchorX, anchorY);
    t.position.set(x, y);
    return t;
  };
  const m = size * 0.02;
  const texts = {
    topLeft: label(0, 0, m, m),
    topRight: label(1, 0, size - m, m),
    bottomLeft: label(0, 1, m, size - m),
    bottomRight: label(1, 1, size - m, size - m),
    leftMarker: label(0, 0.5, size * 0.06, size / 2, font * 2),
    rightMarker: label(1, 0.5, size * 0.94, size / 2, font * 2),
    topMarker: label(0.5, 0, size / 2, size * 0.07),
    centre: label(0.5, 0.5, size / 2, size / 2, font * 1.5),
  };
  const overlay = new Container();
  overlay.addChild(...Object.values(texts));
  app.stage.addChild(sprite, overlay);

  const mask = createFieldMask(n, DETECTOR_DIAMETER_MM, DEFAULT_COLLIMATION);
  const noise = gaussianTable(n * n * 2, Math.random);
  const work = new Float32Array(n * n);
  const scratch = new Float32Array(n * n);

  let inverted = false;
  let hasImage = false;
  let lastFrameS = -Infinity;
  let lastKey = '';
  let lastWindow: DisplayWindow = { lo: 0, hi: 1 };
  let lastSigma = BASE_NOISE_SIGMA;
  let lastNoiseOffset = 0;
  let lastCentreIntegral = 5;
  let lastArgs: [SimSnapshot, View] | null = null;
  let destroyed = false;

  const cache = new ProjectionCache(() => {
    if (lastArgs && !destroyed) render(...lastArgs);
  });

  const develop = (): void => {
    detectorPass(work, mask, { window: lastWindow, noiseSigma: lastSigma, edgeGain: EDGE_GAIN, inverted }, noise, lastNoiseOffset, scratch, pixels);
    source.update();
  };

  const setText = (t: Text, s: string): void => {
    if (t.text !== s) t.text = s;
  };

  function render(snapshot: SimSnapshot, view: View): void {
    if (destroyed) return;
    lastArgs = [snapshot, view];
    let live = false;
    if (isLive(snapshot, view)) {
      const pose = poseForView(snapshot, view);
      const lift = snapshot.height.lift;
      const key = staticKey(poseKey(pose), lift, n);
      const sp = cache.get({ key, anatomy: snapshot.anatomy, lift, pose, sizePx: n, detectorSizeMm: DETECTOR_DIAMETER_MM });
      if (sp) {
        live = true;
        // Pulsed modes refresh the image at the pulse rate (sim time); between pulses the frame holds.
        const due = snapshot.timeS - lastFrameS >= 1 / MODES[snapshot.carm.mode].framesPerS - 1e-6;
        if (due || key !== lastKey || snapshot.timeS < lastFrameS) {
          work.set(sp.map);
          addShapeIntegrals(work, n, createProjection(pose, DETECTOR_DIAMETER_MM), shapesFromSnapshot(snapshot));
          lastWindow = sp.window;
          lastSigma = BASE_NOISE_SIGMA * relativeNoise(snapshot.carm.mode);
          lastNoiseOffset = Math.floor(Math.random() * n * n);
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
    sprite.visible = hasImage;
    const o = overlayFor(snapshot, view, live ? 'live' : hasImage ? 'hold' : 'none', lastCentreIntegral);
    setText(texts.topLeft, o.topLeft);
    setText(texts.topRight, hasImage ? o.topRight : '');
    setText(texts.bottomLeft, o.bottomLeft);
    setText(texts.bottomRight, o.bottomRight);
    setText(texts.leftMarker, hasImage ? o.leftMarker : '');
    setText(texts.rightMarker, hasImage ? o.rightMarker : '');
    setText(texts.topMarker, hasImage ? o.topMarker : '');
    setText(texts.centre, hasImage ? '' : 'NO IMAGE');
    app.render();
  }

  return {
    render,
    setInverted(value: boolean) {
      if (value === inverted) return;
      inverted = value;
      if (hasImage) {
        develop();
        app.render();
      }
    },
    destroy() {
      destroyed = true;
      cache.destroy();
      app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
    },
  };
}
