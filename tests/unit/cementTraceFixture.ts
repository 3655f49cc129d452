import type { TraceSample } from '../../sim/attempt/attemptTrace';

/**
 * One trace sample of an attempt built by hand for the debrief's plot tests: the cement in its
 * working phase, `injected` mL pushed of which `leaked` mL went outside the body, no syringe
 * pressure and no balloon in the patient.
 */
export function cementSample(tick: number, injected: number, leaked: number): TraceSample {
  return {
    tick,
    timeS: tick / 60,
    cementPhase: 'working',
    cementInjectedMl: injected,
    cementInBodyMl: injected - leaked,
    cementLeakedMl: leaked,
    syringePressureKPa: 0,
    balloon: null,
  };
}
