import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { compilePedicle } from '../../sim/anatomy/compileAnatomy';
import { MAX_SUBSTEP_MM, NeedleWorld } from '../../sim/physics/needleWorld';
import { wallSensorsAt } from '../../sim/physics/wallSensors';

const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));
const anatomy = buildAnatomy(parseScenario(base), createRng(11));
const v = anatomy.vertebrae[anatomy.targetIndex];
const ped = compilePedicle(v.pedicles[0]);

/** A point in the left pedicle's frame: t along the axis, w lateral. */
const at = (t: number, w: number) => ({
  x: ped.ax + ped.ux * t + ped.nx * w,
  y: ped.y,
  z: ped.az + ped.uz * t + ped.nz * w,
});

describe('needle world (matter-js, axial plane)', () => {
  it('builds the pedicle walls and the body rim at the tip height', () => {
    const ids = new Set(wallSensorsAt(anatomy, ped.y).map((w) => w.id));
    for (const id of [
      'pedicleMedial',
      'pedicleLateral',
      'pedicleEntry',
      'bodyPosterior',
      'bodyLateral',
      'bodyAnterior',
    ])
      expect(ids.has(id as never)).toBe(true);
    expect(wallSensorsAt(anatomy, ped.y + 40).filter((w) => w.side !== null)).toEqual([]);
  });

  it('reports the wall a tip crosses when moved in sub-steps, and misses it when jumping', () => {
    const stepped = new NeedleWorld(anatomy);
    const seen = new Set<string>();
    for (let w = -ped.a - 2; w <= 0; w += MAX_SUBSTEP_MM) {
      for (const c of stepped.moveTip(at(ped.len / 2, w))) seen.add(`${c.id}:${c.side}`);
    }
    expect(seen.has('pedicleMedial:left')).toBe(true);

    const jumping = new NeedleWorld(anatomy);
    const jumpSeen = [...jumping.moveTip(at(ped.len / 2, -ped.a - 2)), ...jumping.moveTip(at(ped.len / 2, 0))];
    expect(jumpSeen.filter((c) => c.id === 'pedicleMedial')).toEqual([]);
  });

  it('sees no cortex where the pedicle core joins the body', () => {
    const world = new NeedleWorld(anatomy);
    for (let t = 3; t >= -3; t -= MAX_SUBSTEP_MM) expect(world.moveTip(at(t, 0))).toEqual([]);
  });
});
