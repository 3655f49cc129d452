import Matter from 'matter-js';
import { FIXED_DT_S } from '../core/constants';
import type { Vec3 } from '../math/vec3';
import type { Anatomy } from '../anatomy/types';
import { wallSensorsAt, type WallId, type WallSensor } from './wallSensors';

/** The tip's radius in the plane, mm: larger than the largest sub-step, so a 1 mm wall is always overlapped on some sub-step. */
export const TIP_RADIUS_MM = 0.4;
/** Longest kinematic move between two engine updates, mm (no tunnelling through ~1 mm cortex). */
export const MAX_SUBSTEP_MM = 0.25;
/** Rebuild the plane's walls when the tip has moved this far cranio-caudally, mm. */
const REBUILD_DY_MM = 1;

export interface WallContact {
  readonly id: WallId;
  readonly side: 'left' | 'right' | null;
}

/**
 * A matter-js world in the axial working plane through the needle tip (README.md, Needle world).
 * The target's cortical walls at the tip's height are static sensors; the tip is a small sensor
 * body moved kinematically. No Runner and no renderer: the caller moves the tip by at most
 * MAX_SUBSTEP_MM and calls moveTip, which runs one Engine.update with the fixed step and reads
 * matter's collision pairs to say which walls the tip is crossing.
 */
export class NeedleWorld {
  private readonly engine = Matter.Engine.create({ gravity: { x: 0, y: 0, scale: 0 } });
  private readonly tip = Matter.Bodies.circle(0, 0, TIP_RADIUS_MM, { isSensor: true, label: 'tip' });
  private readonly walls = new Map<Matter.Body, WallSensor>();
  private planeY = Number.NaN;

  constructor(private readonly anatomy: Anatomy) {}

  /** The height (y, mm) of the plane the walls were last generated at. */
  get planeYMm(): number {
    return this.planeY;
  }

  /** Put the tip at a point, step the engine once, and return the walls it overlaps (stable order). */
  moveTip(p: Vec3): WallContact[] {
    if (!(Math.abs(p.y - this.planeY) <= REBUILD_DY_MM)) this.rebuild(p.y);
    Matter.Body.setPosition(this.tip, { x: p.x, y: p.z });
    Matter.Engine.update(this.engine, FIXED_DT_S * 1000);
    const seen = new Set<string>();
    const out: WallContact[] = [];
    for (const pair of this.engine.pairs.list) {
      if (!pair.isActive) continue;
      const other = pair.bodyA === this.tip ? pair.bodyB : pair.bodyB === this.tip ? pair.bodyA : null;
      const wall = other ? this.walls.get(other) : undefined;
      if (!wall) continue;
      const key = `${wall.id}:${wall.side}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: wall.id, side: wall.side });
    }
    return out.sort((a, b) => (`${a.id}:${a.side}` < `${b.id}:${b.side}` ? -1 : 1));
  }

  private rebuild(y: number): void {
    Matter.Composite.clear(this.engine.world, false, true);
    Matter.Engine.clear(this.engine);
    this.walls.clear();
    const bodies: Matter.Body[] = [this.tip];
    for (const w of wallSensorsAt(this.anatomy, y)) {
      const body = Matter.Bodies.rectangle(w.cx, w.cz, w.lengthMm, w.thicknessMm, {
        isStatic: true,
        isSensor: true,
        angle: w.angleRad,
        label: w.id,
      });
      this.walls.set(body, w);
      bodies.push(body);
    }
    Matter.Composite.add(this.engine.world, bodies);
    this.planeY = y;
  }
}
