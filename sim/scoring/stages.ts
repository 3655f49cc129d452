import type { ScoringInput } from './scoringInput';
import { levelLog } from './levelInputs';

/**
 * Stages of a procedure as scoring counts images in them, cut at facts every attempt records (the
 * phases themselves are machine state, not in the log): set-up until the skin is punctured; access
 * until the working channel is ready (or the cement is mixed, for a vertebroplasty through the
 * needle); balloon until the cement is mixed; cement until the instruments come out; closing after.
 */
export type Stage = 'setup' | 'access' | 'balloon' | 'cement' | 'closing';
export const STAGES: readonly Stage[] = ['setup', 'access', 'balloon', 'cement', 'closing'];

/**
 * Where each stage begins, as ticks (Infinity when the attempt never got there), counting facts from
 * fromTick on (the start of a second treated level; the log is that level's already).
 */
export function stageStarts(input: ScoringInput, fromTick = 0): Readonly<Record<Stage, number>> {
  const firstEvent = (type: string): number =>
    input.final.events.find((e) => e.tick >= fromTick && e.event.type === type)?.tick ?? Number.POSITIVE_INFINITY;
  const firstCommand = (type: string): number =>
    input.log.find((e) => e.command.type === type)?.tick ?? Number.POSITIVE_INFINITY;
  const access = firstEvent('needle.skinPunctured');
  const mixed = firstCommand('cement.mix');
  const balloon = Math.min(firstEvent('channel.ready'), firstCommand('balloon.insert'), mixed);
  const closing = firstCommand('instruments.remove');
  return { setup: fromTick, access, balloon: Math.max(access, balloon), cement: mixed, closing };
}

/** The stage a tick falls in. */
export function stageAt(starts: Readonly<Record<Stage, number>>, tick: number): Stage {
  let stage: Stage = 'setup';
  for (const s of STAGES) if (tick >= starts[s]) stage = s;
  return stage;
}

/**
 * Images (image.acquired events) per stage. With two treated levels each level is cut into its own
 * stages (finding and marking the second level is its set-up) and the counts add up.
 */
export function imagesByStage(input: ScoringInput): Record<Stage, number> {
  const out: Record<Stage, number> = { setup: 0, access: 0, balloon: 0, cement: 0, closing: 0 };
  const levels = input.final.levels ?? [];
  const windows = levels.length > 1 ? levels : [{ fromTick: 0, toTick: null }];
  for (const [i, w] of windows.entries()) {
    const last = i === windows.length - 1;
    const level = levels.length > 1 ? { ...input, log: levelLog(input.log, i) } : input;
    const starts = stageStarts(level, w.fromTick);
    for (const e of input.final.events) {
      if (e.event.type !== 'image.acquired' || e.tick < w.fromTick) continue;
      if (!last && w.toTick !== null && e.tick >= w.toTick) continue;
      out[stageAt(starts, e.tick)] += 1;
    }
  }
  return out;
}
