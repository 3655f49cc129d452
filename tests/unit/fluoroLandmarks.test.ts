import { describe, expect, it } from 'vitest';
import { levelFigures } from './fluoroLandmarkFigures';
import { landmarkTable } from './fluoroLandmarkTable';

/**
 * The radiologist's checklist measured on the rendered images (docs/fluoroscopy.md): a true AP has
 * symmetric pedicles, the spinous process in the midline and single endplate lines; a true lateral
 * a single posterior wall, single endplates, open discs and light foramina; the owl's eye a ring
 * round a lighter core with the docked trocar's steel dot inside. Each figure is also measured on a
 * deliberately mis-set C-arm (AP 5 deg off in orbit and tilt, the docs' lateral 4 deg off, the
 * owl's eye 10 deg off the pedicle), and the same threshold must reject it: a check that a wrong
 * view also passes measures nothing. `npx tsx scripts/fluoro-landmarks.ts` prints these figures.
 *
 * Thresholds, in mm at the isocentre (a display pixel is 0.27 mm, the map's pixel 0.54 mm):
 * - a cortex seen edge-on is one dark line whose half-depth band is at most 1.5 mm (three map
 *   pixels of blur); a 4-5 deg tilt spreads a 30-40 mm endplate over 2-3 mm;
 * - pedicles symmetric: the spinous-to-pedicle distances differ by at most 4 % of their sum; 5 deg of
 *   axial rotation moves the posterior spinous process ~2 mm against the pedicles (~15 %);
 * - the spinous process within 1 mm of the pedicles' midpoint (the radiologist's "midline");
 * - pedicles superimposed on the lateral: the pedicle band's caudal border (a step, not a line)
 *   rises within 1.5 mm; a 4 deg tilt puts the left and right pedicles ~2 mm apart, a staircase;
 * - the disc open: a light band at least 4 mm high, at least 5 grey levels lighter than the bodies;
 * - the foramen lighter than the pedicle above it (mean grey of 3 mm discs);
 * - the owl's eye ring at least 15 grey levels darker than its core; the docked trocar's dot within
 *   2 mm of the ring's centre.
 */
const LEVELS = ['T12', 'L4'] as const;
const SINGLE_BAND_MM = 1.5;

describe('radiographic landmarks on the rendered images', () => {
  for (const level of LEVELS) {
    describe(level, () => {
      it('true AP: pedicles symmetric about a midline spinous process; a rotated AP is not', () => {
        const { ap, apRotated } = levelFigures(level);
        expect(ap.pedicleAsymmetry).toBeLessThan(0.04);
        expect(Math.abs(ap.spinousOffsetMm)).toBeLessThan(1);
        expect(apRotated.pedicleAsymmetry).toBeGreaterThan(0.04);
        expect(Math.abs(apRotated.spinousOffsetMm)).toBeGreaterThan(1);
      });

      it('true AP: the inferior endplate is a single line; tilted it spreads', () => {
        const { ap, apRotated } = levelFigures(level);
        expect(ap.inferiorEndplate.lines).toBe(1);
        expect(ap.inferiorEndplate.bandMm).toBeLessThanOrEqual(SINGLE_BAND_MM);
        expect(apRotated.inferiorEndplate.lines > 1 || apRotated.inferiorEndplate.bandMm > SINGLE_BAND_MM).toBe(true);
      });

      it('true lateral: the inferior endplate is a single line; 4 deg off it doubles', () => {
        const { lateral, lateralMisaligned } = levelFigures(level);
        expect(lateral.inferiorEndplate.lines).toBe(1);
        expect(lateral.inferiorEndplate.bandMm).toBeLessThanOrEqual(SINGLE_BAND_MM);
        const m = lateralMisaligned.inferiorEndplate;
        expect(m.lines > 1 || m.bandMm > SINGLE_BAND_MM).toBe(true);
      });

      it('true lateral: a single posterior wall; 4 deg off it doubles', () => {
        const { lateral, lateralMisaligned } = levelFigures(level);
        expect(lateral.posteriorWall.lines).toBe(1);
        expect(lateral.posteriorWall.bandMm).toBeLessThanOrEqual(SINGLE_BAND_MM);
        const m = lateralMisaligned.posteriorWall;
        expect(m.lines > 1 || m.bandMm > SINGLE_BAND_MM, `misaligned wall: ${JSON.stringify(m)}`).toBe(true);
      });

      it('true lateral: left and right pedicles superimpose; 4 deg off they separate', () => {
        const { lateral, lateralMisaligned } = levelFigures(level);
        expect(lateral.pedicleEdgeMm).toBeLessThanOrEqual(SINGLE_BAND_MM);
        expect(lateralMisaligned.pedicleEdgeMm).toBeGreaterThan(SINGLE_BAND_MM);
      });

      it('true lateral: the disc below is open', () => {
        const { lateral } = levelFigures(level);
        expect(lateral.discHeightMm).toBeGreaterThan(4);
        expect(lateral.discContrast).toBeGreaterThan(5);
      });

      it('true lateral: the foramen below the pedicle is lighter than the pedicle', () => {
        const { lateral } = levelFigures(level);
        expect(lateral.foramenContrast, 'foramen minus pedicle, grey levels').toBeGreaterThan(0);
      });

      it("owl's eye: a ring round a lighter core, the docked trocar's dot inside it; 10 deg off the dot leaves the centre", () => {
        const { owl, owlOff } = levelFigures(level);
        expect(owl.ringContrast).toBeGreaterThan(15);
        expect(owl.dotOffsetMm).toBeLessThan(2);
        expect(owlOff.dotOffsetMm).toBeGreaterThan(2);
      });
    });
  }

  it('prints the figures table (docs/fluoroscopy.md)', () => {
    const table = landmarkTable(LEVELS.map((l) => levelFigures(l)));
    console.log(table);
    expect(table).toContain('lateral: posterior wall');
  });
});
