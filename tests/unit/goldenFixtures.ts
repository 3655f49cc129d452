import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { planSchema, type Plan } from '../../sim/plan/planSchema';

/**
 * Golden cases: scenario + plan + seed. Their expected outcomes live in tests/fixtures/golden/.
 * `cement` names the cement outcome each one pins (issue 6): a clean fill, a disc leak, an epidural
 * leak through a posterior-wall defect; `passes` whether the textbook attempt passes (an epidural
 * leak into the canal is a critical error whatever the technique).
 */
export const GOLDEN_CASES = [
  { name: 'textbook-kyphoplasty-l1-seed42', scenario: 'levels/l1-osteoporotic-wedge.json', plan: 'levels/plans/textbook-kyphoplasty.json', seed: 42, cement: 'clean fill', passes: true },
  {
    name: 'textbook-vertebroplasty-t12-seed3',
    scenario: 'levels/t12-biconcave-vertebroplasty.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: 'disc leak',
    passes: true,
  },
  {
    name: 'textbook-kyphoplasty-bipedicular-l2-seed42',
    scenario: 'levels/l2-osteoporotic-wedge-bipedicular.json',
    plan: 'levels/plans/textbook-kyphoplasty-bipedicular.json',
    seed: 42,
    cement: 'clean fill',
    passes: true,
  },
  {
    name: 'vertebroplasty-posterior-wall-defect-l1-seed3',
    scenario: 'levels/l1-myeloma-posterior-wall-defect.json',
    plan: 'levels/plans/textbook-vertebroplasty.json',
    seed: 3,
    cement: 'epidural leak',
    passes: false,
  },
] as const;

export const loadScenario = (path: string): Scenario => parseScenario(JSON.parse(readFileSync(path, 'utf8')), path);
export const loadPlan = (path: string): Plan => planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
export const goldenPath = (name: string): string => `tests/fixtures/golden/${name}.json`;
