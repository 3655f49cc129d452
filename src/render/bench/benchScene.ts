import scenarioJson from '../../../levels/l1-osteoporotic-wedge.json';
import { parseScenario } from '../../../levels/scenarioSchema';
import type { View } from '../../../sim/core';
import { createSession } from '../../../sim/session';
import type { SimSnapshot } from '../../../sim/session';
import { add, normalize, scale, sub, type Vec3 } from '../../../sim/math';
import type { TrocarView } from '../../../sim/instruments';
import type { Collimation } from '../../../sim/imaging';

/**
 * A scripted scene for the X-ray benchmark and the browser pixel tests: the shipped L1 scenario
 * (seed 1) with the C-arm in a true view (corrected for the seeded patient rotation) and a
 * trocar along the left pedicle axis whose tip moves with `depthMm` (0 = at the pedicle's
 * anterior end, negative = still in the pedicle).
 */
export interface BenchScene {
  readonly base: SimSnapshot;
  snapshot(opts: {
    view: View;
    orbitDeg?: number;
    tiltDeg?: number;
    depthMm?: number | null;
    timeS: number;
    fluoroTimeS?: number;
    /** Shutter half-sizes (default: the session's, open to the field's rim). */
    collimation?: Collimation;
  }): SimSnapshot;
  /** The trocar's tip and a shaft point for a depth (patient frame). */
  trocarAt(depthMm: number): { tip: Vec3; shaft: Vec3; direction: Vec3 };
}

export function createBenchScene(seed = 1): BenchScene {
  const scenario = parseScenario(scenarioJson, 'levels/l1-osteoporotic-wedge.json');
  const base = createSession(scenario, seed).snapshot();
  const anatomy = base.anatomy;
  const target = anatomy.vertebrae[anatomy.targetIndex];
  const pedicle = target.pedicles.find((p) => p.side === 'left') ?? target.pedicles[0];
  // Along the pedicle axis, 5 deg caudal, as the preview script places it.
  const direction = normalize(
    add(normalize(sub(pedicle.anteriorCentre, pedicle.posteriorCentre)), { x: 0, y: -0.09, z: 0 }),
  );
  const trocarAt = (depthMm: number) => {
    const tip = add(pedicle.anteriorCentre, scale(direction, depthMm));
    return { tip, shaft: sub(tip, scale(direction, 20)), direction };
  };
  const rot = base.carm.patientRotation ?? { rollDeg: 0, pitchDeg: 0, listDeg: 0 };
  return {
    base,
    trocarAt,
    snapshot({ view, orbitDeg, tiltDeg, depthMm = 5, timeS, fluoroTimeS = timeS, collimation }) {
      const trocars: TrocarView[] = [];
      if (depthMm !== null) {
        const t = trocarAt(depthMm);
        // Only what the renderer reads (radiopaqueShapes.ts); the rest of TrocarView is irrelevant here.
        trocars.push({
          side: 'left',
          gauge: 11,
          tip: t.tip,
          direction: t.direction,
          removed: false,
          cannula: false,
          instruments: { needle: 'access', needleIn: true, styletIn: true, guidePinIn: false, cannulaIn: false },
        } as unknown as TrocarView);
      }
      return {
        ...base,
        timeS,
        // The noise offset follows the sim tick (seededNoise.ts): a fresh one per frame, as live.
        tick: Math.round(timeS * 60),
        trocars,
        trocar: trocars[0] ?? null,
        carm: {
          ...base.carm,
          view,
          // True views: orbit = roll; tilt = pitch on AP, list on lateral (sim/imaging/carmPose.ts).
          orbitDeg: orbitDeg ?? rot.rollDeg,
          tiltDeg: tiltDeg ?? (view === 'AP' ? rot.pitchDeg : rot.listDeg),
          movingS: 0,
          exposing: true,
          mode: 'continuous',
          ...(collimation ? { collimation } : {}),
        },
        // Continuous fluoroscopy at ~20 mGy/min air kerma, so the overlay text changes as it would live.
        dose: { ...base.dose, fluoroTimeS, airKermaMGy: (fluoroTimeS * 20) / 60, dapGyCm2: (fluoroTimeS * 0.6) / 60 },
      };
    },
  };
}
