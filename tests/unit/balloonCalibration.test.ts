import { expect, it } from 'vitest';
import { calibrate, inRange } from '../../scripts/calibrate-balloon';

/**
 * The balloon calibration (scripts/calibrate-balloon.ts, `npm run calibrate:balloon` over 40 seeds)
 * on 5 seeds (an odd count, so that each median is a real middle patient, not the lower of two):
 * textbook kyphoplasty and vertebroplasty plans through real sessions, every figure's
 * median within its docs/clinical-sources.md target range (pressures, volumes, heights at full
 * inflation / after deflation / after cement, wedge correction, T -1 vs T -3.5), the textbook plan's
 * rupture rate and the spread of regained height (share in 20-70 %, extremes, bimodality).
 */
it('balloon calibration figures fall in their target ranges (5 seeds)', () => {
  const rows = calibrate(5);
  console.table(
    rows.map((r) => ({ figure: r.figure, median: r.value.toFixed(2), target: `${r.lo}-${r.hi}`, ok: inRange(r) })),
  );
  for (const r of rows)
    expect({ figure: r.figure, inRange: inRange(r), value: r.value }).toMatchObject({
      figure: r.figure,
      inRange: true,
    });
}, 180_000);
