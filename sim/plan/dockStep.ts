import { z } from 'zod';
import type { Command } from '../core/commands';
import type { Session } from '../session/sessionTypes';

/**
 * The plan step that docks the trocar on the pedicle as an operator does, hand push by hand push,
 * and redirects when the needle lands on the wrong bone. At thoracic levels a trocar aimed a little
 * off meets the transverse process, the rib head or the facet before the pedicle: the hand push
 * stalls on cortex (`needle.stalled`) without the trocar docking (`needle.docked` comes with a stall
 * at the pedicle's own entry, sim/physics/README.md). Pushing harder there only drives it further
 * off; the operator pulls back a few millimetres, takes an AP image to see where the tip sits
 * against the pedicle's oval, re-aims at the pedicle's entry and pushes again (docs/clinical-sources.md,
 * Technique: thoracic access).
 *
 * `{"dock": {"mm": 5, "everyS": 1, "max": 40}}` pushes like
 * `{"repeat": {"type": "needle.advance", "mm": 5}, "everyS": 1, "until": {"event": "needle.docked"}, "max": 40}`
 * and dispatches exactly the same commands at the same ticks as long as no push stalls off the
 * pedicle; `redirects` (default 2) bounds the withdraw-look-re-aim rounds, `withdrawMm` (default 5)
 * is how far each pulls back.
 */
export const dockStepSchema = z.strictObject({
  dock: z.strictObject({
    /** Length of each hand push, mm. */
    mm: z.number().positive().max(20),
    /** Seconds from one push to the next. */
    everyS: z.number().positive().max(10),
    /** Most pushes (redirects not counted) before the plan gives up. */
    max: z.number().int().positive().max(200),
    /** Most withdraw-look-re-aim rounds after a push stalled off the pedicle (default 2). */
    redirects: z.number().int().min(0).max(5).optional(),
    /** How far each round pulls the trocar back, mm (default 5). */
    withdrawMm: z.number().positive().max(20).optional(),
    /**
     * After docking, judge the course on the AP look: when the needle's line would stray to the
     * pedicle's margin before the body (pedicleCourse.ts), withdraw, re-aim from the skin entry along
     * the course through the pedicle's core to the anterior third, and dock again (a round counted against `redirects`). Default false: a novice pushes on as docked.
     */
    recentre: z.boolean().optional(),
  }),
});
export type DockStep = z.infer<typeof dockStepSchema>;

/** What the step needs of the plan runner. */
export interface DockHands {
  /** Dispatch a command; throws (ending the plan) when it is refused. */
  readonly send: (command: Command) => void;
  readonly shot: (view: 'AP' | 'lateral', seconds: number) => void;
  /** Re-aim from the skin entry at the pedicle's textbook bone entry (its upper-outer quadrant). */
  readonly aimAtPedicle: () => void;
  /** Re-aim from the skin entry along the course that passes the pedicle most centrally to the target. */
  readonly aimOnCourse: () => void;
  /** Whether the trocar has docked in the current phase (the repeat step's until). */
  readonly docked: () => boolean;
  /** Whether the needle's present line leaves the pedicle's cancellous core before the body (pedicleCourse.ts). */
  readonly offCourse: () => boolean;
  /** Whether the tip is in bone (a push along a re-aimed course may enter it without stalling). */
  readonly tipInBone: () => boolean;
}

const DEFAULT_REDIRECTS = 2;
const DEFAULT_WITHDRAW_MM = 5;
/**
 * Time the hand takes to pull back, s: withdrawal runs at 10 mm/s out of bone (sim/physics/README.md),
 * so 1 s covers the default 5 mm with the hand still; the AP look follows once the needle is at rest.
 */
const WITHDRAW_PAUSE_S = 1;
/** The look after pulling back: one short AP image, as after docking. */
const LOOK_S = 1;

/** How the step ended: docked, or why not (the runner turns it into the plan's stop). */
export type DockOutcome = { readonly docked: true } | { readonly docked: false; readonly reason: string };

/** Whether a hand push stalled on bone since this tick (the trocar not having docked: checked first). */
function stalledSince(session: Session, tick: number): boolean {
  return session.snapshot().events.some((e) => e.tick >= tick && e.event.type === 'needle.stalled');
}

/**
 * Push to the pedicle; on a stall off it, withdraw, look on AP and re-aim, at most `redirects` times.
 * With `recentre`, a docking whose course would leave the pedicle's core is a reason to redirect as
 * well: the hand then pushes until it stalls on bone again or its tip is in bone (the trocar
 * reports docking once per pass, and the cortex the first docking dented may not stop the hand a
 * second time), and the course is judged afresh.
 */
export function runDock(session: Session, step: DockStep, hands: DockHands): DockOutcome {
  const { mm, everyS, max } = step.dock;
  const redirects = step.dock.redirects ?? DEFAULT_REDIRECTS;
  const withdrawMm = step.dock.withdrawMm ?? DEFAULT_WITHDRAW_MM;
  const recentre = step.dock.recentre ?? false;
  let aimedAt = session.snapshot().tick;
  let rounds = 0;
  let recentred = false;
  const redirect = (onCourse: boolean): void => {
    hands.send({ type: 'needle.advance', mm: -withdrawMm });
    session.advance(WITHDRAW_PAUSE_S);
    hands.shot('AP', LOOK_S);
    if (onCourse) hands.aimOnCourse();
    else hands.aimAtPedicle();
    aimedAt = session.snapshot().tick;
    rounds++;
  };
  for (let n = 0; n < max; n++) {
    const docked = recentred ? stalledSince(session, aimedAt) || hands.tipInBone() : hands.docked();
    if (docked) {
      if (!recentre || rounds >= redirects || !hands.offCourse()) return { docked: true };
      redirect(true);
      recentred = true;
    } else if (stalledSince(session, aimedAt)) {
      if (rounds >= redirects)
        return { docked: false, reason: `the hand push stalled off the pedicle after ${rounds} redirection(s)` };
      redirect(false);
    }
    hands.send({ type: 'needle.advance', mm });
    session.advance(everyS);
  }
  if (recentred ? stalledSince(session, aimedAt) || hands.tipInBone() : hands.docked()) return { docked: true };
  return { docked: false, reason: `{"event":"needle.docked"} not reached after ${max} hand pushes` };
}
