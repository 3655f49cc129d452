import type { CementPhase } from '../core/events';
import type { ScoringInput } from './scoringInput';

/** Facts about an attempt several parts of the rubric read. */

/**
 * Volume window per region (SWISSspine: 4-5 mL typical; the requirement targets 3-6 mL lumbar, 2-4 mL
 * thoracic). Two pedicles fill more than one (SWISSspine: bilateral 4.9 against unilateral 4.1 mL), so a
 * bipedicular procedure's upper bound is 0.5 mL higher.
 */
export const volumeWindowMl = (level: string, approach?: string): [number, number] => {
  const [lo, hi]: [number, number] = level.startsWith('T') ? [2, 4] : [3, 6];
  return [lo, approach === 'bipedicular' ? hi + 0.5 : hi];
};

/** The cement phase at a tick (from the phase-change events). */
export function cementPhaseAt(input: ScoringInput, tick: number): CementPhase {
  let phase: CementPhase = 'unmixed';
  for (const e of input.final.events) {
    if (e.tick > tick) break;
    if (e.event.type === 'cement.phaseChanged') phase = e.event.phase;
  }
  return phase;
}

/** Pedal presses as [down, up] ticks (an unreleased press ends at the last tick). */
export function pedalPresses(input: ScoringInput): [number, number][] {
  const out: [number, number][] = [];
  let down: number | null = null;
  for (const e of input.log) {
    if (e.command.type !== 'fluoro.expose') continue;
    if (e.command.on && down === null) down = e.tick;
    else if (!e.command.on && down !== null) {
      out.push([down, e.tick]);
      down = null;
    }
  }
  if (down !== null) out.push([down, input.final.tick]);
  return out;
}
