// Headless replay speed: simulated seconds per wall second for whole textbook procedures, the way
// the lab server re-scores an upload (replay of the recorded log to its end tick).
// Run: npm run bench (or npx tsx tests/bench/replaySpeed.ts [runs]). Prints figures, asserts nothing.
// The machine may be shared: each run replays every scenario once in turn (so a noisy moment hits
// them all alike), and the medians over the runs are reported, with the fastest and slowest run.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/attempt/replay';
import { FIXED_DT_S } from '../../sim/core/constants';
import { SCENARIOS } from './textbookScenarios';

const runs = Math.max(1, Math.floor(Number(process.argv[2] ?? 5)) || 5);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const cases = SCENARIOS.map((s) => {
  const scenario = parseScenario(readJson(`levels/${s.level}.json`));
  const recorded = runPlan(scenario, s.seed, planSchema.parse(readJson(`levels/plans/${s.plan}.json`)));
  const c = { ...s, scenario, log: recorded.log, endTick: recorded.tick, simS: recorded.tick * FIXED_DT_S };
  replay(c.scenario, c.seed, c.log, c.endTick); // warm-up (JIT)
  return { ...c, wallS: [] as number[] };
});

const totals: number[] = [];
for (let r = 0; r < runs; r++) {
  let total = 0;
  for (const c of cases) {
    const t0 = performance.now();
    replay(c.scenario, c.seed, c.log, c.endTick);
    const s = (performance.now() - t0) / 1000;
    c.wallS.push(s);
    total += s;
  }
  totals.push(total);
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Simulated seconds per wall second. */
const ratio = (simS: number, wallS: number): number => Math.round(simS / wallS);
const simTotal = cases.reduce((s, c) => s + c.simS, 0);

console.log(
  JSON.stringify(
    {
      benchmark: 'headless replay of the textbook plans to their end tick',
      runs,
      scenarios: cases.map((c) => ({
        scenario: `${c.name} (${c.plan}, seed ${c.seed})`,
        commands: c.log.length,
        ticks: c.endTick,
        simulatedS: Math.round(c.simS * 10) / 10,
        wallS_median: Math.round(median(c.wallS) * 1000) / 1000,
        simSecondsPerWallSecond: ratio(c.simS, median(c.wallS)),
        fastestRun: ratio(c.simS, Math.min(...c.wallS)),
        slowestRun: ratio(c.simS, Math.max(...c.wallS)),
      })),
      overall: {
        simulatedS: Math.round(simTotal * 10) / 10,
        wallS_median: Math.round(median(totals) * 1000) / 1000,
        simSecondsPerWallSecond: ratio(simTotal, median(totals)),
        fastestRun: ratio(simTotal, Math.min(...totals)),
        slowestRun: ratio(simTotal, Math.max(...totals)),
      },
    },
    null,
    2,
  ),
);
