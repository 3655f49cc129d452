import { MORPHOMETRY } from './morphometry';
import type { SpineLevel, VertebraGeometry } from './types';

/** Every level from T1 to S2, cranial to caudal: the thorax and abdomen reach beyond the modelled vertebrae. */
export const FULL_ORDER: readonly string[] = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'S1',
  'S2',
];

/** Where a level's body sits (modelled, or extrapolated beyond the modelled ones). */
export interface LevelPosition {
  readonly level: string;
  readonly centreY: number;
  readonly heightMm: number;
  /** The modelled vertebra nearest to this level (itself when modelled): shape for ribs of unmodelled levels. */
  readonly nearest: VertebraGeometry;
}

/** Table row for any level: T1-T3 borrow T4's, shrunk 3 % per level (assumed). */
function tableRow(level: string): { heightMm: number; discMm: number } {
  const n = FULL_ORDER.indexOf(level);
  if (n < 3) {
    const t4 = MORPHOMETRY.T4;
    const k = 1 - 0.03 * (3 - n);
    return { heightMm: t4.bodyHeightMm * k, discMm: t4.discHeightMm * k };
  }
  const m = MORPHOMETRY[level as SpineLevel];
  return { heightMm: m.bodyHeightMm, discMm: m.discHeightMm };
}

/**
 * Body centres of every level T1-S1: the modelled vertebrae where they exist, else stacked outward
 * from the nearest modelled one with the table's body and disc heights, scaled like that vertebra.
 */
export function levelPositions(vertebrae: readonly VertebraGeometry[]): LevelPosition[] {
  const first = FULL_ORDER.indexOf(vertebrae[0].level);
  const last = FULL_ORDER.indexOf(vertebrae[vertebrae.length - 1].level);
  const out: LevelPosition[] = [];
  for (let i = 0; i < FULL_ORDER.length; i++) {
    if (i >= first && i <= last) {
      const v = vertebrae[i - first];
      out.push({ level: v.level, centreY: v.centre.y, heightMm: v.intactHeightMm, nearest: v });
    }
  }
  const top = vertebrae[0];
  let scale = top.intactHeightMm / tableRow(top.level).heightMm;
  let y = top.centre.y + top.intactHeightMm / 2;
  for (let i = first - 1; i >= 0; i--) {
    const r = tableRow(FULL_ORDER[i]);
    const h = r.heightMm * scale;
    y += r.discMm * scale;
    out.unshift({ level: FULL_ORDER[i], centreY: y + h / 2, heightMm: h, nearest: top });
    y += h;
  }
  const bottom = vertebrae[vertebrae.length - 1];
  scale = bottom.intactHeightMm / tableRow(bottom.level).heightMm;
  y = bottom.centre.y - bottom.intactHeightMm / 2;
  for (let i = last + 1; i < FULL_ORDER.length; i++) {
    const r = tableRow(FULL_ORDER[i]);
    const h = r.heightMm * scale;
    y -= tableRow(FULL_ORDER[i - 1]).discMm * scale;
    out.push({ level: FULL_ORDER[i], centreY: y - h / 2, heightMm: h, nearest: bottom });
    y -= h;
  }
  return out;
}

/** The position of one level (T1-S1). */
export function levelPosition(positions: readonly LevelPosition[], level: string): LevelPosition {
  return positions[FULL_ORDER.indexOf(level)];
}
