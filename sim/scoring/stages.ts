import type { ScoringInput } from './scoringInput';

/**
 * Stages of a procedure as scoring counts images in them, cut at facts every attempt records (the
 * phases themselves are machine state, not in the log): set-up until the skin is punctured; access
 * until the working channel is ready (or the cement is mixed, for a vertebroplasty through the
 * needle); balloon until the cement is mixed; cement until the instruments come out; closing after.
 */
export type Stage = 'setup' | 'access' | 'balloon' | 'cement' | 'closing';
export const STAGES: readonly Stage[] = ['setup', 'access', 'balloon', 'cement', 'closing'];

/** Where each stage begins, as ticks (Infinity when the attempt never got there). */
export function stageStarts(input: ScoringInput): Readonly<Record<Stage, number>> {
  const firstEvent = (type: string): number =>
    input.final.events.find((e) => e.event.type === type)?.tick ?? Number.POSITIVE_INFINITY;
  const firstCommand = (type: string): number =>
    input.log.find((e) => e.command.type === type)?.tick ?? Number.POSITIVE_INFINITY;
  const access = firstEvent('needle.skinPunctured');
  const mixed = firstCommand('cement.mix');
  const balloon = Math.min(firstEvent('channel.ready'), firstCommand('balloon.insert'), mixed);
  const closing = firstCommand('instruments.remove');
  return { setup: 0, access, balloon: Math.max(access, balloon), cement: mixed, closing };
}

/** The stage a tick falls in. */
export function stageAt(starts: Readonly<Record<Stage, number>>, tick: number): Stage {
  let stage: Stage = 'setup';
  for (const s of STAGES) if (tick >= starts[s]) stage = s;
  return stage;
}

/** Images (image.acquired events) per stage. */
export function imagesByStage(input: ScoringInput): Record<Stage, number> {
  const starts = stageStarts(input);
  const out: Record<Stage, number> = { setup: 0, access: 0, balloon: 0, cement: 0, closing: 0 };
  for (const e of input.final.events) if (e.event.type === 'image.acquired') out[stageAt(starts, e.tick)] += 1;
  return out;
}
