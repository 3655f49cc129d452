import type { Anatomy } from '../anatomy/types';
import type { CommandType, ExchangeStep } from '../core/commands';
import type { TimedEvent } from '../core/events';
import type { CArmView } from '../imaging/carmView';
import type { DoseView } from '../imaging/doseView';
import type { SkinMarkView } from '../imaging/levelMark';
import type { BalloonView } from '../instruments/balloonView';
import type { CementView } from '../instruments/cementView';
import type { HeightView } from '../instruments/heightView';
import type { TrocarView } from '../instruments/trocarView';
import type { PatientView } from '../patient/patientView';
import type { LevelView } from './levelView';

/**
 * The plain, immutable view model of the simulation at one tick. The Pixi renderer draws it;
 * React panels select from it; scoring reads the final one. Nothing in it is live.
 * Each model owns its view type; this file only composes them.
 */
export interface SimSnapshot {
  readonly tick: number;
  readonly timeS: number;
  readonly seed: number;
  /** The machine's phase, e.g. 'access', and its full state value as a dotted path. */
  readonly phase: string;
  readonly stateValue: string;
  /** Command types the machine accepts right now (for panels and the help overlay). */
  readonly allowed: readonly CommandType[];
  /** The instrument-exchange step the machine waits for (working channel), or null. */
  readonly nextExchangeStep: ExchangeStep | null;
  readonly checklist: Readonly<Record<string, boolean>>;
  readonly anatomy: Anatomy;
  /**
   * The anatomy as the instruments of the level being treated see it (sim/anatomy/treatedAnatomy.ts):
   * `anatomy` itself until a second level is started. Images and the C-arm keep `anatomy`.
   */
  readonly treatedAnatomy: Anatomy;
  /** Levels treated so far when the procedure treats more than one (the last is the current); empty otherwise. */
  readonly levels: readonly LevelView[];
  readonly carm: CArmView;
  readonly dose: DoseView;
  /** The radiopaque skin mark over the level to treat, or null before level.mark. */
  readonly skinMark: SkinMarkView | null;
  /** The trocar / cannula in use (the active side), or null before a skin entry is chosen. */
  readonly trocar: TrocarView | null;
  /** Every trocar of the attempt, one per pedicle used (both sides when bipedicular), of every level treated. */
  readonly trocars: readonly TrocarView[];
  readonly balloon: BalloonView | null;
  /** The cement of the level being treated (both sides merged); its deposits hold every level's cement, as the images show. */
  readonly cement: CementView;
  /** The height of the level being treated. */
  readonly height: HeightView;
  /** The patient's vital signs, pain, sedation, drugs and alarms (sim/patient/). */
  readonly patient: PatientView;
  readonly events: readonly TimedEvent[];
  readonly finished: boolean;
}
