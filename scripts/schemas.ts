import { z } from 'zod';
import { attemptSchema } from '../sim/attempt';
import { planSchema } from '../sim/plan';
import { scenarioSchema } from '../levels/scenarioSchema';

/** JSON Schemas generated from the zod schemas, keyed by the docs/ file they are written to. */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({
    title,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
  });
  return {
    'docs/attempt.schema.json': gen(attemptSchema, 'KyphoSim attempt file'),
    'docs/scenario.schema.json': gen(scenarioSchema, 'KyphoSim scenario'),
    'docs/plan.schema.json': gen(planSchema, 'KyphoSim scripted plan'),
  };
}
