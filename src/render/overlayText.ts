import type { View } from '../../sim/core';
import { MODES } from '../../sim/imaging';
import type { SimSnapshot } from '../../sim/session';

/**
 * The monitor's text overlay (pure). kV and mA are made up but plausible: the automatic exposure
 * control raises both with the attenuation on the central ray (AP lumbar ~80 kV, lateral ~95 kV).
 */
export interface Overlay {
  readonly topLeft: string;
  readonly topRight: string;
  readonly bottomLeft: string;
  readonly bottomRight: string;
  /** Orientation letters at the image's left and right edge, and the cranial marker at the top. */
  readonly leftMarker: string;
  readonly rightMarker: string;
  readonly topMarker: string;
}

const MODE_LABEL: Record<string, string> = {
  continuous: 'CONT',
  pulsed15: 'PULSE 15/s',
  'pulsed7.5': 'PULSE 7.5/s',
  pulsed4: 'PULSE 4/s',
  lowDose: 'LOW DOSE',
};

/** Made-up technique factors from the central-ray line integral and the mode. */
export function techniqueFactors(centreIntegral: number, mode: keyof typeof MODES): { kV: number; mA: number } {
  const kV = Math.round(Math.min(120, Math.max(60, 50 + 6 * centreIntegral)));
  const mA = 1.5 * Math.pow(2, (centreIntegral - 5) / 2) * MODES[mode].relativeDosePerFrame;
  return { kV, mA: Math.round(Math.min(20, mA) * 10) / 10 };
}

/** Fluoro time as m:ss. */
export function formatFluoroTime(s: number): string {
  const total = Math.floor(s);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Overlay text for a monitor; `state` says whether the image is live, held or absent. */
export function overlayFor(
  snapshot: SimSnapshot,
  view: View,
  state: 'live' | 'hold' | 'none',
  centreIntegral: number,
): Overlay {
  const { carm, dose } = snapshot;
  const t = techniqueFactors(centreIntegral, carm.mode);
  const status = state === 'live' ? 'LIVE' : state === 'hold' ? 'LIH' : '';
  // Second lines, so the corners never run into each other on a small monitor.
  const moving = carm.movingS > 0 && carm.view === view ? `\nC-ARM MOVING ${Math.ceil(carm.movingS)} s` : '';
  const angles = carm.view === view ? `\norb ${carm.orbitDeg.toFixed(1)}°  tilt ${carm.tiltDeg.toFixed(1)}°` : '';
  return {
    topLeft: `${view === 'AP' ? 'AP' : 'LAT'}  ${MODE_LABEL[carm.mode]}  ${status}${moving}`,
    topRight: `${t.kV} kV  ${t.mA.toFixed(1)} mA${angles}`,
    bottomLeft: `FT ${formatFluoroTime(dose.fluoroTimeS)}`,
    bottomRight: `AK ${dose.airKermaMGy.toFixed(1)} mGy  DAP ${dose.dapGyCm2.toFixed(2)} Gy·cm²`,
    leftMarker: view === 'AP' ? 'L' : 'A',
    rightMarker: view === 'AP' ? 'R' : 'P',
    topMarker: 'CRAN ▲',
  };
}
