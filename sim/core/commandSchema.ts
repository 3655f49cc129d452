import { z } from 'zod';
import type { Command } from './commands';
import { PROPHYLACTIC_ANTIBIOTICS } from './allergies';
import {
  ADRENALINE_DOSE_MG,
  FLUID_BOLUS_ML,
  SITE_COMPRESSION_MIN,
  FLUMAZENIL_DOSE_MG,
  MAX_OXYGEN_L_PER_MIN,
  MAX_PAN_MM,
  MIDAZOLAM_BOLUS_MG,
  PREOP_IMAGE_PX,
} from './bounds';
import { COUNSEL_TOPICS } from './counselTopics';
import { DECLINE_REASONS } from './declineReasons';

/**
 * Runtime validation of commands: the attempt file, plans and the UI all pass through it, so a
 * tampered or hand-written log cannot feed NaN, infinities or absurd values into the world.
 * Bounds are generous physical limits, not technique rules (the machine and the world judge those).
 */
const finite = (min: number, max: number) => z.number().finite().min(min).max(max);

/** A point on the pre-operative radiograph: on the film, in pixels. */
const imagePoint = z.strictObject({ x: finite(0, PREOP_IMAGE_PX), y: finite(0, PREOP_IMAGE_PX) });

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('phase.next') }),
  z.strictObject({ type: z.literal('case.decline'), reason: z.enum(DECLINE_REASONS) }),
  z.strictObject({
    type: z.literal('case.measure'),
    corners: z.strictObject({
      anteriorSuperior: imagePoint,
      anteriorInferior: imagePoint,
      posteriorSuperior: imagePoint,
      posteriorInferior: imagePoint,
    }),
  }),
  z.strictObject({
    type: z.literal('checklist.tick'),
    item: z.enum(['history', 'imaging', 'candidacy', 'consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut']),
  }),
  z.strictObject({ type: z.literal('patient.position'), position: z.enum(['prone', 'supine']) }),
  z.strictObject({ type: z.literal('carm.view'), view: z.enum(['AP', 'lateral']) }),
  z.strictObject({ type: z.literal('carm.adjust'), dOrbitDeg: finite(-45, 45), dTiltDeg: finite(-45, 45) }),
  z.strictObject({ type: z.literal('carm.pan'), dCranialMm: finite(-MAX_PAN_MM, MAX_PAN_MM) }),
  z.strictObject({
    type: z.literal('fluoro.mode'),
    mode: z.enum(['continuous', 'pulsed15', 'pulsed7.5', 'pulsed4', 'lowDose']),
  }),
  z.strictObject({ type: z.literal('fluoro.expose'), on: z.boolean() }),
  z.strictObject({ type: z.literal('carm.collimate'), halfWidthMm: finite(0, 200), halfHeightMm: finite(0, 200) }),
  z.strictObject({ type: z.literal('carm.zoom'), zoom: z.union([z.literal(1), z.literal(1.5), z.literal(2)]) }),
  z.strictObject({ type: z.literal('fluoro.store') }),
  z.strictObject({ type: z.literal('level.mark') }),
  z.strictObject({ type: z.literal('level.next') }),
  z.strictObject({ type: z.literal('local.anaesthetic') }),
  z.strictObject({ type: z.literal('sedation.midazolam'), mg: finite(MIDAZOLAM_BOLUS_MG.min, MIDAZOLAM_BOLUS_MG.max) }),
  z.strictObject({ type: z.literal('oxygen.nasal'), lPerMin: finite(0, MAX_OXYGEN_L_PER_MIN) }),
  z.strictObject({ type: z.literal('patient.fluids'), mL: finite(FLUID_BOLUS_ML.min, FLUID_BOLUS_ML.max) }),
  z.strictObject({
    type: z.literal('sedation.flumazenil'),
    mg: finite(FLUMAZENIL_DOSE_MG.min, FLUMAZENIL_DOSE_MG.max),
  }),
  z.strictObject({ type: z.literal('patient.callForHelp') }),
  z.strictObject({
    type: z.literal('needle.entry'),
    side: z.enum(['left', 'right']),
    lateralMm: finite(-60, 60),
    cranialMm: finite(-60, 60),
  }),
  z.strictObject({ type: z.literal('side.select'), side: z.enum(['left', 'right']) }),
  z.strictObject({ type: z.literal('needle.aim'), medialDeg: finite(-60, 60), caudalDeg: finite(-60, 60) }),
  z.strictObject({ type: z.literal('needle.advance'), mm: finite(-150, 150) }),
  z.strictObject({ type: z.literal('needle.tap') }),
  z.strictObject({
    type: z.literal('instrument.exchange'),
    step: z.enum(['stylet.remove', 'guidePin.insert', 'needle.remove', 'introducer.insert', 'guidePin.remove']),
  }),
  z.strictObject({ type: z.literal('channel.drill'), mm: finite(0, 40) }),
  z.strictObject({ type: z.literal('balloon.insert') }),
  z.strictObject({ type: z.literal('balloon.inflate'), mL: finite(-10, 10) }),
  z.strictObject({ type: z.literal('balloon.deflate') }),
  z.strictObject({ type: z.literal('balloon.remove') }),
  z.strictObject({ type: z.literal('cement.mix') }),
  z.strictObject({ type: z.literal('cement.tackTest') }),
  z.strictObject({ type: z.literal('cement.load') }),
  z.strictObject({ type: z.literal('cement.inject'), mL: finite(0, 10) }),
  z.strictObject({ type: z.literal('cement.stop') }),
  z.strictObject({ type: z.literal('instruments.remove') }),
  z.strictObject({ type: z.literal('time.wait'), s: finite(0, 3600) }),
  z.strictObject({
    type: z.literal('counsel.give'),
    topics: z
      .array(z.enum(COUNSEL_TOPICS))
      .min(1)
      .max(COUNSEL_TOPICS.length)
      .refine((t) => new Set(t).size === t.length, 'each topic once'),
  }),
  z.strictObject({ type: z.literal('discharge.decide'), decision: z.enum(['same-day', 'overnight']) }),
  z.strictObject({ type: z.literal('neuro.examine') }),
  z.strictObject({ type: z.literal('imaging.ct') }),
  z.strictObject({ type: z.literal('patient.surgicalOpinion') }),
  z.strictObject({ type: z.literal('antibiotic.choose'), drug: z.enum(PROPHYLACTIC_ANTIBIOTICS) }),
  z.strictObject({
    type: z.literal('patient.adrenaline'),
    mg: finite(ADRENALINE_DOSE_MG.min, ADRENALINE_DOSE_MG.max),
  }),
  z.strictObject({ type: z.literal('site.compress'), min: finite(SITE_COMPRESSION_MIN.min, SITE_COMPRESSION_MIN.max) }),
]);

// Compile-time check that the schema and the Command type describe the same thing.
type SchemaCommand = z.infer<typeof commandSchema>;
const sameShape = <A, B>(_: A extends B ? (B extends A ? true : false) : false) => _;
sameShape<SchemaCommand, Command>(true);

/** Validate one command; returns a readable error naming the field, or the command. */
export function checkCommand(data: unknown): { ok: true; command: Command } | { ok: false; error: string } {
  const r = commandSchema.safeParse(data);
  if (r.success) return { ok: true, command: r.data };
  const i = r.error.issues[0];
  return { ok: false, error: `${i.path.length ? i.path.join('.') : 'command'}: ${i.message}` };
}
