import type { ScenarioEntry } from './scenarioEntry';

/**
 * The menu's order: the curriculum's, beginner cases first (each scenario's `teaching.order`), then
 * any scenario without a place in it (an instructor's file dropped into levels/), then the files
 * that failed to load, so that what is wrong with them is at hand but never in the way. Ties fall
 * back to the file name, so the order is the same on every station.
 */
export function byCurriculum(a: ScenarioEntry, b: ScenarioEntry): number {
  const rank = (e: ScenarioEntry): number =>
    e.ok ? (e.scenario.teaching?.order ?? Number.MAX_SAFE_INTEGER - 1) : Number.MAX_SAFE_INTEGER;
  return rank(a) - rank(b) || a.file.localeCompare(b.file);
}
