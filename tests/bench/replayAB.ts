// Headless replay speed of this tree against another checkout (the version before a change), in
// one process: each run replays every textbook scenario on both, alternating which goes first, so
// the noise of a shared machine hits both alike. Prints the median speed of each and the median of
// the per-run ratios (the speed-up), per scenario. Asserts nothing.
// Run: npx tsx tests/bench/replayAB.ts <other checkout> [runs]
// (e.g. git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';
import { replay } from '../../sim/attempt/replay';
import { FIXED_DT_S } from '../../sim/core/constants';
import type { LogEntry } from '../../sim/core/commands';
import { SCENARIOS } from './textbookScenarios';

type Replay = (scenario: Scenario, seed: number, log: readonly LogEntry[], endTick: number) => unknown;

const otherRoot = process.argv[2];
if (!otherRoot) throw new Error('usage: npx tsx tests/bench/replayAB.ts <other checkout> [runs]');
const runs = Math.max(1, Math.floor(Number(process.argv[3] ?? 7)) || 7);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

async function main(): Promise<void> {
  const other = resolve(otherRoot);
  const otherReplay: Replay = (await import(`${other}/sim/attempt/replay.ts`)).replay;
  const otherParse: (raw: unknown) => Scenario = (await import(`${other}/levels/scenarioSchema.ts`)).parseScenario;
  const cases = SCENARIOS.map((s) => {
    const scenario = parseScenario(readJson(`levels/${s.level}.json`));
    const recorded = runPlan(scenario, s.seed, planSchema.parse(readJson(`levels/plans/${s.plan}.json`)));
    // Each tree replays the log on its own parse of the same scenario file.
    const otherScenario = otherParse(readJson(`${other}/levels/${s.level}.json`));
    return {
      ...s,
      scenario,
      otherScenario,
      log: recorded.log,
      endTick: recorded.tick,
      times: { here: [0], other: [0] },
    };
  });
  const time = (f: () => unknown): number => {
    const t0 = performance.now();
    f();
    return (performance.now() - t0) / 1000;
  };
  for (const c of cases) {
    c.times = { here: [], other: [] };
    replay(c.scenario, c.seed, c.log, c.endTick); // warm-up (JIT)
    otherReplay(c.otherScenario, c.seed, c.log, c.endTick);
  }
  for (let r = 0; r < runs; r++) {
    for (const c of cases) {
      const here = (): number => time(() => replay(c.scenario, c.seed, c.log, c.endTick));
      const there = (): number => time(() => otherReplay(c.otherScenario, c.seed, c.log, c.endTick));
      if (r % 2) {
        c.times.other.push(there());
        c.times.here.push(here());
      } else {
        c.times.here.push(here());
        c.times.other.push(there());
      }
    }
  }
  const median = (xs: readonly number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  console.log(
    JSON.stringify(
      {
        benchmark: `headless replay, this tree against ${other}, simulated seconds per wall second`,
        runs,
        scenarios: cases.map((c) => {
          const simS = c.endTick * FIXED_DT_S;
          return {
            scenario: `${c.name} (${c.plan}, seed ${c.seed})`,
            other: Math.round(simS / median(c.times.other)),
            here: Math.round(simS / median(c.times.here)),
            speedUp: Math.round(median(c.times.here.map((t, i) => c.times.other[i] / t)) * 100) / 100,
          };
        }),
      },
      null,
      2,
    ),
  );
}

void main();
