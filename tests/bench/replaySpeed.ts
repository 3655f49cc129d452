// Headless replay speed: simulated seconds per wall second for a whole textbook kyphoplasty.
// Run: npm run bench (or npx tsx tests/bench/replaySpeed.ts [runs]). Prints figures, asserts nothing.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/attempt/replay';
import { FIXED_DT_S } from '../../sim/core/constants';

const runs = Number(process.argv[2] ?? 5);
const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
const plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
const recorded = runPlan(scenario, 42, plan);
const log = recorded.log;
const endTick = recorded.tick;
const simS = endTick * FIXED_DT_S;

replay(scenario, 42, log, endTick); // warm-up (JIT)
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  replay(scenario, 42, log, endTick);
  times.push((performance.now() - t0) / 1000);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  JSON.stringify(
    {
      benchmark: 'headless replay, textbook kyphoplasty L1, seed 42',
      commands: log.length,
      ticks: endTick,
      simulatedS: Math.round(simS * 10) / 10,
      wallS_median: Math.round(median * 1000) / 1000,
      simSecondsPerWallSecond: Math.round(simS / median),
      runs,
    },
    null,
    2,
  ),
);
