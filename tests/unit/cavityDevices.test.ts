import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import type { Anatomy } from '../../sim/anatomy/types';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { Balloon } from '../../sim/instruments/balloon';
import { BallTamp } from '../../sim/instruments/ballTamp';
import {
  BALL_TAMP_DEVICES,
  MESH_CONTAINER_DEVICES,
  meshConductanceM3,
  sphereDiameterMm,
  sphereMl,
} from '../../sim/instruments/cavityDevices';
import { cavityToolFor } from '../../sim/instruments/cavityToolFor';
import { CementBodyFlow } from '../../sim/instruments/cementBodyFlow';
import { CEMENT_MODEL, flowViscosityPaS } from '../../sim/instruments/cementModel';
import { cancellousSpanAt, liftableAtMm, targetVertebra } from '../../sim/instruments/endplateGeometry';
import { MeshContainer } from '../../sim/instruments/meshContainer';
import { createRng } from '../../sim/math/rng';
import { CementLattice } from '../../sim/physics/cementLattice';
import { conditionHolds } from '../../sim/plan/runPlan';
import { conditionSchema } from '../../sim/plan/planSchema';
import { add, scale } from '../../sim/math/vec3';
import { ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS, makeAnatomy } from './fixtures/anatomyFixture';

const DT = 1 / 60;
const run = (tool: { step(dt: number): unknown }, seconds: number): void => {
  for (let i = 0; i < seconds * 60; i++) tool.step(DT);
};

const l1 = (): Scenario =>
  parseScenario(
    JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8')),
    'l1',
  );
const anatomyFor = (seed: number): Anatomy => buildAnatomy(l1(), createRng(seed).fork('anatomy'));

describe('expandable ball tamp', () => {
  it('opens to its fixed sphere whatever the bone, and no further', () => {
    const cavities = [-1, -3.6].map((tScore) => {
      const tamp = new BallTamp(makeAnatomy({ tScore }), 15);
      tamp.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
      tamp.inflate(10);
      run(tamp, 20);
      return tamp;
    });
    const full = sphereMl(BALL_TAMP_DEVICES[15].diameterMm);
    for (const t of cavities) {
      expect(t.volumeMl).toBeCloseTo(full, 9);
      expect(t.cavityMl).toBeCloseTo(full, 9);
      expect(t.view().radiusMm).toBeCloseTo(BALL_TAMP_DEVICES[15].diameterMm / 2, 6);
      expect(t.view().device).toBe('ballTamp');
    }
    // A balloon's cavity depends on the bone it crushes; the tamp's is its shape.
    const balloons = [-1, -3.6].map((tScore) => {
      const b = new Balloon(makeAnatomy({ tScore }), 15);
      b.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
      b.inflate(2.5);
      run(b, 10);
      return b.cavityMl;
    });
    expect(Math.abs(balloons[0] - balloons[1])).toBeGreaterThan(0.05);
  });

  it('keeps its sphere as the cavity once closed, and the plate rides down to the compacted bone', () => {
    const anatomy = makeAnatomy({ tScore: -3.2 });
    const tamp = new BallTamp(anatomy, 20);
    tamp.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
    const events = (() => {
      tamp.inflate(10);
      const out: string[] = [];
      for (let i = 0; i < 30 * 60; i++) for (const e of tamp.step(DT)) out.push(e.type);
      return out;
    })();
    expect(events[0]).toBe('balloon.inflated');
    const peak = tamp.peakLift().anteriorMm;
    tamp.deflate();
    run(tamp, 30);
    expect(tamp.volumeMl).toBe(0);
    expect(tamp.cavityMl).toBeCloseTo(sphereMl(BALL_TAMP_DEVICES[20].diameterMm), 9);
    expect(peak).toBeGreaterThan(0);
    expect(tamp.lift().anteriorMm).toBeCloseTo(peak * 0.6, 6);
  });

  it("lifts the endplate by no more than its share of the sphere's overreach past the span between the plates", () => {
    for (const seed of [1, 2, 3]) {
      const anatomy = anatomyFor(seed);
      const v = targetVertebra(anatomy);
      const tip = { x: v.centre.x + 3, y: v.centre.y, z: v.centre.z - v.bodyDepthMm / 4 };
      const axis = TRANSPEDICULAR_AXIS;
      const device = BALL_TAMP_DEVICES[20];
      const tamp = new BallTamp(anatomy, 20);
      tamp.insert(tip, axis);
      tamp.inflate(10);
      run(tamp, 30);
      const centre = add(tip, scale(axis, -device.diameterMm / 2 / Math.hypot(axis.x, axis.y, axis.z)));
      const span0 = cancellousSpanAt(v, centre, 0);
      const overreach = Math.max(0, device.diameterMm - (span0.superiorY - span0.inferiorY));
      const liftable = liftableAtMm(v, centre);
      const lost = v.intactHeightMm - v.anteriorHeightMm;
      const share = liftable > 0 ? Math.min(1, (device.liftShare * overreach) / liftable) : 0;
      expect(tamp.peakLift().anteriorMm).toBeCloseTo(share * lost, 6);
      // Limited: never the whole overreach, never past the intact height.
      expect(tamp.peakLift().anteriorMm).toBeLessThanOrEqual(lost + 1e-9);
    }
  });

  it('in the cement lattice, its cavity is a ball of its volume around its centre', () => {
    const anatomy = anatomyFor(4);
    const v = targetVertebra(anatomy);
    const tip = { x: v.centre.x + 3, y: v.centre.y, z: v.centre.z - v.bodyDepthMm / 4 };
    const tamp = new BallTamp(anatomy, 15);
    tamp.insert(tip, TRANSPEDICULAR_AXIS);
    tamp.inflate(10);
    run(tamp, 20);
    const flow = new CementBodyFlow(anatomy, CEMENT_MODEL);
    const ctx = {
      tip,
      cavityMl: tamp.cavityMl,
      cavityCentre: tamp.view().centre,
      cavityWall: tamp.cavityWall,
      breachOpenings: [],
    };
    // Thick dough, pushed to just under the cavity: it all lies in the cavity, within the sphere's radius (and a cell).
    let pushed = 0;
    while (pushed < 0.9 * tamp.cavityMl) pushed += flow.push(0.01, DT, 1500, 4e6, ctx).ml;
    expect(flow.cavityFilledMl).toBeCloseTo(flow.inBodyMl, 9);
    const deposits = flow.deposits().filter((d) => d.location === 'body');
    const r = BALL_TAMP_DEVICES[15].diameterMm / 2;
    for (const d of deposits) {
      const c = tamp.view().centre;
      expect(Math.hypot(d.centre.x - c.x, d.centre.y - c.y, d.centre.z - c.z)).toBeLessThan(r + 1.5 * Math.sqrt(3));
    }
  });
});

describe('mesh container', () => {
  const setup = (seed: number) => {
    const anatomy = anatomyFor(seed);
    const v = targetVertebra(anatomy);
    const tip = { x: v.centre.x + 3, y: v.centre.y, z: v.centre.z - v.bodyDepthMm / 4 };
    const mesh = new MeshContainer(anatomy, 15);
    mesh.insert(tip, TRANSPEDICULAR_AXIS);
    mesh.remove();
    const flow = new CementBodyFlow(anatomy, CEMENT_MODEL);
    const ctx = {
      tip,
      cavityMl: mesh.cavityMl,
      cavityCentre: mesh.view().centre,
      cavityWall: mesh.cavityWall,
      breachOpenings: [],
    };
    return { mesh, flow, ctx };
  };

  it('stays in the body after its pusher is withdrawn, and takes no contrast', () => {
    const { mesh } = setup(1);
    mesh.inflate(2);
    run(mesh, 5);
    expect(mesh.volumeMl).toBe(0);
    expect(mesh.cavityMl).toBe(MESH_CONTAINER_DEVICES[15].volumeMl);
    expect(mesh.view().inserted).toBe(true);
    expect(mesh.lift().anteriorMm).toBe(0);
  });

  it('holds every drop of cement until it is full, then passes it only through its pores', () => {
    for (const seed of [1, 2, 3]) {
      const { mesh, flow, ctx } = setup(seed);
      const eta = 1500;
      const volume = mesh.cavityMl;
      let pushed = 0;
      // Filling: all of it in the container, none in the bone around it, none out of the body.
      while (pushed < volume - 0.05) {
        const r = flow.push(0.0125, DT, eta, 4e6, ctx);
        pushed += r.ml;
        expect(flow.inBodyMl - flow.cavityFilledMl, `seed ${seed} at ${pushed.toFixed(2)} mL`).toBeLessThan(1e-9);
      }
      expect(flow.leakedMl).toBe(0);
      // Full: more cement goes into the bone around it, and the push now also drives it through the pores.
      const cannula = eta * CEMENT_MODEL.cannulaResistance * 1e-6;
      const pores = (flowViscosityPaS(eta, CEMENT_MODEL) * 1e-6) / meshConductanceM3(MESH_CONTAINER_DEVICES[15]);
      let last = { ml: 0, bodyPa: 0, syringePa: 0 };
      for (let i = 0; i < 120; i++) last = flow.push(0.0125, DT, eta, 4e6, ctx);
      // Full to the last lattice cell (its cells hold the volume to within one cell).
      expect(flow.cavityFilledMl).toBeGreaterThan(volume - 0.0035);
      expect(flow.inBodyMl).toBeGreaterThan(volume + 0.5);
      expect(last.syringePa - last.bodyPa).toBeCloseTo((last.ml / DT) * (cannula + pores), 3);
    }
  });

  it('an opening the bag lies against takes cement only through the pores facing it', () => {
    const anatomy = anatomyFor(1);
    const vein = new CementLattice(anatomy).outlets.find((o) => o.kind === 'basivertebralVein');
    if (!vein) throw new Error('the L1 patient has a basivertebral ostium');
    // The bag (4 mL, ~10 mm radius) centred 6 mm in front of the ostium holds it inside its reach.
    const centre = { x: vein.position.x, y: vein.position.y, z: vein.position.z - 6 };
    const leaked = (cavityWall?: MeshContainer['cavityWall']): number => {
      const flow = new CementBodyFlow(anatomy, CEMENT_MODEL);
      const ctx = { tip: centre, cavityMl: 4, cavityCentre: centre, cavityWall, breachOpenings: [] };
      // 4.5 mL of thin (400 Pa s) cement: the bag full and a little beyond.
      for (let i = 0; i < 360; i++) flow.push(0.0125, DT, 400, 4e6, ctx);
      return flow.leakVolumes().get('venous') ?? 0;
    };
    const mesh = leaked(new MeshContainer(anatomy, 15).cavityWall);
    const open = leaked(undefined);
    expect(mesh).toBeGreaterThan(0);
    expect(mesh).toBeLessThan(0.5 * open);
  });

  it('without the mesh, the same push into a cavity of the same volume takes no pore drop', () => {
    const { flow: meshFlow, ctx } = setup(2);
    const open = new CementBodyFlow(anatomyFor(2), CEMENT_MODEL);
    const openCtx = { ...ctx, cavityWall: undefined };
    let a = { ml: 0, bodyPa: 0, syringePa: 0 };
    let b = a;
    for (let i = 0; i < 480; i++) {
      a = meshFlow.push(0.0125, DT, 1500, 4e6, ctx);
      b = open.push(0.0125, DT, 1500, 4e6, openCtx);
    }
    expect(a.syringePa - a.bodyPa).toBeGreaterThan(b.syringePa - b.bodyPa);
  });
});

describe('the scenario chooses the cavity device', () => {
  it('absent means the balloon, and leaves the hash of a scenario as it was', () => {
    const s = l1();
    // Parsing adds no default: the canonical JSON, and so the hash, of a file without the field is unchanged.
    expect('cavityDevice' in s.equipment).toBe(false);
    const anatomy = anatomyFor(1);
    expect(cavityToolFor(anatomy, s).kind).toBe('balloon');
    expect(cavityToolFor(anatomy, { ...s, equipment: { ...s.equipment, cavityDevice: 'ballTamp' } }).kind).toBe(
      'ballTamp',
    );
    expect(cavityToolFor(anatomy, { ...s, equipment: { ...s.equipment, cavityDevice: 'meshContainer' } }).kind).toBe(
      'meshContainer',
    );
    const withDevice = { ...s, equipment: { ...s.equipment, cavityDevice: 'balloon' as const } };
    expect(scenarioHash(withDevice)).not.toBe(scenarioHash(s));
  });

  it("a plan's cavityDevice condition reads the case's device, absent meaning the balloon", () => {
    const snap = {} as Parameters<typeof conditionHolds>[0];
    const ctx = (cavityDevice?: Scenario['equipment']['cavityDevice']) => ({
      phaseTick: 0,
      lastPushTick: null,
      cavityDevice,
    });
    expect(conditionHolds(snap, { cavityDevice: 'balloon' }, ctx())).toBe(true);
    expect(conditionHolds(snap, { cavityDevice: 'meshContainer' }, ctx())).toBe(false);
    expect(conditionHolds(snap, { cavityDevice: 'meshContainer' }, ctx('meshContainer'))).toBe(true);
    expect(conditionHolds(snap, { cavityDevice: 'balloon' }, ctx('ballTamp'))).toBe(false);
    expect(conditionSchema.safeParse({ cavityDevice: 'net' }).success).toBe(false);
    expect(conditionSchema.safeParse({ cavityDevice: 'ballTamp' }).success).toBe(true);
  });

  it('sizes: the sphere helpers agree with each other', () => {
    for (const d of [10, 14, 20]) expect(sphereDiameterMm(sphereMl(d))).toBeCloseTo(d, 9);
  });
});
