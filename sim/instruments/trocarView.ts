import type { Tissue } from '../anatomy/types';
import type { Side } from '../core/commands';
import type { BreachWall } from '../core/events';
import type { Vec3 } from '../math/vec3';
import type { AccessInstruments } from './accessInstruments';

/** A breach of a cortical wall: which wall and how deep the tip went past it. */
export interface Breach {
  readonly wall: BreachWall;
  readonly depthMm: number;
  readonly tick: number;
  /** Where the tip first left bone through this wall: the hole cement can later follow. */
  readonly position: Vec3;
}

/** One trocar or cannula as the snapshot shows it (sim/instruments/trocar.ts). */
export interface TrocarView {
  readonly side: Side;
  readonly gauge: number;
  readonly entry: Vec3;
  readonly direction: Vec3;
  readonly medialDeg: number;
  readonly caudalDeg: number;
  readonly tip: Vec3;
  readonly depthMm: number;
  readonly tissueAtTip: Tissue;
  /** Furthest milestone reached. */
  readonly milestone: 'outside' | 'skin' | 'docked' | 'pedicle' | 'body' | 'target';
  /** What is in the patient along this track (sim/instruments/accessInstruments.ts). */
  readonly instruments: AccessInstruments;
  /** The trocar has been exchanged for a working cannula (the osteo-introducer). */
  readonly cannula: boolean;
  /** Drilled channel ahead of the tip (length mm, 0 if none). */
  readonly channelMm: number;
  readonly breaches: readonly Breach[];
  readonly safetyRuleViolated: boolean;
  /** Times the tip slid along cortex met at a glancing angle, and the total slide, mm. */
  readonly skives: number;
  readonly skivedMm: number;
  /** Mallet taps on this track. */
  readonly taps: number;
  /** The tip went past the pedicle without entering it (null if it entered, or has not got there). */
  readonly missedPedicle: 'medial' | 'lateral' | 'superior' | 'inferior' | null;
  /** Number of times the trainee pulled back and re-aimed inside bone. */
  readonly redirections: number;
  /** Taken out at instrument removal: the record stays, the steel is gone from the images. */
  readonly removed: boolean;
}
