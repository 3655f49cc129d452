import { z } from 'zod';
import { commandSchema } from '../core/commandSchema';
import type { Command } from '../core/commands';
import {
  COMPLICATION_SEVERITIES,
  type CementPhase,
  type ComplicationSeverity,
  type PatientComplication,
  type TackFeel,
} from '../core/events';
import { DECLINE_REASONS, type DeclineReason } from '../core/declineReasons';
import { ALLERGENS, type Allergen } from '../core/allergies';
import { MAX_ASA_CLASS, MIN_ASA_CLASS } from '../core/asaClass';
import { localiseStepSchema } from './localiseStep';
import { ACCESS_ROUTES, CAVITY_DEVICE_KINDS, type AccessRoute } from '../../levels/scenarioSchema';
import { dockStepSchema, type DockStep } from './dockStep';
import { measureStepSchema, type MeasureStep } from './measureStep';
import { drillToStepSchema, type DrillToStep } from './drillToStep';

/**
 * A scripted plan: the same commands a trainee issues, plus the time between them, closed-loop
 * steps ("advance 2 mm every second until the tip is past the posterior wall") and decisions on
 * what the operator has seen ("overnight if a leak was seen, else same-day").
 * Plans drive the CLI, golden tests, calibration, the expert benchmark and the standard-setting
 * reference sets (levels/plans/reference/).
 */

const PATIENT_COMPLICATIONS = [
  'cementEmbolism',
  'oversedation',
  'neuroDeficit',
  'anaphylaxis',
  'bleeding',
] as const satisfies readonly PatientComplication[];
const TACK_FEELS = ['wet', 'sticky', 'doughy', 'stiff', 'hard'] as const satisfies readonly TackFeel[];
const CEMENT_PHASES = ['liquid', 'sticky', 'working', 'setting', 'set'] as const satisfies readonly CementPhase[];

/**
 * Which events an event condition counts: from the start of the current phase (the default, so a
 * fact from the first side of a bipedicular procedure does not satisfy the same wait on the second
 * side), from the start of the procedure, or since the latest cement push (cement.inject command).
 */
/** Fracture findings the case review shows (scenario.fracture's yes/no fields) that a plan may act on. */
export const CASE_FINDINGS = ['posteriorWallDefect', 'lateralCortexDefect', 'endplateCrack', 'cleft'] as const;
export type CaseFinding = (typeof CASE_FINDINGS)[number];

export type EventSince = 'phase' | 'start' | 'lastPush';

export type PlanCondition =
  /** An event of this type happened (since the start of the phase, unless `since` says otherwise). */
  | { readonly event: string; readonly since?: EventSince }
  | { readonly phase: string }
  /** The hidden cement phase: kept for old plans; an operator reads the tack test instead (tackFeel). */
  | { readonly cementPhase: (typeof CEMENT_PHASES)[number] }
  /** The latest tack test (cement.tackTest) felt so. */
  | { readonly tackFeel: TackFeel }
  /** The balloon (the active side's) holds at least this volume, mL. */
  | { readonly balloonVolumeMl: number }
  /** The balloon's manometer reads at least this, psi. */
  | { readonly balloonPressurePsi: number }
  /** At least this share of the lost anterior height is regained, percent (snapshot.height). */
  | { readonly heightRegainedPct: number }
  | { readonly cementInBodyMl: number }
  /**
   * The cement in the body fills at least this share of the body's volume (0-1): the volume an
   * operator plans from the pre-operative CT, so that a small thoracic body gets less cement than a
   * large lumbar one (a fifth to a quarter of the body is the usual aim).
   */
  | { readonly cementBodyShare: number }
  /** The loaded bone filler or syringe holds less than this, mL. */
  | { readonly cementDeviceBelowMl: number }
  /** A cement leak has appeared on an image the operator took (the leak's seenTick). */
  | { readonly cementLeakSeen: true }
  /**
   * A lateral image taken since the latest push shows the bulk cement this far back, as a share of
   * the body's depth (0 anterior cortex, 1 posterior wall): the textbook stop at the posterior
   * quarter is 0.75.
   */
  | { readonly cementPosteriorReachSeen: number }
  /** The case review shows this finding of the fracture (scenario.fracture), e.g. a broken posterior wall. */
  | { readonly caseFinding: CaseFinding }
  /**
   * The case's cavity device is this one (scenario.equipment.cavityDevice; absent: the balloon), so
   * that one plan can open a ball tamp, deploy a mesh container or inflate a balloon as the case asks.
   */
  | { readonly cavityDevice: (typeof CAVITY_DEVICE_KINDS)[number] }
  /**
   * The case review shows grounds to decline for this reason (scenario.indication): what an expert
   * reads from the history, findings and labs. A decline plan declines with the reason it sees.
   */
  | { readonly caseDecline: DeclineReason }
  /**
   * The case review lists an allergy to this agent (scenario patient.allergies, whatever the
   * reaction): an expert who reads a cefazolin allergy chooses another antibiotic before giving it.
   */
  | { readonly caseAllergy: Allergen }
  /**
   * The case review states an ASA class of at least this (scenario patient.asaClass; a class not
   * stated is none): an expert keeps a patient in poor general health (III or IV) overnight.
   */
  | { readonly caseAsaClassAtLeast: number }
  /**
   * The patient takes an anticoagulant or antiplatelet drug (scenario patient.anticoagulant, which
   * the history states): an expert explains when to restart it before the patient goes home.
   */
  | { readonly caseAnticoagulant: true }
  /**
   * The patient shows this complication at this grade or worse (the patient model's
   * patient.complication events, since the start): what the team sees at the bedside and on the monitor.
   */
  | { readonly complication: PatientComplication; readonly atLeast?: ComplicationSeverity }
  /**
   * The last neurological examination scored a pain on sitting up above this, as the patient reports
   * it (a whole number, sim/patient/recoveryPain.ts): an expert keeps a patient in uncontrolled pain
   * overnight. False before an examination that could test it.
   */
  | { readonly examPainAbove: number }
  | { readonly anyOf: readonly PlanCondition[] }
  | { readonly allOf: readonly PlanCondition[] }
  | { readonly not: PlanCondition };

export const conditionSchema: z.ZodType<PlanCondition> = z
  .lazy(() =>
    z.union([
      z.strictObject({ event: z.string().min(1), since: z.enum(['phase', 'start', 'lastPush']).optional() }),
      z.strictObject({ phase: z.string().min(1) }),
      z.strictObject({ cementPhase: z.enum(CEMENT_PHASES) }),
      z.strictObject({ tackFeel: z.enum(TACK_FEELS) }),
      z.strictObject({ balloonVolumeMl: z.number().positive() }),
      z.strictObject({ balloonPressurePsi: z.number().positive() }),
      z.strictObject({ heightRegainedPct: z.number().positive().max(200) }),
      z.strictObject({ cementInBodyMl: z.number().positive() }),
      z.strictObject({ cementBodyShare: z.number().positive().max(1) }),
      z.strictObject({ cementDeviceBelowMl: z.number().positive() }),
      z.strictObject({ cementLeakSeen: z.literal(true) }),
      z.strictObject({ cementPosteriorReachSeen: z.number().positive().max(1) }),
      z.strictObject({ caseFinding: z.enum(CASE_FINDINGS) }),
      z.strictObject({ cavityDevice: z.enum(CAVITY_DEVICE_KINDS) }),
      z.strictObject({ caseDecline: z.enum(DECLINE_REASONS) }),
      z.strictObject({ caseAllergy: z.enum(ALLERGENS) }),
      z.strictObject({ caseAsaClassAtLeast: z.number().int().min(MIN_ASA_CLASS).max(MAX_ASA_CLASS) }),
      z.strictObject({ caseAnticoagulant: z.literal(true) }),
      z.strictObject({
        complication: z.enum(PATIENT_COMPLICATIONS),
        atLeast: z.enum(COMPLICATION_SEVERITIES).optional(),
      }),
      z.strictObject({ examPainAbove: z.number().int().min(0).max(10) }),
      z.strictObject({ anyOf: z.array(conditionSchema).min(1) }),
      z.strictObject({ allOf: z.array(conditionSchema).min(1) }),
      z.strictObject({ not: conditionSchema }),
    ]),
  )
  .meta({ id: 'PlanCondition' });

export type PlanStep =
  /** Dispatch one command; the plan stops if it is refused (unless optional). */
  | { readonly do: Command; readonly optional?: boolean }
  /** Let simulated time pass without any command. */
  | { readonly waitS: number }
  /** One fluoroscopy shot: C-arm to the view if needed, pedal down for seconds, pedal up. */
  | { readonly shot: 'AP' | 'lateral'; readonly seconds: number }
  /**
   * Square the C-arm to this patient's true AP or lateral (carm.adjust by the patient's rotation on
   * the table), as an operator does over a few set-up shots: swings to the view first if needed.
   */
  /** Bring the C-arm to a true view by looking and correcting (sim/plan/trueViewStep.ts). */
  | { readonly trueView: 'AP' | 'lateral'; readonly toleranceDeg?: number; readonly maxShots?: number }
  /** Count the level from a landmark on AP shots and mark the skin (sim/plan/localiseStep.ts). */
  | { readonly localise: 'sacrum' | 'lowestRib' | 'both' }
  /** Push the trocar to the pedicle by hand, redirecting when a push stalls off it (sim/plan/dockStep.ts). */
  | DockStep
  /** Measure the fractured body on the pre-operative lateral with a given error (sim/plan/measureStep.ts). */
  | MeasureStep
  /** Drill the working channel to a margin short of the anterior cortex along the track (sim/plan/drillToStep.ts). */
  | DrillToStep
  /**
   * Aim along the textbook trajectory of this patient's anatomy for the current side: through the
   * pedicle (the default), or the extrapedicular route beside it (sim/anatomy/extrapedicularTrajectory.ts).
   */
  | {
      readonly aimIdeal: true;
      readonly route?: AccessRoute;
      readonly medialOffsetDeg?: number;
      readonly caudalOffsetDeg?: number;
    }
  /**
   * Put the trocar on the skin where a route starts on this patient (needle.entry with the offsets
   * that reach it from the transpedicular entry), plus optional offsets, mm.
   */
  | {
      readonly routeEntry: AccessRoute;
      readonly side: 'left' | 'right';
      readonly lateralMm?: number;
      readonly cranialMm?: number;
    }
  /**
   * Repeat a command every everyS seconds until a condition holds (the plan stops after max repeats).
   * stopIf ends the repetition early without stopping the plan (e.g. stop injecting when a leak
   * appears). before sends a command ahead of a repeat whenever its condition holds (e.g. load the
   * next cement device when the loaded one is short of a push). watch ends each repeat with a shot
   * of that view (within everyS): injecting under fluoroscopy.
   */
  | {
      readonly repeat: Command;
      readonly everyS: number;
      readonly until: PlanCondition;
      readonly stopIf?: PlanCondition;
      readonly max: number;
      readonly before?: { readonly when: PlanCondition; readonly do: Command };
      readonly watch?: { readonly view: 'AP' | 'lateral'; readonly seconds: number };
    }
  /** Let time pass in steps of stepS until a condition holds (the plan stops after maxS). */
  | { readonly waitUntil: PlanCondition; readonly stepS: number; readonly maxS: number }
  /** Steps that depend on the outcome so far: then if the condition holds now, else otherwise. */
  | { readonly if: PlanCondition; readonly then: readonly PlanStep[]; readonly else?: readonly PlanStep[] };

export const planStepSchema: z.ZodType<PlanStep> = z
  .lazy(() =>
    z.union([
      z.strictObject({ do: commandSchema, optional: z.boolean().optional() }),
      z.strictObject({ waitS: z.number().positive().max(3600) }),
      z.strictObject({ shot: z.enum(['AP', 'lateral']), seconds: z.number().positive().max(60) }),
      z.strictObject({
        trueView: z.enum(['AP', 'lateral']),
        toleranceDeg: z.number().positive().max(10).optional(),
        maxShots: z.number().int().positive().max(20).optional(),
      }),
      localiseStepSchema,
      dockStepSchema,
      measureStepSchema,
      drillToStepSchema,
      z.strictObject({
        aimIdeal: z.literal(true),
        route: z.enum(ACCESS_ROUTES).optional(),
        medialOffsetDeg: z.number().optional(),
        caudalOffsetDeg: z.number().optional(),
      }),
      z.strictObject({
        routeEntry: z.enum(ACCESS_ROUTES),
        side: z.enum(['left', 'right']),
        lateralMm: z.number().min(-100).max(100).optional(),
        cranialMm: z.number().min(-100).max(100).optional(),
      }),
      z.strictObject({
        repeat: commandSchema,
        everyS: z.number().positive(),
        until: conditionSchema,
        stopIf: conditionSchema.optional(),
        max: z.number().int().positive().max(10000),
        before: z.strictObject({ when: conditionSchema, do: commandSchema }).optional(),
        watch: z.strictObject({ view: z.enum(['AP', 'lateral']), seconds: z.number().positive().max(10) }).optional(),
      }),
      z.strictObject({ waitUntil: conditionSchema, stepS: z.number().positive(), maxS: z.number().positive() }),
      z.strictObject({
        if: conditionSchema,
        // biome-ignore lint/suspicious/noThenProperty: the plan's own word (if / then / else); an array, never a thenable.
        then: z.array(planStepSchema),
        else: z.array(planStepSchema).optional(),
      }),
    ]),
  )
  .meta({ id: 'PlanStep' });

/**
 * Natural per-patient variation of technique (sim/plan/planVariation.ts): each run of the plan on
 * a patient draws, from an rng forked from the seed, small deterministic departures from the
 * written plan, as the same operator would make from one patient to the next. Each figure is a
 * standard deviation (draws are clipped at 3 sd).
 */
export const variationSchema = z.strictObject({
  /** Added to each aim (aimIdeal, needle.aim), medial and caudal, degrees. */
  aimDeg: z.number().min(0).max(10).optional(),
  /** Added to each skin entry (needle.entry), lateral and cranial, mm. */
  entryMm: z.number().min(0).max(20).optional(),
  /** Waits and repeat intervals scaled by 1 + this share, percent. */
  timingPct: z.number().min(0).max(50).optional(),
  /** Step sizes of repeated commands (advance mm, inflate mL, inject mL, drill mm) scaled likewise, percent. */
  stepPct: z.number().min(0).max(50).optional(),
  /** Stop thresholds (balloon volume and pressure, height regained, cement in the body) scaled likewise, percent. */
  volumePct: z.number().min(0).max(50).optional(),
});

/**
 * The scenarios a plan fits: a procedure and, if it matters, the approach (absent: either) and the
 * kyphoplasty cavity device (absent: the balloon, which every plan written before the other devices
 * drives); or `{ "indication": "decline" }`, a plan that declines at case review, which fits every
 * case to decline whatever its procedure (sim/standard/referenceSet.ts planFits).
 */
export const fitsSchema = z.union([
  z.strictObject({
    procedure: z.enum(['kyphoplasty', 'vertebroplasty']),
    approach: z.enum(['unipedicular', 'bipedicular']).optional(),
    cavityDevice: z.enum(CAVITY_DEVICE_KINDS).optional(),
    /** The access route the plan takes (absent: transpedicular); see referenceSet.ts for how it fits. */
    route: z.enum(ACCESS_ROUTES).optional(),
    /** How many levels the plan treats (absent: one); it fits only cases that treat as many (scenario.secondLevel). */
    levels: z.literal(2).optional(),
  }),
  z.strictObject({ indication: z.literal('decline') }),
]);

export const planSchema = z.strictObject({
  format: z.literal('kyphosim-plan'),
  version: z.literal(1),
  description: z.string(),
  /** Which scenarios the plan is written for; the standard-set run applies it only to those. */
  fits: fitsSchema.optional(),
  variation: variationSchema.optional(),
  steps: z.array(planStepSchema),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanVariation = z.infer<typeof variationSchema>;
export type PlanFits = z.infer<typeof fitsSchema>;
