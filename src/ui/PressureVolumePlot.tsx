import { useEffect, useRef } from 'react';
import type { BalloonView } from '../../sim/instruments';

interface Props {
  readonly trace: BalloonView['trace'];
  /** Axis maxima; the plot grows if the trace goes beyond them. */
  readonly maxVolumeMl: number;
  readonly maxPressurePsi: number;
  /**
   * Size in CSS pixels (default 240 x 120, the debrief's). The OR's side column draws it wider and
   * lower, so that the balloon's panel and the syringe's buttons fit a laptop's screen together.
   */
  readonly width?: number;
  readonly height?: number;
}

const PAD = { l: 30, r: 6, t: 6, b: 18 };

/** Live pressure-volume curve of the balloon, drawn on a small canvas from snapshot.balloon.trace. */
export function PressureVolumePlot({ trace, maxVolumeMl, maxPressurePsi, width: W = 240, height: H = 120 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== W * dpr) {
      canvas.width = W * dpr;
      canvas.height = H * dpr;
    }
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);

    const vMax = Math.max(maxVolumeMl, ...trace.map((p) => p.volumeMl));
    const pMax = Math.max(maxPressurePsi, ...trace.map((p) => p.pressurePsi));
    const x = (v: number) => PAD.l + (v / vMax) * (W - PAD.l - PAD.r);
    const y = (p: number) => H - PAD.b - (p / pMax) * (H - PAD.t - PAD.b);

    const css = getComputedStyle(canvas);
    g.strokeStyle = css.getPropertyValue('--grid').trim() || '#2a3a44';
    g.fillStyle = css.getPropertyValue('--axis').trim() || '#8aa0ad';
    g.lineWidth = 1;
    g.font = '10px ui-monospace, monospace';
    // A line every 100 psi; on a low plot a label every other line, so the labels never touch.
    const labelEvery = H - PAD.t - PAD.b < 80 ? 200 : 100;
    for (let p = 0; p <= pMax; p += 100) {
      g.beginPath();
      g.moveTo(PAD.l, y(p));
      g.lineTo(W - PAD.r, y(p));
      g.stroke();
      if (p % labelEvery === 0) g.fillText(String(p), 2, y(p) + 3);
    }
    for (let v = 0; v <= vMax; v += 1) {
      g.beginPath();
      g.moveTo(x(v), PAD.t);
      g.lineTo(x(v), H - PAD.b);
      g.stroke();
      g.fillText(`${v}`, x(v) - 3, H - 5);
    }
    g.fillText('mL', W - PAD.r - 14, H - 5);

    if (trace.length === 0) return;
    g.strokeStyle = css.getPropertyValue('--trace').trim() || '#5fe0c0';
    g.lineWidth = 1.8;
    g.beginPath();
    trace.forEach((pt, i) => {
      if (i === 0) g.moveTo(x(pt.volumeMl), y(pt.pressurePsi));
      else g.lineTo(x(pt.volumeMl), y(pt.pressurePsi));
    });
    g.stroke();
    const last = trace[trace.length - 1];
    g.fillStyle = g.strokeStyle;
    g.beginPath();
    g.arc(x(last.volumeMl), y(last.pressurePsi), 3, 0, Math.PI * 2);
    g.fill();
  }, [trace, maxVolumeMl, maxPressurePsi, W, H]);

  // The number of points drawn is exposed for tests and assistive tech: the canvas itself is opaque.
  return (
    <canvas
      ref={ref}
      className="pv-plot"
      style={{ width: W, height: H }}
      role="img"
      aria-label={`Pressure-volume curve, ${trace.length} points`}
      data-testid="balloon-pv"
      data-points={trace.length}
    />
  );
}
