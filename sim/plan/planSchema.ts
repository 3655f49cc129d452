import { z } from 'zod';
import { commandSchema } from '../core/commandSchema';
import { localiseStepSchema } from './localiseStep';

/**
 * A scripted plan: the same commands a trainee issues, plus the time between them and simple
 * closed-loop steps ("advance 2 mm every second until the tip is past the posterior wall").
 * Plans drive the CLI, golden tests, calibration and the expert benchmark.
 */
export const conditionSchema = z.union([
  z.strictObject({ event: z.string().min(1) }),
  z.strictObject({ phase: z.string().min(1) }),
  z.strictObject({ cementPhase: z.enum(['liquid', 'sticky', 'working', 'setting', 'set']) }),
  z.strictObject({ balloonVolumeMl: z.number().positive() }),
  z.strictObject({ cementInBodyMl: z.number().positive() }),
  /** The loaded bone filler or syringe holds less than this, mL. */
  z.strictObject({ cementDeviceBelowMl: z.number().positive() }),
]);

export const planStepSchema = z.union([
  /** Dispatch one command; the plan fails if it is refused (unless optional). */
  z.strictObject({ do: commandSchema, optional: z.boolean().optional() }),
  /** Let simulated time pass without any command. */
  z.strictObject({ waitS: z.number().positive().max(3600) }),
  /** One fluoroscopy shot: C-arm to the view if needed, pedal down for seconds, pedal up. */
  z.strictObject({ shot: z.enum(['AP', 'lateral']), seconds: z.number().positive().max(60) }),
  /** Bring the C-arm to a true view by looking and correcting (sim/plan/trueViewStep.ts). */
  z.strictObject({
    trueView: z.enum(['AP', 'lateral']),
    toleranceDeg: z.number().positive().max(10).optional(),
    maxShots: z.number().int().positive().max(20).optional(),
  }),
  /** Aim along the textbook trajectory of this patient's anatomy for the current side. */
  z.strictObject({
    aimIdeal: z.literal(true),
    medialOffsetDeg: z.number().optional(),
    caudalOffsetDeg: z.number().optional(),
  }),
  /**
   * Repeat a command every everyS seconds until a condition holds (fails after max repeats).
   * stopIf ends the repetition early without failing (e.g. stop injecting when a leak appears).
   * before sends a command ahead of a repeat whenever its condition holds (e.g. load the next cement
   * device when the loaded one is short of a push). watch ends each repeat with a shot of that view
   * (within everyS): injecting under fluoroscopy.
   */
  z.strictObject({
    repeat: commandSchema,
    everyS: z.number().positive(),
    until: conditionSchema,
    stopIf: conditionSchema.optional(),
    max: z.number().int().positive().max(10000),
    before: z.strictObject({ when: conditionSchema, do: commandSchema }).optional(),
    watch: z.strictObject({ view: z.enum(['AP', 'lateral']), seconds: z.number().positive().max(10) }).optional(),
  }),
  /** Let time pass in steps of stepS until a condition holds (fails after maxS). */
  z.strictObject({ waitUntil: conditionSchema, stepS: z.number().positive(), maxS: z.number().positive() }),
  /** Count the level from a landmark on AP shots and mark the skin (localiseStep.ts). */
  localiseStepSchema,
]);

export const planSchema = z.strictObject({
  format: z.literal('kyphosim-plan'),
  version: z.literal(1),
  description: z.string(),
  steps: z.array(planStepSchema),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type PlanCondition = z.infer<typeof conditionSchema>;
