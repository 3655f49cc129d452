import type { Command, CommandType, Side } from '../../../sim/core';
import type { SimSnapshot } from '../../../sim/session';

/** Groups of actions, in the order the help overlay and the action bar list them (their words: actionLabels.ts). */
export type ActionGroup = 'general' | 'checklist' | 'positioning' | 'carm' | 'access' | 'balloon' | 'cement' | 'finish';

/**
 * The skin entry the trainee is choosing: UI state until it is sent with needle.entry.
 * Offsets are from the scenario's default entry point, mm (lateral positive, cranial positive).
 */
export interface EntryDraft {
  readonly side: Side;
  readonly lateralMm: number;
  readonly cranialMm: number;
}

/** What an action sees when it runs: the latest snapshot and the UI-side drafts. */
export interface ActionContext {
  readonly snapshot: SimSnapshot;
  readonly entry: EntryDraft;
}

/** Effects that stay in the UI (never reach the simulation). */
export type UiEffect = 'help' | 'settings' | 'invert' | 'speed' | 'decline' | 'measure' | 'counsel' | 'leave';

/** What running an action asks for: a command to dispatch, a new entry draft, a UI effect, or a note. */
export interface ActionOutcome {
  readonly command?: Command;
  readonly entry?: EntryDraft;
  readonly ui?: UiEffect;
  /** Shown in the status line when nothing is dispatched (e.g. "set the skin entry first"). */
  readonly message?: string;
}

/** One entry of the keymap: every keyboard shortcut, help line and action-bar button comes from these. */
export interface KeyAction {
  readonly id: string;
  /** Its words, from actionLabels.ts by its id. */
  readonly label: string;
  readonly group: ActionGroup;
  /** Key combos (see keyCombo.ts). Empty for the pedal, whose key comes from the settings. */
  readonly keys: readonly string[];
  /** The command type it produces; its button is enabled only while the machine allows it. */
  readonly commandType?: CommandType;
  /** Held actions (the fluoro pedal) act on key down and key up instead of running once. */
  readonly held?: boolean;
  /** Not shown on the action bar (e.g. checklist ticks, which the checklist panel offers). */
  readonly hiddenFromBar?: boolean;
  /** The button's words now, when they depend on the state (e.g. which exchange step comes next); the help overlay keeps `label`. */
  readonly barLabel?: (snapshot: SimSnapshot) => string;
  readonly perform: (ctx: ActionContext) => ActionOutcome;
}
