import type { ProcedureContext } from './procedureTypes';

/**
 * The facts of one treated level as they stand before its access: no pedicle, balloon, cement or
 * skin mark yet. The machine starts with them, and `level.next` sets them again for a second level.
 */
export const LEVEL_START = {
  sideIndex: 0,
  firstPedicle: null,
  cementDelivered: false,
  activeSide: null,
  balloons: { left: 'out', right: 'out' },
  balloonsInflated: 0,
  cementFirstSide: null,
  mark: 'none',
} as const satisfies Partial<ProcedureContext>;
