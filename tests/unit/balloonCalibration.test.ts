import { expect, it } from 'vitest';
import { calibrate, inRange } from '../../scripts/calibrate-balloon';

/**
 * The balloon calibration (scripts/calibrate-balloon.ts, `npm run calibrate:balloon` over 40 seeds)
 * on 4 seeds: textbook kyphoplasty and vertebroplasty plans through real sessions, every figure's
 * median within its docs/clinical-sources.md target range (pressures, volumes, heights at full
 * inflation / after deflation / after cement, wedge correction, T -1 vs T -3.5).
 */
it('balloon calibration figures fall in their target ranges (4 seeds)', () => {
  const rows = calibrate(4);
  console.table(
    rows.map((r) => ({ figure: r.figure, median: r.value.toFixed(2), target: `${r.lo}-${r.hi}`, ok: inRange(r) })),
  );
  for (const r of rows)
    expect({ figure: r.figure, inRange: inRange(r), value: r.value }).toMatchObject({
      figure: r.figure,
      inRange: true,
    });
}, 60_000);
