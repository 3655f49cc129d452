import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy';
import { makePose, NO_ROTATION } from '../../sim/imaging/carmPose';
import { createProjection } from '../../sim/imaging/projection';
import { addShapeIntegrals } from '../../sim/imaging/radiograph/shapeIntegrals';
import { MU_PER_MM, shapesFromSnapshot, type RadiopaqueShape } from '../../sim/imaging/radiograph/radiopaqueShapes';
import { sampleMapBilinear } from '../../sim/imaging/radiograph/sampleMapBilinear';
import { addScatter, scatterToPrimary } from '../../sim/imaging/radiograph/scatter';
import { StaticProjectionJob } from '../../sim/imaging/radiograph/staticProjection';
import { targetIsocentre } from '../../sim/imaging';
import { createRng } from '../../sim/math';

/** Scatter (sim/imaging/radiograph/scatter.ts) and the cement texture (shapeIntegrals.ts: cementIntegral). */

const N = 128;
const D = 230;
const path = 'levels/l1-osteoporotic-wedge.json';
const base = JSON.parse(readFileSync(path, 'utf8'));

/** The same case as a thin and as an obese patient, projected lateral at the target. */
function lateralOf(habitus: 'thin' | 'obese') {
  const raw = { ...base, patient: { ...base.patient, habitus } };
  const anatomy = buildAnatomy(parseScenario(raw, path), createRng(1));
  const pose = makePose('lateral', 0, 0, NO_ROTATION, targetIsocentre(anatomy));
  const job = new StaticProjectionJob(habitus, anatomy, { anteriorMm: 0, middleMm: 0 }, pose, N, D);
  job.run(N);
  const sp = job.result();
  const projection = createProjection(pose, D);
  const t = anatomy.vertebrae[anatomy.targetIndex];
  const above = anatomy.vertebrae[anatomy.targetIndex + 1] ?? anatomy.vertebrae[anatomy.targetIndex - 1];
  const at = (map: Float32Array, x: number, y: number, z: number): number => {
    const p = new Float64Array(2);
    projection.projectInto(x, y, z, p);
    return sampleMapBilinear(map, N, p[0] / D + 0.5, 0.5 - p[1] / D);
  };
  // Mid-disc: halfway between the two bodies' centres.
  const disc = {
    x: (t.centre.x + above.centre.x) / 2,
    y: (t.centre.y + above.centre.y) / 2,
    z: (t.centre.z + above.centre.z) / 2,
  };
  const contrast = (map: Float32Array) => at(map, t.centre.x, t.centre.y, t.centre.z) - at(map, disc.x, disc.y, disc.z);
  return { sp, primary: contrast(sp.map), detected: contrast(sp.detected) };
}

describe('scatter', () => {
  const thin = lateralOf('thin');
  const obese = lateralOf('obese');

  it('lowers the body-to-disc contrast, more for an obese patient than a thin one', () => {
    // The primary contrast itself (~0.04-0.09 in the line integral: the body's thin walls, crossed face-on,
    // its waist and its osteoporotic trabeculae against the disc) is there before scatter veils it.
    expect(thin.primary).toBeGreaterThan(0.03);
    expect(obese.primary).toBeGreaterThan(0.03);
    const thinKept = thin.detected / thin.primary;
    const obeseKept = obese.detected / obese.primary;
    expect(thinKept).toBeLessThan(0.95);
    expect(obeseKept).toBeLessThan(thinKept - 0.1);
  });

  it('only adds intensity: the scatter is never negative and the detected integral never exceeds the primary one', () => {
    const { map, scatter } = addScatter(obese.sp.map, N, D);
    for (let k = 0; k < map.length; k++) {
      expect(scatter[k]).toBeGreaterThanOrEqual(0);
      expect(map[k]).toBeLessThanOrEqual(obese.sp.map[k] + 1e-6);
    }
  });

  it('the scatter-to-primary ratio grows with thickness within the grid-fluoroscopy range', () => {
    expect(scatterToPrimary(0)).toBe(0);
    expect(scatterToPrimary(180)).toBeGreaterThan(0.25);
    expect(scatterToPrimary(180)).toBeLessThan(0.5);
    expect(scatterToPrimary(400)).toBeGreaterThan(1);
    expect(scatterToPrimary(400)).toBeLessThan(2);
  });

  it('is deterministic: the same map gives the same bytes', () => {
    const a = addScatter(thin.sp.map, N, D).map;
    const b = addScatter(thin.sp.map, N, D).map;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });
});

describe('cement texture', () => {
  const M = 128;
  const projection = createProjection(makePose('AP', 0, 0, NO_ROTATION, { x: 0, y: 0, z: 0 }), D);
  const deposit = {
    location: 'body' as const,
    centre: { x: 0, y: 0, z: 0 },
    radii: { x: 8, y: 8, z: 8 },
    volumeMl: 2.1,
  };
  const mapOf = (shapes: RadiopaqueShape[]) => {
    const map = new Float32Array(M * M);
    addShapeIntegrals(map, M, projection, shapes);
    return map;
  };
  const shapes = shapesFromSnapshot({
    trocar: null,
    trocars: [],
    balloon: null,
    cement: { deposits: [deposit] },
  } as never);
  const textured = mapOf(shapes);
  const plain = mapOf([{ kind: 'ellipsoid', centre: deposit.centre, radii: deposit.radii, muPerMm: MU_PER_MM.cement }]);
  const c = M / 2;

  it('has a lobulated edge: the projected boundary radius varies around the rim', () => {
    const radii: number[] = [];
    for (let a = 0; a < 64; a++) {
      const ang = (2 * Math.PI * a) / 64;
      let r = 0;
      for (let s = 0; s < M / 2; s += 0.25) {
        const i = Math.floor(c + s * Math.cos(ang));
        const j = Math.floor(c + s * Math.sin(ang));
        if (textured[j * M + i] > 0) r = s;
      }
      radii.push(r);
    }
    expect(Math.max(...radii) / Math.min(...radii)).toBeGreaterThan(1.15);
  });

  it('is not uniform inside: the density is mottled around the uniform ellipsoid', () => {
    const ratios: number[] = [];
    for (let j = c - 4; j <= c + 4; j++)
      for (let i = c - 4; i <= c + 4; i++) ratios.push(textured[j * M + i] / plain[j * M + i]);
    const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((s, v) => s + (v - mean) ** 2, 0) / ratios.length);
    expect(sd).toBeGreaterThan(0.03);
    expect(Math.abs(mean - 1)).toBeLessThan(0.35);
  });

  it('draws a venous leak as a thin cast along the vein, not a blob', () => {
    const venous = shapesFromSnapshot({
      trocar: null,
      trocars: [],
      balloon: null,
      cement: {
        deposits: [{ location: 'venous', centre: { x: 0, y: 0, z: 0 }, radii: { x: 3, y: 13, z: 3 }, volumeMl: 0.5 }],
      },
    } as never);
    expect(venous).toHaveLength(1);
    const v = venous[0];
    expect(v.kind).toBe('capsule');
    if (v.kind !== 'capsule') return;
    expect(v.radiusMm).toBeLessThan(2);
    expect(Math.abs(v.b.y - v.a.y)).toBeGreaterThan(40);
  });

  it('is a pure function of the geometry', () => {
    expect(Buffer.from(mapOf(shapes).buffer).equals(Buffer.from(textured.buffer))).toBe(true);
  });
});
