import { z } from 'zod';
import type { Command } from '../core/commands';
import { MAX_PAN_MM } from '../core/bounds';
import type { Session } from '../session/sessionTypes';
import { lowestMobileLevel, lowestRibLevel, spineSegments, type SpineSegment } from '../anatomy/segmentation';
import { FULL_ORDER } from '../anatomy/levelPositions';
import { segmentationOf } from '../anatomy/segmentation';

/**
 * The plan step that finds the level and marks the skin, as an operator does on the table
 * (docs/clinical-sources.md, Level localisation): pan to a landmark, image it, count the vertebrae
 * up or down to the fracture on AP images, centre it and mark the skin.
 *
 * - sacrum: the operator takes the first mobile segment above the sacrum for L5;
 * - lowestRib: the vertebra of the lowest rib for T12;
 * - both: counts both ways; when they disagree, takes the count that matches the whole-spine report
 *   (counted from C2, the case review's finding), which names the true level.
 * A count from one landmark assumes the usual anatomy, so it marks the wrong vertebra in a patient
 * whose landmark is transitional: the novice's error the sim must allow.
 */
export const localiseStepSchema = z.strictObject({ localise: z.enum(['sacrum', 'lowestRib', 'both']) });
export type LocaliseStep = z.infer<typeof localiseStepSchema>;

/** What the step needs of the plan runner: send a command (failing the plan if refused) and take one shot. */
export interface LocaliseHands {
  readonly send: (command: Command) => void;
  readonly shot: (view: 'AP' | 'lateral', seconds: number) => void;
}

/** Length of each AP shot while counting, s (one short look per field). */
const SHOT_S = 0.5;
/** How far one pan moves while counting, mm: less than the field at the isocentre (~138 mm) so the fields overlap. */
const COUNT_STEP_MM = 100;
/** The pan command's largest single move, mm (commandSchema's bound). */
const MAX_PAN_COMMAND_MM = MAX_PAN_MM;

/** Count from a landmark and mark; returns the level the operator believes they marked. */
export function runLocalise(session: Session, step: LocaliseStep, hands: LocaliseHands): void {
  const snap = session.snapshot();
  const anatomy = snap.anatomy;
  const segments = spineSegments(anatomy);
  const variant = segmentationOf(anatomy);
  // The pan is measured from the first level's centre (the frame's); the level to find is the one being treated.
  const targetY = anatomy.vertebrae[anatomy.targetIndex].centre.y;
  const treated = snap.treatedAnatomy;
  const target = treated.vertebrae[treated.targetIndex].level;
  const fromSacrum = (): SpineSegment => countFrom(segments, lowestMobileLevel(variant), 'L5', target);
  const fromRib = (): SpineSegment => countFrom(segments, lowestRibLevel(variant), 'T12', target);

  const look = (segment: SpineSegment): void => {
    panTo(session, hands, segment.centreY - targetY);
    hands.shot('AP', SHOT_S);
  };
  // Image the landmark, then count towards the fracture one field at a time (each field imaged).
  const count = (landmark: string, result: SpineSegment): SpineSegment => {
    const from = segments.find((s) => s.level === landmark) ?? result;
    look(from);
    const dir = Math.sign(result.centreY - from.centreY);
    for (
      let y = from.centreY + dir * COUNT_STEP_MM;
      dir !== 0 && (y - result.centreY) * dir < 0;
      y += dir * COUNT_STEP_MM
    ) {
      panTo(session, hands, y - targetY);
      hands.shot('AP', SHOT_S);
    }
    return result;
  };

  let chosen: SpineSegment;
  if (step.localise === 'sacrum') chosen = count(lowestMobileLevel(variant), fromSacrum());
  else if (step.localise === 'lowestRib') chosen = count(lowestRibLevel(variant), fromRib());
  else {
    const a = count(lowestMobileLevel(variant), fromSacrum());
    const b = count(lowestRibLevel(variant), fromRib());
    // Disagreement: the whole-spine report counted from C2 settles it (it names the true level).
    chosen = a.level === b.level ? a : (segments.find((s) => s.level === target) ?? a);
  }
  look(chosen);
  hands.send({ type: 'level.mark' });
}

/**
 * The vertebra an operator reaches by calling `landmark` by the name `believed` and counting to
 * the target's name: as many segments from the landmark as the usual anatomy has between them.
 */
function countFrom(
  segments: readonly SpineSegment[],
  landmark: string,
  believed: string,
  target: string,
): SpineSegment {
  const steps = FULL_ORDER.indexOf(target) - FULL_ORDER.indexOf(believed);
  const i = segments.findIndex((s) => s.level === landmark) + steps;
  return segments[Math.max(0, Math.min(segments.length - 1, i))];
}

/** Pan so the image centre sits panMm above the target's centre (in moves the command allows). */
function panTo(session: Session, hands: LocaliseHands, panMm: number): void {
  for (let n = 0; n < 8; n++) {
    const d = panMm - (session.snapshot().carm.panMm ?? 0);
    if (Math.abs(d) < 0.01) return;
    hands.send({ type: 'carm.pan', dCranialMm: Math.max(-MAX_PAN_COMMAND_MM, Math.min(MAX_PAN_COMMAND_MM, d)) });
  }
}
