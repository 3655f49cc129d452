import { z } from 'zod';
// bounds.ts directly, not sim/core/index.ts: the engine imports this schema, and the index would close a cycle through sim/core/events.ts.
import {
  MAX_FINDINGS,
  MAX_ID_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_FINDINGS,
  PLAIN_TEXT_PATTERN,
  SLUG_PATTERN,
} from '../sim/core/bounds';
import { ALLERGENS, ALLERGIC_REACTIONS, MAX_ALLERGIES } from '../sim/core/allergies';
import { MAX_ASA_CLASS, MIN_ASA_CLASS } from '../sim/core/asaClass';
import { DECLINE_REASONS } from '../sim/core/declineReasons';
import { ScenarioError } from './scenarioError';
import { upgradeScenarioJson } from './scenarioMigrations';

export { ScenarioError } from './scenarioError';

/**
 * The scenario file format: what an instructor authors. Validated with zod so that a
 * malformed file fails to load with a message that names the offending field.
 */

/** Target levels a scenario may name: T5 to L5, as the morphometry table covers (sim/anatomy/morphometry.ts; T4 and S1 exist there only as neighbours). */
export const LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'] as const;
export type LevelName = (typeof LEVELS)[number];

/** Plain display text: no control characters and no HTML angle brackets (sim/core/bounds.ts). */
const plainText = (max: number) =>
  z.string().min(1).max(max).regex(PLAIN_TEXT_PATTERN, 'plain text: no control characters and no < or >');
/** An id or a file name: a slug of at most MAX_ID_LENGTH characters. */
const slug = (what: string) =>
  z.string().max(MAX_ID_LENGTH).regex(SLUG_PATTERN, `${what}: lower-case letters and digits joined by single dashes`);

export const fractureSchema = z.strictObject({
  /** Shape of the compression: wedge (anterior), biconcave (central), crush (whole body). */
  type: z.enum(['wedge', 'biconcave', 'crush']),
  /** Genant semiquantitative grade: 1 = 20-25 %, 2 = 25-40 %, 3 = > 40 % height loss (docs/clinical-sources.md). */
  genantGrade: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /**
   * Exact height loss of the most compressed part, percent; must sit inside the grade's range.
   * Defaults to the grade's usual middle (GENANT_DEFAULT_LOSS_PCT). Above about 70 % the body is a
   * vertebra plana (docs/clinical-sources.md, Fractures).
   */
  heightLossPct: z.number().min(20).max(80).optional(),
  /** Age of the fracture in weeks (best results under ~12 weeks). */
  ageWeeks: z.number().min(0).max(520),
  /** The superior endplate is cracked: a path for cement into the disc. */
  endplateCrack: z.boolean(),
  /** Intravertebral cleft (Kummell): a fluid-filled gap that fills and leaks easily. */
  cleft: z.boolean(),
  /** Posterior wall defect (malignant cases): a path to the epidural space. */
  posteriorWallDefect: z.boolean(),
  /** Lateral cortex defect: a path to the paravertebral space. */
  lateralCortexDefect: z.boolean(),
});

/**
 * How the patient's spine is segmented (sim/anatomy/segmentation.ts): the usual count, a
 * lumbosacral transitional vertebra (lumbarised S1, sacralised L5) or 11 / 13 pairs of ribs.
 */
export const SEGMENTATION_VARIANTS = ['normal', 'lumbarisedS1', 'sacralisedL5', 'ribs11', 'ribs13'] as const;
export type SegmentationVariant = (typeof SEGMENTATION_VARIANTS)[number];

/**
 * Anticoagulant and antiplatelet drugs a patient may be taking (sim/patient/coagulation.ts). Warfarin's
 * effect is the INR of the labs; the others are not measured by it.
 */
export const ANTICOAGULANT_DRUGS = [
  'warfarin',
  'apixaban',
  'rivaroxaban',
  'dabigatran',
  'enoxaparin',
  'clopidogrel',
  'aspirin',
] as const;
export type AnticoagulantDrug = (typeof ANTICOAGULANT_DRUGS)[number];

/** Most hours since a last dose a scenario may state (30 days: every drug listed has long worn off). */
export const MAX_LAST_DOSE_HOURS = 720;

/** Most previously augmented levels one patient may carry. */
export const MAX_PRIOR_AUGMENTATIONS = 4;

export const patientSchema = z.strictObject({
  age: z.number().int().min(18).max(110),
  sex: z.enum(['female', 'male']),
  /** DXA T-score; sets cancellous strength and attenuation. */
  tScore: z.number().min(-5).max(2),
  /** Soft-tissue depth from skin to lamina. */
  habitus: z.enum(['thin', 'average', 'obese']),
  weightKg: z.number().min(30).max(250),
  history: plainText(MAX_TEXT_LENGTH),
  /** Findings the trainee weighs in case review; each either supports or contradicts the indication. */
  findings: z
    .array(z.strictObject({ text: plainText(MAX_TEXT_LENGTH), supportsProcedure: z.boolean() }))
    .min(MIN_FINDINGS)
    .max(MAX_FINDINGS),
  /** Labs relevant to a percutaneous procedure. */
  labs: z.strictObject({ inr: z.number().min(0.5).max(10), plateletsPerNl: z.number().min(0).max(1000) }),
  /**
   * Known allergies, shown in the case review; an exposure to one in the procedure starts the reaction
   * (sim/patient/anaphylaxis.ts). Optional: absent means no known allergy, so the scenarios written
   * before the field existed keep their files and hashes.
   */
  allergies: z
    .array(z.strictObject({ agent: z.enum(ALLERGENS), reaction: z.enum(ALLERGIC_REACTIONS) }))
    .max(MAX_ALLERGIES)
    .optional(),
  /**
   * The anticoagulant or antiplatelet drug the patient takes and how long ago the last dose was
   * (sim/patient/coagulation.ts: with the labs, how long the puncture sites bleed). Optional: absent
   * means none, so the scenarios written before the field existed keep their files and hashes.
   */
  anticoagulant: z
    .strictObject({
      drug: z.enum(ANTICOAGULANT_DRUGS),
      lastDoseHoursAgo: z.number().min(0).max(MAX_LAST_DOSE_HOURS),
    })
    .optional(),
  /**
   * General health as the ASA physical status class (1 a normal healthy patient, 2 mild, 3 severe
   * systemic disease, 4 a constant threat to life; sim/core/asaClass.ts), shown in the case review.
   * III or IV is poor general health, a reason for an overnight stay (sim/scoring/overnightReasons.ts).
   * Optional: absent means not stated, read as not poor health, so the scenarios written before the
   * field existed keep their files, hashes and scores.
   */
  asaClass: z.number().int().min(MIN_ASA_CLASS).max(MAX_ASA_CLASS).optional(),
  /**
   * Force the segmentation (a transitional-anatomy case); absent: drawn per patient at the
   * published rates (docs/clinical-sources.md, Level localisation). Levels are counted from C2.
   */
  segmentation: z.enum(SEGMENTATION_VARIANTS).optional(),
  /**
   * A scoliosis at the fractured level, as the CT measures it: absent, the patient may still have one,
   * drawn at the published prevalence (sim/imaging/carmPose.ts drawPatientRotation). The level is
   * turned and tilted against the table, so the preset AP shows asymmetric pedicles and an
   * off-centre spinous process until the C-arm orbits by the rotation (docs/clinical-sources.md,
   * Fractures).
   */
  scoliosis: z
    .strictObject({
      /** Axial rotation of the vertebra, deg; positive turns its spinous process toward the patient's left. */
      axialRotationDeg: z.number().min(-30).max(30),
      /** Coronal tilt of the vertebra, deg; positive raises its left side cranially. */
      coronalTiltDeg: z.number().min(-30).max(30),
    })
    .optional(),
  /**
   * Levels treated before (an earlier vertebroplasty or kyphoplasty): their cement is in the body and
   * shows on every image, the case review's radiograph included (sim/anatomy/priorCement.ts). A new
   * fracture next to an augmented level is common (adjacent-level fracture); the old cement is a
   * landmark to count past, never the target.
   */
  priorAugmentation: z
    .array(
      z.strictObject({
        level: z.enum(LEVELS),
        procedure: z.enum(['vertebroplasty', 'kyphoplasty']),
        /** Cement left in that body, mL. */
        volumeMl: z.number().min(1).max(10),
        /** How long ago, years. */
        yearsAgo: z.number().min(0).max(30),
      }),
    )
    .max(MAX_PRIOR_AUGMENTATIONS)
    .optional(),
});

/** How hard a case is, in the order the curriculum takes them (the menu lists beginner cases first). */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Most learning objectives one scenario may state (a case teaches a few things well). */
export const MAX_OBJECTIVES = 8;

/**
 * What a case teaches and where it sits in the curriculum: the menu lists scenarios by `order`
 * (beginner to advanced), shows the difficulty, and the case review shows the objectives. Optional
 * in the format, so attempt files that embed a scenario written before the field existed still
 * load; every scenario the app ships carries it (tests/unit/curriculum.test.ts).
 */
export const teachingSchema = z.strictObject({
  difficulty: z.enum(DIFFICULTIES),
  /** Place in the curriculum, 1 first; unique across the shipped library. */
  order: z.number().int().min(1).max(10_000),
  /** What the trainee should be able to do after this case, one sentence each. */
  objectives: z
    .array(plainText(MAX_TITLE_LENGTH * 2))
    .min(1)
    .max(MAX_OBJECTIVES),
});
export type Teaching = z.infer<typeof teachingSchema>;

/**
 * Whether the procedure is indicated: operate, or decline for one of the closed list of reasons (sim/core/declineReasons.ts), which the trainee must recognise at case
 * review. Declining with that reason is the correct answer; operating is a critical error
 * (sim/scoring/README.md, "Cases to decline").
 */
export const indicationSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('operate') }),
  z.strictObject({
    decision: z.literal('decline'),
    /** The reason the case is written around: the expert's answer, and the one the debrief names. */
    reason: z.enum(DECLINE_REASONS),
    /**
     * Other reasons the case's findings equally support (a healed fracture is also one whose pain
     * comes from elsewhere): declining for one of them is marked as the right reason too.
     */
    alsoAccepted: z.array(z.enum(DECLINE_REASONS)).min(1).max(DECLINE_REASONS.length).optional(),
  }),
]);
export type Indication = z.infer<typeof indicationSchema>;

/** Cement delivery devices a scenario may name (sim/instruments/cementDelivery.ts has their data). */
export const CEMENT_DELIVERY_KINDS = ['boneFiller', 'syringe'] as const;

/** What makes the kyphoplasty cavity (sim/instruments/cavityDevices.ts): the balloon, an expandable ball tamp or a mesh container the cement fills. */
export const CAVITY_DEVICE_KINDS = ['balloon', 'ballTamp', 'meshContainer'] as const;

/** The ways into the body: through the pedicle, or beside it through the costovertebral gap (thoracic). */
export const ACCESS_ROUTES = ['transpedicular', 'extrapedicular'] as const;
export type AccessRoute = (typeof ACCESS_ROUTES)[number];
export type CementDeliveryKind = (typeof CEMENT_DELIVERY_KINDS)[number];

export const scenarioSchema = z
  .strictObject({
    /** The file format's version: SCENARIO_SCHEMA_VERSION (scenarioMigrations.ts upgrades older files before this schema reads them). */
    schemaVersion: z.literal(2),
    id: slug('the scenario id'),
    /**
     * The scenario's published version: bump it whenever a published scenario's content changes, so
     * an attempt names the exact case it was made on. Absent means 1 (the scenarios published before
     * the field existed), so their files, hashes and recorded attempts stay as they were.
     */
    version: z.number().int().min(1).max(1_000_000).optional(),
    title: plainText(MAX_TITLE_LENGTH),
    procedure: z.enum(['kyphoplasty', 'vertebroplasty']),
    approach: z.enum(['unipedicular', 'bipedicular']),
    /**
     * The way into the body the case teaches (absent: through the pedicle). Thoracic pedicles too
     * narrow for the trocar are passed beside, through the costovertebral gap (extrapedicular): the
     * standard setting's experts take this route on the case.
     */
    route: z.enum(ACCESS_ROUTES).optional(),
    level: z.enum(LEVELS),
    /**
     * A second fractured level treated in the same procedure, after the first (`level`): its own
     * fracture, the same patient, approach and equipment. It must be within two levels of the first
     * (both are built with their neighbours) and, for now, the procedure a vertebroplasty: the
     * balloon's lift and the endplate it holds are modelled at one level (sim/session/README.md,
     * "Two levels in one procedure"). Treating more than one level usually means an overnight stay.
     */
    secondLevel: z.strictObject({ level: z.enum(LEVELS), fracture: fractureSchema }).optional(),
    teaching: teachingSchema.optional(),
    patient: patientSchema,
    fracture: fractureSchema,
    /** Written out since schema version 2 (version 1 files without it meant operate, and are upgraded so). */
    indication: indicationSchema,
    equipment: z.strictObject({
      /** Trocar gauge (11-13 G lumbar; 15 G upper thoracic). */
      trocarGauge: z.union([z.literal(11), z.literal(13), z.literal(15)]),
      /** Inflatable bone tamp length in mm (Kyphon 10/15/20 mm). Ignored for vertebroplasty. */
      balloonLengthMm: z.union([z.literal(10), z.literal(15), z.literal(20)]),
      /**
       * The device that makes the cavity (kyphoplasty), sized by balloonLengthMm (the channel is
       * drilled for it). Optional: absent means the balloon, so the scenarios written before the
       * field existed keep their files and hashes.
       */
      cavityDevice: z.enum(CAVITY_DEVICE_KINDS).optional(),
      carm: z.enum(['single-plane', 'biplane']),
    }),
    cement: z.strictObject({
      /** Operating-room temperature in Celsius; warm rooms shorten every cement phase. */
      roomTempC: z.number().min(15).max(30),
      preChilled: z.boolean(),
      /**
       * How the cement is pushed: Kyphon-style bone filler devices (1.5 mL each) or a 1 mL syringe.
       * Optional: kyphoplasty defaults to bone fillers, vertebroplasty to the syringe (deliveryFor).
       */
      delivery: z.enum(CEMENT_DELIVERY_KINDS).optional(),
    }),
    scoring: z.strictObject({
      /** Total score needed to pass, when no critical error occurred: above 0 (0 would pass anything) and at most 100. */
      passScore: z.number().gt(0).max(100),
      /**
       * The expert benchmark: a plan in levels/plans/ (its file name without .json) that an expert
       * would follow on this case. The debrief replays it on the trainee's own patient (same seed) and
       * shows its figures beside the trainee's.
       */
      expertPlan: slug('a plan file name in levels/plans, without .json').optional(),
      /**
       * What the expert reference set did on this case (medians over its expert plans and patients,
       * written by `npm run sim -- standard-set --write`): the radiation domain judges the trainee's
       * fluoroscopy against it. Absent: the published norms alone (sim/scoring/README.md).
       */
      expertReference: z
        .strictObject({
          fluoroTimeS: z.number().positive().max(3600),
          dapGyCm2: z.number().positive().max(1000),
          shots: z.number().int().positive().max(10_000),
          /** Images per stage of the procedure (sim/scoring/stages.ts names the stages). */
          shotsByStage: z
            .strictObject({
              setup: z.number().min(0).max(10_000),
              access: z.number().min(0).max(10_000),
              balloon: z.number().min(0).max(10_000),
              cement: z.number().min(0).max(10_000),
              closing: z.number().min(0).max(10_000),
            })
            .optional(),
        })
        .optional(),
    }),
  })
  .superRefine((s, ctx) => {
    const f = s.fracture;
    if (s.patient.segmentation === 'sacralisedL5' && s.level === 'L5') {
      ctx.addIssue({
        code: 'custom',
        path: ['patient', 'segmentation'],
        message: 'a sacralised L5 is fused to the sacrum: it cannot be the mobile fractured level',
      });
    }
    const prior = s.patient.priorAugmentation ?? [];
    prior.forEach((a, i) => {
      if (a.level === s.level)
        ctx.addIssue({
          code: 'custom',
          path: ['patient', 'priorAugmentation', i, 'level'],
          message: `${a.level} is the level to treat: an earlier augmentation must be at another level`,
        });
      if (prior.findIndex((b) => b.level === a.level) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['patient', 'priorAugmentation', i, 'level'],
          message: `${a.level} is listed twice`,
        });
    });
    checkHeightLoss(f, ['fracture'], ctx);
    if (s.secondLevel) checkSecondLevel(s, s.secondLevel, ctx);
  });

/** The exact height loss must sit inside the fracture's Genant grade. */
function checkHeightLoss(f: z.infer<typeof fractureSchema>, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (f.heightLossPct === undefined) return;
  const [lo, hi] = GENANT_RANGES[f.genantGrade];
  if (f.heightLossPct < lo || f.heightLossPct > hi) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'heightLossPct'],
      message: `${f.heightLossPct} % is outside Genant grade ${f.genantGrade} (${lo}-${hi} %)`,
    });
  }
}

/** Most levels between the two treated in one procedure (the anatomy builds two neighbours each side of the first). */
export const MAX_SECOND_LEVEL_DISTANCE = 2;

/** A second treated level: near the first, not the first, not cemented before, and (for now) in a vertebroplasty. */
function checkSecondLevel(
  s: {
    level: LevelName;
    procedure: string;
    patient: { segmentation?: SegmentationVariant; priorAugmentation?: readonly { level: LevelName }[] };
  },
  second: { level: LevelName; fracture: z.infer<typeof fractureSchema> },
  ctx: z.RefinementCtx,
): void {
  const path = ['secondLevel'];
  const distance = Math.abs(LEVELS.indexOf(second.level) - LEVELS.indexOf(s.level));
  if (distance === 0)
    ctx.addIssue({ code: 'custom', path: [...path, 'level'], message: `${second.level} is already the first level` });
  else if (distance > MAX_SECOND_LEVEL_DISTANCE)
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'level'],
      message: `${second.level} is ${distance} levels from ${s.level}: the second level must be within ${MAX_SECOND_LEVEL_DISTANCE}`,
    });
  if ((s.patient.priorAugmentation ?? []).some((a) => a.level === second.level))
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'level'],
      message: `${second.level} was augmented before: a second level must be a new fracture`,
    });
  if (second.level === 'L5' && s.patient.segmentation === 'sacralisedL5')
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'level'],
      message: 'a sacralised L5 is fused: it cannot be treated',
    });
  if (s.procedure !== 'vertebroplasty')
    ctx.addIssue({
      code: 'custom',
      path,
      message: 'a second level is supported for vertebroplasty only (the balloon lift is modelled at one level)',
    });
  checkHeightLoss(second.fracture, [...path, 'fracture'], ctx);
}

/** One level treated in the procedure: where, and its fracture. */
export interface TreatedLevel {
  readonly level: LevelName;
  readonly fracture: z.infer<typeof fractureSchema>;
}

/** The levels the procedure treats, in order: the scenario's level, then its second level if any. */
export function treatedLevels(scenario: Pick<Scenario, 'level' | 'fracture' | 'secondLevel'>): TreatedLevel[] {
  const first = { level: scenario.level, fracture: scenario.fracture };
  return scenario.secondLevel ? [first, scenario.secondLevel] : [first];
}

/** The scenario as the instruments of one treated level see it: that level and its fracture. */
export function scenarioAtLevel(scenario: Scenario, index: number): Scenario {
  if (index === 0 || !scenario.secondLevel) return scenario;
  return { ...scenario, level: scenario.secondLevel.level, fracture: scenario.secondLevel.fracture };
}

/**
 * Height-loss ranges per Genant grade, percent (docs/clinical-sources.md, Fractures). Grade 3 has
 * no upper bound in the grading; 80 % keeps a collapsed body (vertebra plana) tall enough to model
 * and to be entered by a needle at its posterior part.
 */
export const GENANT_RANGES: Record<1 | 2 | 3, readonly [number, number]> = {
  1: [20, 25],
  2: [25, 40],
  3: [40, 80],
};

/**
 * The height loss a scenario without an exact figure gets, percent: the middle of the grade's usual
 * range (grade 3's stays 50 %, the middle of 40-60 %: a grade 3 fracture is rarely a vertebra plana).
 */
export const GENANT_DEFAULT_LOSS_PCT: Record<1 | 2 | 3, number> = { 1: 22.5, 2: 32.5, 3: 50 };

export type Scenario = z.infer<typeof scenarioSchema>;

/** The scenario's published version (an absent version field is version 1). */
export function scenarioVersion(scenario: Pick<Scenario, 'version'>): number {
  return scenario.version ?? 1;
}

/** The scenario's indication (the one place the engine and the scoring ask it). */
export function indicationOf(scenario: Pick<Scenario, 'indication'>): Indication {
  return scenario.indication;
}

/** The scenario's cement delivery device: as named, else bone fillers for kyphoplasty and a syringe for vertebroplasty. */
export function deliveryFor(scenario: Pick<Scenario, 'procedure' | 'cement'>): CementDeliveryKind {
  return scenario.cement.delivery ?? (scenario.procedure === 'kyphoplasty' ? 'boneFiller' : 'syringe');
}

/**
 * Parse and validate unknown JSON as a scenario: upgraded from an older schema version first
 * (scenarioMigrations.ts), then checked by the schema. Throws ScenarioError naming the fields that
 * are wrong.
 */
export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(upgradeScenarioJson(data, source));
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const path = i.path.length ? i.path.join('.') : '(root)';
    return `  ${path}: ${i.message}`;
  });
  throw new ScenarioError(`${source} is not a valid scenario:\n${lines.join('\n')}`);
}
