import type { View } from './commands';

/** Walls a trocar can breach (issue 4 adds endplate and pleura classification in depth). */
export type BreachWall = 'medial' | 'lateral' | 'superior' | 'inferior' | 'anterior' | 'endplate';
export type LeakLocation = 'epidural' | 'foraminal' | 'venous' | 'intradiscal' | 'paravertebral' | 'tract';
export type CementPhase = 'unmixed' | 'liquid' | 'sticky' | 'working' | 'setting' | 'set';

/**
 * Domain events: facts the world reports after a step. They are sent to the procedure machine
 * (which never reads the world) and kept, with their tick, for scoring and the debrief.
 */
export type DomainEvent =
  | { type: 'image.acquired'; view: View }
  | { type: 'carm.moved'; view: View }
  /** The trainee stored the image of this view (fluoro.store) for the debrief. */
  | { type: 'image.stored'; view: View }
  | { type: 'needle.skinPunctured' }
  | { type: 'needle.docked' }
  | { type: 'needle.inPedicle' }
  | { type: 'needle.pastPosteriorWall' }
  | { type: 'needle.inTargetZone' }
  | { type: 'needle.breach'; wall: BreachWall; depthMm: number }
  | { type: 'needle.safetyRuleViolated' }
  | { type: 'handInBeam'; view: View }
  | { type: 'channel.ready' }
  | { type: 'balloon.endplateContact' }
  | { type: 'balloon.pressureLimit'; pressurePsi: number }
  | { type: 'balloon.ruptured'; pressurePsi: number }
  /** Balloon volume went from zero to positive / back to zero. */
  | { type: 'balloon.inflated' }
  | { type: 'balloon.deflated' }
  | { type: 'cement.phaseChanged'; phase: CementPhase }
  | { type: 'cement.leak'; location: LeakLocation; volumeMl: number }
  /** The first cement reached the vertebral body. */
  | { type: 'cement.delivered' }
  | { type: 'cement.set' }
  | { type: 'cannula.stuck' };

export type DomainEventType = DomainEvent['type'];

/** A domain event with the tick it happened on. */
export interface TimedEvent {
  readonly tick: number;
  readonly event: DomainEvent;
}
