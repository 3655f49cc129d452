import type { ExchangeStep } from '../core/commands';

/**
 * What is in the patient along one access track. Kyphoplasty (Kyphon-style set, assumed from the
 * device technique guides): an 11 or 13 G access needle with its stylet reaches bone; the stylet
 * comes out, a guide pin goes down the needle, the needle comes out over the pin, the
 * osteo-introducer (working cannula with a blunt stylet) slides over the pin to the needle's
 * depth, and the pin comes out with the introducer's stylet, leaving an open cannula for the hand
 * drill, the balloon and the cement. Vertebroplasty: a bevelled bone-biopsy needle is driven to
 * the target; once its stylet is out, its lumen is the cement channel.
 */
export interface AccessInstruments {
  /** The needle that made the track: Jamshidi-type access needle (kyphoplasty) or bone-biopsy needle (vertebroplasty). */
  readonly needle: 'access' | 'biopsy';
  readonly needleIn: boolean;
  readonly styletIn: boolean;
  readonly guidePinIn: boolean;
  /** The osteo-introducer's working cannula is in place. */
  readonly cannulaIn: boolean;
}

/** The instruments at the start of a track. */
export function freshAccessInstruments(procedure: 'kyphoplasty' | 'vertebroplasty'): AccessInstruments {
  return {
    needle: procedure === 'kyphoplasty' ? 'access' : 'biopsy',
    needleIn: true,
    styletIn: true,
    guidePinIn: false,
    cannulaIn: false,
  };
}

/**
 * Apply one exchange step, or say (null) that it is out of order for this state. The procedure
 * machine refuses out-of-order steps before they get here; this keeps the world consistent on its own.
 */
export function exchanged(s: AccessInstruments, step: ExchangeStep): AccessInstruments | null {
  switch (step) {
    case 'stylet.remove':
      return s.needleIn && s.styletIn && !s.guidePinIn ? { ...s, styletIn: false } : null;
    case 'guidePin.insert':
      return s.needle === 'access' && s.needleIn && !s.styletIn && !s.guidePinIn ? { ...s, guidePinIn: true } : null;
    case 'needle.remove':
      return s.needleIn && s.guidePinIn ? { ...s, needleIn: false } : null;
    case 'introducer.insert':
      return !s.needleIn && s.guidePinIn && !s.cannulaIn ? { ...s, cannulaIn: true } : null;
    case 'guidePin.remove':
      return s.cannulaIn && s.guidePinIn ? { ...s, guidePinIn: false } : null;
  }
}

/** An open channel into the body: the introducer's cannula with the pin out, or a biopsy needle with its stylet out. */
export function channelOpen(s: AccessInstruments): boolean {
  return (s.cannulaIn && !s.guidePinIn) || (s.needle === 'biopsy' && s.needleIn && !s.styletIn);
}
