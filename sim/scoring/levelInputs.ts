import { scenarioAtLevel } from '../../levels/scenarioSchema';
import type { LogEntry } from '../core/commands';
import type { ScoreItem } from './types';
import { clampScore, type ScoringInput } from './scoringInput';

/** The scoring input of one treated level, and the name its items carry in the report. */
export interface LevelInput {
  /** The vertebra ('T12'); '' when the procedure treats one level (its items keep their plain labels). */
  readonly label: string;
  readonly input: ScoringInput;
}

/**
 * The attempt split by treated level (scenario.secondLevel): each level's own scenario (its level
 * and fracture), its commands (from its start to the `level.next` that closed it) and its own
 * instruments' results (cement, trocars, height: the snapshot's `levels`). The events stay whole:
 * the cement phase at a push is read from them, and the second batch's phase changes come after the
 * first's. A procedure of one level is one part: the input itself.
 */
export function levelInputs(input: ScoringInput): LevelInput[] {
  const levels = input.final.levels ?? [];
  if (levels.length < 2 && !input.scenario.secondLevel) return [{ label: '', input }];
  return levels.map((lv) => ({
    label: lv.level,
    input: {
      scenario: scenarioAtLevel(input.scenario, lv.index),
      log: levelLog(input.log, lv.index),
      final: { ...input.final, cement: lv.cement, trocars: lv.trocars, height: lv.height },
    },
  }));
}

/**
 * The commands of one treated level: those after the `level.next` that started it (none for the
 * first) and before the one that closed it. Cut by the log's order, not by tick: the first level's
 * instruments come out in the same tick as the next level starts.
 */
export function levelLog(log: readonly LogEntry[], index: number): LogEntry[] {
  const out: LogEntry[] = [];
  let level = 0;
  for (const e of log) {
    if (e.command.type === 'level.next') level++;
    else if (level === index) out.push(e);
  }
  return out;
}

/**
 * A domain's items and score over the treated levels: each level's items, named by the level when
 * there are two, and the mean of the levels' scores (each level is half of the work).
 */
export function scoreByLevel(
  input: ScoringInput,
  itemsOf: (input: ScoringInput) => ScoreItem[],
): { items: ScoreItem[]; score: number } {
  const parts = levelInputs(input).map((l) => ({ label: l.label, items: itemsOf(l.input) }));
  const items = parts.flatMap((p) =>
    p.label ? p.items.map((i) => ({ ...i, label: `${p.label}: ${i.label}` })) : p.items,
  );
  const scores = parts.map((p) => clampScore(100 + p.items.reduce((s, i) => s + i.points, 0)));
  return { items, score: clampScore(scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length)) };
}
