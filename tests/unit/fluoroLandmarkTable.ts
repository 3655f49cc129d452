import type { CortexFigure, LevelFigures } from './fluoroLandmarkFigures';

/**
 * The checklist figures as a markdown table (docs/fluoroscopy.md): one row per landmark, for each
 * level the true view and the mis-set one. Printed by `npx tsx scripts/fluoro-landmarks.ts` and by
 * tests/unit/fluoroLandmarks.test.ts, so the doc's numbers can be refreshed after the anatomy or
 * the image physics change.
 */
const mm = (x: number): string => `${x.toFixed(1)} mm`;
const cortex = (c: CortexFigure): string => `${c.lines} line${c.lines === 1 ? '' : 's'}, band ${mm(c.bandMm)}`;

interface Row {
  readonly landmark: string;
  readonly threshold: string;
  readonly value: (f: LevelFigures, misSet: boolean) => string;
}

const ROWS: readonly Row[] = [
  {
    landmark: 'AP: pedicle asymmetry',
    threshold: '< 0.04',
    value: (f, m) => (m ? f.apRotated : f.ap).pedicleAsymmetry.toFixed(3),
  },
  {
    landmark: 'AP: spinous process off the midline',
    threshold: '< 1 mm',
    value: (f, m) => mm((m ? f.apRotated : f.ap).spinousOffsetMm),
  },
  {
    landmark: 'AP: inferior endplate',
    threshold: '1 line, band <= 1.5 mm',
    value: (f, m) => cortex((m ? f.apRotated : f.ap).inferiorEndplate),
  },
  {
    landmark: 'lateral: posterior wall',
    threshold: '1 line, band <= 1.5 mm',
    value: (f, m) => cortex((m ? f.lateralMisaligned : f.lateral).posteriorWall),
  },
  {
    landmark: 'lateral: inferior endplate',
    threshold: '1 line, band <= 1.5 mm',
    value: (f, m) => cortex((m ? f.lateralMisaligned : f.lateral).inferiorEndplate),
  },
  {
    landmark: 'lateral: superior endplate of the body below',
    threshold: '(not asserted)',
    value: (f, m) => cortex((m ? f.lateralMisaligned : f.lateral).belowSuperiorEndplate),
  },
  {
    landmark: 'lateral: pedicles superimposed (caudal border spread)',
    threshold: '<= 1.5 mm',
    value: (f, m) => mm((m ? f.lateralMisaligned : f.lateral).pedicleEdgeMm),
  },
  {
    landmark: 'lateral: disc height',
    threshold: '> 4 mm',
    value: (f, m) => mm((m ? f.lateralMisaligned : f.lateral).discHeightMm),
  },
  {
    landmark: 'lateral: disc lighter than the bodies',
    threshold: '> 5 grey',
    value: (f, m) => (m ? f.lateralMisaligned : f.lateral).discContrast.toFixed(0),
  },
  {
    landmark: 'lateral: foramen lighter than the pedicle',
    threshold: '> 0 grey',
    value: (f, m) => (m ? f.lateralMisaligned : f.lateral).foramenContrast.toFixed(0),
  },
  {
    landmark: "owl's eye: ring darker than its core",
    threshold: '> 15 grey',
    value: (f, m) => (m ? f.owlOff : f.owl).ringContrast.toFixed(0),
  },
  {
    landmark: "owl's eye: trocar dot from the ring's centre",
    threshold: '< 2 mm',
    value: (f, m) => mm((m ? f.owlOff : f.owl).dotOffsetMm),
  },
];

/** Markdown: landmark, threshold, then for each level its true view and its mis-set view. */
export function landmarkTable(levels: readonly LevelFigures[]): string {
  const head = ['landmark', 'threshold', ...levels.flatMap((f) => [`${f.level} true`, `${f.level} mis-set`])];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of ROWS)
    lines.push(
      `| ${[r.landmark, r.threshold, ...levels.flatMap((f) => [r.value(f, false), r.value(f, true)])].join(' | ')} |`,
    );
  return lines.join('\n');
}
