import type { AttemptTrace, TraceEvent } from '../../sim/attempt';
import type { CementPhase } from '../../sim/core';
import { PHASES } from '../../sim/procedure';
import { TICKS_PER_S } from '../../sim/core';
import { tickClock } from '../ui/format';

/** A stretch of the attempt in one state: a procedure phase or a cement phase. */
export interface Band {
  readonly key: string;
  readonly label: string;
  readonly startTick: number;
  readonly endTick: number;
}

export type MarkRow = 'AP' | 'lateral' | 'stored' | 'events';
export type MarkTone = 'info' | 'warn' | 'danger';

/** One mark on the timeline: a shot, a stored image or a complication, with its words for screen readers. */
export interface Mark {
  readonly tick: number;
  readonly row: MarkRow;
  readonly label: string;
  readonly tone: MarkTone;
}

const phaseLabel = (id: string): string => PHASES.find((p) => p.id === id)?.label ?? id;

/** Bands from events that each start a state, the last one running to the end of the attempt; zero-length bands dropped. */
function bandsFrom(starts: readonly { tick: number; key: string; label: string }[], endTick: number): Band[] {
  return starts
    .map((s, i) => ({ key: s.key, label: s.label, startTick: s.tick, endTick: starts[i + 1]?.tick ?? endTick }))
    .filter((b) => b.endTick > b.startTick);
}

/** The procedure phases as bands (the machine's top-level states, in the order they were entered). */
export function phaseBands(trace: AttemptTrace): Band[] {
  const starts = trace.events.flatMap((e) =>
    e.kind === 'phase' ? [{ tick: e.tick, key: e.phase, label: phaseLabel(e.phase) }] : [],
  );
  return bandsFrom(starts, trace.endTick);
}

export const CEMENT_PHASE_LABELS: Readonly<Record<CementPhase, string>> = {
  unmixed: 'Unmixed',
  liquid: 'Liquid',
  sticky: 'Sticky',
  working: 'Working',
  setting: 'Setting',
  set: 'Set',
};

/** The cement phase clock as bands, from mixing on (before mixing there is no clock). */
export function cementBands(trace: AttemptTrace): Band[] {
  const starts = trace.events.flatMap((e) =>
    e.kind === 'cementPhase' ? [{ tick: e.tick, key: e.phase, label: CEMENT_PHASE_LABELS[e.phase] }] : [],
  );
  return bandsFrom(starts, trace.endTick).filter((b) => b.key !== 'unmixed');
}

/** A trace event in words, or null for events drawn as bands. */
export function eventLabel(e: TraceEvent): string | null {
  switch (e.kind) {
    case 'image':
      return `${e.view === 'AP' ? 'AP' : 'Lateral'} shot`;
    case 'stored':
      return `${e.view === 'AP' ? 'AP' : 'Lateral'} image stored`;
    case 'breach':
      return `${e.wall} wall breach, ${e.depthMm.toFixed(1)} mm`;
    case 'leak':
      return `${e.location} cement leak seen, ${e.volumeMl.toFixed(2)} mL`;
    case 'rupture':
      return `Balloon ruptured at ${Math.round(e.pressurePsi)} psi`;
    case 'moved':
      return `Patient flinched in pain (${Math.round(e.pain)}/10), moved ${e.shiftMm.toFixed(1)} mm`;
    default:
      return null;
  }
}

/** The shots, stored images and complications of the trace, each on its row of the timeline. */
export function timelineMarks(trace: AttemptTrace): Mark[] {
  return trace.events.flatMap((e): Mark[] => {
    const label = eventLabel(e);
    if (label === null) return [];
    const at = `${label} at ${tickClock(e.tick)}`;
    if (e.kind === 'image') return [{ tick: e.tick, row: e.view, label: at, tone: 'info' }];
    if (e.kind === 'stored') return [{ tick: e.tick, row: 'stored', label: at, tone: 'info' }];
    return [
      { tick: e.tick, row: 'events', label: at, tone: e.kind === 'breach' || e.kind === 'moved' ? 'warn' : 'danger' },
    ];
  });
}

/** Axis ticks in seconds: a round step (30 s, 1, 2, 5, 10 min...) giving at most `maxTicks` labels. */
export function axisTicksS(endTick: number, maxTicks = 12): number[] {
  const endS = endTick / TICKS_PER_S;
  const steps = [30, 60, 120, 300, 600, 1200, 1800, 3600];
  const step = steps.find((s) => endS / s <= maxTicks) ?? 3600;
  const out: number[] = [];
  for (let t = 0; t <= endS + 1e-9; t += step) out.push(t);
  return out;
}
