import Matter from 'matter-js';
import { FIXED_DT_S } from '../core/constants';
import type { Vec3 } from '../math/vec3';
import type { Anatomy } from '../anatomy/types';
import { balloonWallsAt, type BalloonWall, type BalloonWallId } from './balloonWalls';
import { CompactedBone } from './compactedBone';

/** Circle bodies in the ring (more = finer outline, slower step). */
export const RING_PARTICLES = 48;
/** Radius of each ring particle, mm (the balloon wall's reach beyond the ring points). */
export const PARTICLE_RADIUS_MM = 0.5;
/** Longest move of a ring particle in one fixed step, mm: less than the 1 mm walls, so no tunnelling. */
const MAX_MOVE_MM = 0.1;
/** Pseudo-mass of a particle: with frictionAir 1 the move per step is F dt^2 / m, so 1 N moves 0.1 mm (overdamped, quasi-static). */
const PARTICLE_MASS = ((FIXED_DT_S * 1000) ** 2 * 1) / 0.1;
/** In-plane bulk stiffness of the contrast against an area deficit, in yield pressures per unit relative deficit (numerical, assumed). */
const AREA_STIFFNESS = 20;
/** Membrane smoothing: pull toward the neighbours' midpoint, N per mm of offset (numerical, assumed: a node-normal pressure ring otherwise zigzags). */
const SMOOTHING_N_PER_MM = 3;
/** Rim segments farther than this beyond the ring's largest reach are left out of the world (fewer bodies to sort), mm. */
const WALL_MARGIN_MM = 4;
/** 1 psi in MPa (= N/mm^2). */
const MPA_PER_PSI = 1 / 145.04;
/** Below this change of area in a step (mm^2) with an unchanged target, the ring is at rest and steps are skipped (its area and contacts no longer change). */
const REST_AREA_MM2 = 1e-3;

/** What the ring needs to know about the balloon. */
export interface BalloonRingSpec {
  /** Working length, mm, and the drilled channel's radius the deflated balloon starts in. */
  readonly lengthMm: number;
  readonly channelRadiusMm: number;
  /** Non-compliant wall: largest half-width and the distal end's largest bulge beyond the marker, mm. */
  readonly maxHalfWidthMm: number;
  readonly maxBulgeMm: number;
  /** Cancellous yield pressure (balloonModel.cancellousYieldPsi), psi. */
  readonly yieldPsi: number;
}

/**
 * The balloon's cross-section in the axial plane through its centre as a pressurised soft body in
 * a matter-js world (sim/physics/README.md, Balloon world): a ring of RING_PARTICLES circles joined
 * by constraints, inside the target body's rim as static bodies (balloonWalls.ts). Matter's x =
 * patient x, matter's y = patient z; one Engine.update per fixed step, no Runner.
 *
 * Each step the contrast pushes every particle outward with P x (half of each adjacent segment's
 * length) x 1 mm of balloon height (N, with P in MPa), where P rises with the ring's area deficit
 * against the target the pressure-volume law gives (setTargetAreaMm2); a particle moving into bone
 * the ring has not yet swept loses the cancellous yield pressure over the same length (crushing
 * costs P_y; compacted bone costs nothing), and matter's collisions stop it at the cortex. The
 * ring so grows where bone is cheapest and flattens against the walls it reaches. A small pull
 * toward the neighbours' midpoint keeps it from zigzagging; it is overdamped (quasi-static).
 */
export class BalloonWorld {
  private readonly engine = Matter.Engine.create({
    gravity: { x: 0, y: 0, scale: 0 },
    positionIterations: 3,
    velocityIterations: 2,
    constraintIterations: 2,
  });
  private readonly ring: Matter.Body[] = [];
  private readonly links: Matter.Constraint[] = [];
  private readonly walls = new Map<Matter.Body, BalloonWall>();
  private readonly compacted: CompactedBone;
  private readonly ux: number;
  private readonly uz: number;
  private readonly yieldMPa: number;
  private readonly maxPerimeterMm: number;
  private target: number;
  private lastChange = Number.POSITIVE_INFINITY;
  private restTarget = Number.NaN;
  private touching: BalloonWallId[] = [];

  constructor(
    anatomy: Anatomy,
    readonly centre: Vec3,
    axis: Vec3,
    private readonly spec: BalloonRingSpec,
  ) {
    const h = Math.hypot(axis.x, axis.z);
    this.ux = h > 1e-9 ? axis.x / h : 0;
    this.uz = h > 1e-9 ? axis.z / h : -1;
    this.yieldMPa = spec.yieldPsi * MPA_PER_PSI;
    const rMax = spec.maxHalfWidthMm;
    this.maxPerimeterMm = 2 * (spec.lengthMm - 2 * rMax) + 2 * Math.PI * rMax + 2 * spec.maxBulgeMm;
    const start = this.capsule(spec.channelRadiusMm);
    this.target = polygonArea(start);
    this.compacted = new CompactedBone(centre.x, centre.z, start);
    const group = Matter.Body.nextGroup(true);
    for (const p of start) {
      const b = Matter.Bodies.circle(p.x, p.z, PARTICLE_RADIUS_MM, {
        frictionAir: 1,
        friction: 0,
        restitution: 0,
        collisionFilter: { group },
        label: 'ring',
      });
      Matter.Body.setMass(b, PARTICLE_MASS);
      this.ring.push(b);
    }
    for (let i = 0; i < this.ring.length; i++) {
      const c = Matter.Constraint.create({
        bodyA: this.ring[i],
        bodyB: this.ring[(i + 1) % this.ring.length],
        stiffness: 0.2,
        damping: 0,
      });
      this.links.push(c);
    }
    const bodies: Matter.Body[] = [...this.ring];
    const reach = Math.hypot(spec.lengthMm / 2 + spec.maxBulgeMm, spec.maxHalfWidthMm) + WALL_MARGIN_MM;
    for (const w of balloonWallsAt(anatomy, centre.y)) {
      if (Math.hypot(w.cx - centre.x, w.cz - centre.z) - w.lengthMm / 2 > reach) continue;
      const body = Matter.Bodies.rectangle(w.cx, w.cz, w.lengthMm, w.thicknessMm, {
        isStatic: true,
        angle: w.angleRad,
        label: w.id,
        friction: 0,
      });
      this.walls.set(body, w);
      bodies.push(body);
    }
    Matter.Composite.add(this.engine.world, [...bodies, ...this.links]);
    this.relink();
  }

  /** Area (mm^2) the ring should enclose: the balloon's section in this plane from the pressure-volume law. */
  setTargetAreaMm2(areaMm2: number): void {
    this.target = Math.max(polygonArea(this.capsule(this.spec.channelRadiusMm)), areaMm2);
  }

  /** One fixed step: pressure and yield forces, then Engine.update. Skipped while the ring is at rest. */
  step(): void {
    if (this.atRest) return;
    const before = this.ring.map((b) => ({ x: b.position.x, z: b.position.y }));
    const area = polygonArea(before);
    const pMPa = (this.yieldMPa * AREA_STIFFNESS * (this.target - area)) / this.target;
    const n = this.ring.length;
    for (let i = 0; i < n; i++) {
      const prev = before[(i + n - 1) % n];
      const here = before[i];
      const next = before[(i + 1) % n];
      // Outward normal of a counter-clockwise ring: the chord prev -> next turned clockwise.
      const tx = next.x - prev.x;
      const tz = next.z - prev.z;
      const chord = Math.hypot(tx, tz) || 1;
      const nx = tz / chord;
      const nz = -tx / chord;
      const halfLen = chord / 2;
      let f = pMPa * halfLen;
      if (f > 0 && this.compacted.isFresh(here.x, here.z)) f = Math.max(0, f - this.yieldMPa * halfLen);
      let fx = f * nx + SMOOTHING_N_PER_MM * ((prev.x + next.x) / 2 - here.x);
      let fz = f * nz + SMOOTHING_N_PER_MM * ((prev.z + next.z) / 2 - here.z);
      const move = (Math.hypot(fx, fz) * (FIXED_DT_S * 1000) ** 2) / PARTICLE_MASS;
      if (move > MAX_MOVE_MM) [fx, fz] = [(fx * MAX_MOVE_MM) / move, (fz * MAX_MOVE_MM) / move];
      Matter.Body.applyForce(this.ring[i], this.ring[i].position, { x: fx, y: fz });
    }
    // The forces moved nothing yet: the points before are the ring's points now.
    this.relink(before);
    Matter.Engine.update(this.engine, FIXED_DT_S * 1000);
    this.confine();
    const after = this.points();
    this.lastChange = Math.abs(polygonArea(after) - area);
    this.restTarget = this.target;
    this.compacted.sweep(after);
    this.touching = this.readContacts();
  }

  /** Step until the ring is at rest or maxSteps have run (tests, and a freshly placed balloon). */
  settle(maxSteps: number): number {
    let i = 0;
    for (; i < maxSteps && !this.atRest; i++) this.step();
    return i;
  }

  /** The target has not moved and the last step changed the area by less than REST_AREA_MM2. */
  get atRest(): boolean {
    return this.lastChange < REST_AREA_MM2 && this.target === this.restTarget;
  }

  /** Area the ring encloses now, mm^2 (particle centres). */
  get areaMm2(): number {
    return polygonArea(this.points());
  }

  /** Walls the ring presses on now (sorted, without repeats). */
  get contacts(): readonly BalloonWallId[] {
    return this.touching;
  }

  /** The ring's points in the patient frame (y = the balloon centre's height), counter-clockwise seen from above. */
  outline(): Vec3[] {
    return this.ring.map((b) => ({ x: b.position.x, y: this.centre.y, z: b.position.y }));
  }

  /**
   * Distance (mm) from a point of the plane along a horizontal unit direction to the inner face of
   * the first cortex wall the ring would meet (matter's ray query on the same static bodies, by
   * bisection to 0.01 mm); pedicle openings are ignored. Null if no cortex lies within 60 mm.
   */
  roomMm(from: { x: number; z: number }, dx: number, dz: number): number | null {
    const cortex = [...this.walls].filter(([, w]) => w.id !== 'opening').map(([b]) => b);
    const hits = (s: number): boolean =>
      Matter.Query.ray(cortex, { x: from.x, y: from.z }, { x: from.x + dx * s, y: from.z + dz * s }, 0.01).length > 0;
    let hi = 60;
    if (!hits(hi)) return null;
    let lo = 0;
    if (hits(1e-3)) return 0;
    while (hi - lo > 0.01) {
      const mid = (lo + hi) / 2;
      if (hits(mid)) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  private points(): { x: number; z: number }[] {
    return this.ring.map((b) => ({ x: b.position.x, z: b.position.y }));
  }

  /** Points on a capsule of half-width r around the axis (total length = the balloon's), counter-clockwise. */
  private capsule(r: number): { x: number; z: number }[] {
    const n = RING_PARTICLES;
    const half = Math.max(0, this.spec.lengthMm / 2 - r);
    const per = 4 * half + 2 * Math.PI * r;
    const out: { x: number; z: number }[] = [];
    // Local frame: s along the axis (distal +), w to side A (the axis turned clockwise seen from above).
    // Arc length d runs along side A's straight, the distal cap, side B's straight, then the proximal cap;
    // dDistal, dB and dProximal are d measured from the start of each later piece.
    for (let i = 0; i < n; i++) {
      const d = (per * i) / n;
      const dDistal = d - 2 * half;
      const dB = dDistal - Math.PI * r;
      const dProximal = dB - 2 * half;
      let s: number;
      let w: number;
      if (d < 2 * half) [s, w] = [-half + d, -r];
      else if (dDistal < Math.PI * r) [s, w] = [half + r * Math.sin(dDistal / r), -r * Math.cos(dDistal / r)];
      else if (dB < 2 * half) [s, w] = [half - dB, r];
      else [s, w] = [-half - r * Math.sin(dProximal / r), r * Math.cos(dProximal / r)];
      out.push(this.toPlane(s, w));
    }
    return polygonArea(out) >= 0 ? out : out.reverse();
  }

  private toPlane(s: number, w: number): { x: number; z: number } {
    return { x: this.centre.x + this.ux * s + this.uz * w, z: this.centre.z + this.uz * s - this.ux * w };
  }

  /** Spread the particles evenly: each link's rest length is the ring's perimeter / N, up to the unfolded wall's. */
  private relink(pts: readonly { x: number; z: number }[] = this.points()): void {
    let per = 0;
    for (let i = 0; i < pts.length; i++) {
      const q = pts[(i + 1) % pts.length];
      per += Math.hypot(q.x - pts[i].x, q.z - pts[i].z);
    }
    const len = Math.min(per, this.maxPerimeterMm) / pts.length;
    for (const c of this.links) c.length = len;
  }

  /** The non-compliant wall: no particle beyond the balloon's length (plus its distal bulge) or its largest half-width. */
  private confine(): void {
    const { lengthMm, maxBulgeMm, maxHalfWidthMm } = this.spec;
    for (const b of this.ring) {
      const dx = b.position.x - this.centre.x;
      const dz = b.position.y - this.centre.z;
      const s = dx * this.ux + dz * this.uz;
      const w = dx * this.uz - dz * this.ux;
      const sc = Math.max(-lengthMm / 2, Math.min(lengthMm / 2 + maxBulgeMm, s));
      const wc = Math.max(-maxHalfWidthMm, Math.min(maxHalfWidthMm, w));
      if (sc !== s || wc !== w) {
        const p = this.toPlane(sc, wc);
        Matter.Body.setPosition(b, { x: p.x, y: p.z });
      }
    }
  }

  private readContacts(): BalloonWallId[] {
    const seen = new Set<BalloonWallId>();
    for (const pair of this.engine.pairs.list) {
      if (!pair.isActive) continue;
      const w = this.walls.get(pair.bodyA) ?? this.walls.get(pair.bodyB);
      if (w) seen.add(w.id);
    }
    return [...seen].sort();
  }
}

/** Signed area (mm^2) of a closed polygon in the (x, z) plane: positive counter-clockwise in matter's frame. */
export function polygonArea(pts: readonly { x: number; z: number }[]): number {
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const q = pts[(i + 1) % pts.length];
    s += p.x * q.z - q.x * p.z;
  }
  return s / 2;
}
