import type { ChecklistItem, Command, CommandOf, CommandType, ExchangeStep, Side, View } from '../core/commands';
import type { DomainEvent } from '../core/events';
import type { TrainingMode } from '../core/trainingMode';

/** What the scenario and the session tell the machine when it starts. */
export interface ProcedureInput {
  readonly procedure: 'kyphoplasty' | 'vertebroplasty';
  readonly approach: 'unipedicular' | 'bipedicular';
  readonly carm: 'single-plane' | 'biplane';
  readonly mode: TrainingMode;
  /** How many levels the procedure treats, one after the other (2 with scenario.secondLevel); absent: 1. */
  readonly levels?: 1 | 2;
}

/**
 * Small discrete facts only; the world owns every number. Facts that *are* the phase structure
 * (needle past the posterior wall, channel ready, balloon inflated or ruptured, cement mixed, leak
 * unanswered) live in substates instead, so the machine's transitions and the statechart graph see them directly.
 */
export interface ProcedureContext extends ProcedureInput {
  readonly checklist: Readonly<Record<ChecklistItem, boolean>>;
  readonly patientProne: boolean;
  /** Views acquired since entering the current imaging phase (C-arm set-up, final images). */
  readonly imagesThisPhase: Readonly<Record<View, boolean>>;
  /** Which pedicle is being worked: 0, then 1 for the second side of a bipedicular approach. */
  readonly sideIndex: 0 | 1;
  /** The pedicle chosen for the first side, so that the second side uses the other one. */
  readonly firstPedicle: Side | null;
  /** The world reported cement in the vertebral body on the current side. */
  readonly cementDelivered: boolean;
  /** The pedicle balloon and cement commands act on (set by needle.entry and side.select), as in the world. */
  readonly activeSide: Side | null;
  /**
   * Bipedicular kyphoplasty only: where each side's balloon is (commands move it, so the side is
   * known), and how many balloons hold contrast (balloon.inflated / balloon.deflated do not say
   * which balloon, but they come in pairs per balloon, so the count is exact).
   */
  readonly balloons: Readonly<Record<Side, BalloonStage>>;
  readonly balloonsInflated: 0 | 1 | 2;
  /** Bipedicular kyphoplasty: the side cemented first, once the trainee turned to the other one. */
  readonly cementFirstSide: Side | null;
  /** The skin mark (level.mark): none yet, over the fractured vertebra, or over another (the world says which: level.marked). */
  readonly mark: SkinMark;
  /** The level being treated: 0, then 1 once `level.next` closed the first of two. */
  readonly levelIndex: 0 | 1;
}

/** Where the skin mark is, as the world reported it. */
export type SkinMark = 'none' | 'overFracture' | 'elsewhere';

/** A balloon of a bipedicular kyphoplasty: not yet in, in the body, or taken out. */
export type BalloonStage = 'out' | 'in' | 'removed';

/** Everything the machine hears: the trainee's commands and the world's facts. */
export type ProcedureEvent = Command | DomainEvent;

/**
 * A sentence saying why a command is refused: fixed, or built from the machine's context and the
 * refused command. A function may answer undefined: nothing to say here, the parent state speaks.
 */
export type Refusal<T extends CommandType = CommandType> =
  | string
  | ((args: { readonly context: ProcedureContext; readonly event: CommandOf<T> }) => string | undefined);

/** Refusal sentences by command type. */
export type Refusals = { readonly [T in CommandType]?: Refusal<T> };

/** What a state node of the procedure machine says about itself (README.md: how the rules are read). */
export type ProcedureStateMeta = {
  /** Why this state refuses a command it does not handle, or whose failing guard has no sentence of its own. */
  readonly refuses?: Refusals;
  /** The machine's root only: what this kind of procedure never allows, read before any state's refusals. */
  readonly neverAllows?: Refusals;
  /** A working-channel substate: the instrument-exchange step it waits for. */
  readonly exchangeStep?: ExchangeStep;
};
