import type { ChecklistItem, Side } from '../../sim/core';
import type { SimSnapshot } from '../../sim/session';
import { idealTrajectory } from '../../sim/anatomy';
import { CASE_REVIEW_ITEMS, PRE_OP_ITEMS } from '../../sim/procedure';
import { INFLATE_FINE_STEP_ML, INFLATE_STEP_ML, keyLabel } from './input/keymap';
import { CHECKLIST_LABELS } from '../ui/labels';
import { EXCHANGE_LABELS } from '../../sim/procedure';
import { fixed } from '../ui/format';
import { shows } from './examVisibility';
import type { TrainingMode } from '../../sim/core';

function remaining(snapshot: SimSnapshot, items: readonly ChecklistItem[]): string {
  const left = items.filter((i) => !snapshot.checklist[i]).map((i) => CHECKLIST_LABELS[i]);
  return left.length ? `Still to do: ${left.join(', ')}.` : 'Checklist complete: Enter to continue.';
}

/** A hint: its sentence, and for the access phases the ideal angles (also exposed as data-* attributes). */
export interface PracticeHint {
  readonly text: string;
  readonly ideal?: { readonly medialDeg: number; readonly caudalDeg: number; readonly depthMm: number };
}

function trajectoryHint(snapshot: SimSnapshot, side: Side): PracticeHint {
  const ideal = idealTrajectory(snapshot.treatedAnatomy, side);
  const angles = { medialDeg: ideal.medialDeg, caudalDeg: ideal.caudalDeg, depthMm: ideal.depthMm };
  const t = snapshot.trocar;
  const head = `Ideal ${side} trajectory: medial ${fixed(ideal.medialDeg)}°, caudal ${fixed(ideal.caudalDeg)}°, about ${Math.round(ideal.depthMm)} mm to the target.`;
  if (!t)
    return {
      text: `${head} Skin entry about 5 mm above and lateral to the pedicle's upper outer corner (click it on the AP image).`,
      ideal: angles,
    };
  const step = snapshot.nextExchangeStep;
  // Once lateral shows the tip past the posterior wall the medial-wall rule has done its work: the
  // working channel's hint then says what the step is worked with (the exchange, the drill).
  const pastWall = t.milestone === 'body' || t.milestone === 'target';
  const channelReady = snapshot.events.some((e) => e.event.type === 'channel.ready');
  const next = step
    ? ` Exchange (${keyLabel('instrument.exchange')}), next: ${EXCHANGE_LABELS[step]}.`
    : t.milestone === 'skin' || t.milestone === 'outside'
      ? ` Push by hand (${keyLabel('needle.advance10')}) through soft tissue; on bone the push stalls: tap with the mallet (${keyLabel('needle.tap')}).`
      : snapshot.phase === 'workingChannel' && channelReady
        ? ` The channel reaches the anterior third: next step (${keyLabel('phase.next')}).`
        : snapshot.phase === 'workingChannel' && snapshot.allowed.includes('channel.drill')
          ? ` Drill the channel through the cannula to the anterior third under lateral fluoroscopy: ${keyLabel('channel.drill10')} 10 mm, ${keyLabel('channel.drill20')} 20 mm.`
          : '';
  const rule = pastWall
    ? ' The tip is past the posterior wall.'
    : ' Keep the tip lateral to the medial wall on AP until lateral shows it past the posterior wall.';
  return {
    ideal: angles,
    text: `${head} Now: medial ${fixed(t.medialDeg)}°, caudal ${fixed(t.caudalDeg)}°, depth ${Math.round(t.depthMm)} mm.${rule}${next}`,
  };
}

/** The balloon step by step: insert, inflate in increments under lateral images, stop on the textbook signs, deflate, remove. */
function balloonHint(snapshot: SimSnapshot): string {
  const b = snapshot.balloon;
  const h = snapshot.height;
  const lost = h.intactMm - h.preOpAnteriorMm;
  const regained = lost > 0 ? ((h.anteriorMm - h.preOpAnteriorMm) / lost) * 100 : 0;
  if (b?.device === 'meshContainer')
    return b.inserted
      ? `Mesh container deployed: withdraw its pusher (${keyLabel('balloon.remove')}); the cement stage fills it, and it holds the cement until it is full.`
      : `Deploy the folded mesh container at the end of the channel (${keyLabel('balloon.insert')}) and check it on a lateral image.`;
  if (b?.device === 'ballTamp') {
    if (!b.inserted)
      return b.cavityMl > 0 && (b.peakVolumeMl ?? 0) > 0
        ? `Ball tamp out: the cavity is ready for cement (${keyLabel('phase.next')}).`
        : `Insert the ball tamp through the cannula (${keyLabel('balloon.insert')}) and check it on a lateral image.`;
    if (b.volumeMl <= 0 && (b.peakVolumeMl ?? 0) > 0)
      return `Ball tamp closed: remove it (${keyLabel('balloon.remove')}).`;
    return `Open the ball tamp in steps (${keyLabel('balloon.inflate')}) under lateral images to its full ${b.lengthMm} mm sphere (no manometer: it is a screw), then close it (${keyLabel('balloon.deflate')}). Anterior height regained: ${Math.round(regained)} %.`;
  }
  if (!b?.inserted) {
    return b && b.trace.length > 1
      ? `Balloon out: the cavity is ready for cement (${keyLabel('phase.next')}).`
      : `Insert the balloon through the cannula (${keyLabel('balloon.insert')}) and check its markers on a lateral image.`;
  }
  if (b.ruptured)
    return `Balloon ruptured: stop, deflate (${keyLabel('balloon.deflate')}) and remove it (${keyLabel('balloon.remove')}).`;
  if (b.volumeMl <= 0 && b.trace.length > 1) return `Balloon deflated: remove it (${keyLabel('balloon.remove')}).`;
  const steps = `Inflate ${INFLATE_STEP_ML} mL (${keyLabel('balloon.inflate')}) or ${INFLATE_FINE_STEP_ML} mL (${keyLabel('balloon.inflateFine')}), hold (${keyLabel('balloon.hold')}) and watch the manometer`;
  const stop = b.endplateContact
    ? ` The balloon is against the endplate: stop and deflate (${keyLabel('balloon.deflate')}).`
    : ' Stop at endplate contact, height restored, the lateral or anterior cortex, pressure climbing without volume, or the maximum volume.';
  return `${steps}; usual working pressure 120-220 psi.${stop} Anterior height regained: ${Math.round(regained)} %.`;
}

function cementHint(snapshot: SimSnapshot): string {
  switch (snapshot.cement.phase) {
    case 'unmixed':
      return `Mix the cement (${keyLabel('cement.mix')}); its clock starts now.`;
    case 'liquid':
    case 'sticky':
      return `Cement still runny: low viscosity leaks. Wait (${keyLabel('time.wait30')}) for the working (doughy) phase; a tack test (${keyLabel('cement.tackTest')}) tells when it stops sticking to the glove.`;
    case 'working':
      return `Working phase: inject in small increments (${keyLabel('cement.inject05')}) under lateral fluoroscopy; stop (${keyLabel('cement.stop')}) at the first leak; load the next device (${keyLabel('cement.load')}) when one is empty. 4-5 mL is typical.`;
    case 'setting':
      return `Cement setting: stop injecting and take the instruments out (${keyLabel('instruments.remove')}) before it hardens around the cannula.`;
    case 'set':
      return `Cement set: the cannula may be held by it. Remove the instruments (${keyLabel('instruments.remove')}).`;
  }
}

/**
 * A practice-mode hint for the current phase (docs/clinical-sources.md, Technique / Balloon / Cement).
 * Exam mode never calls this.
 */
export function practiceHint(snapshot: SimSnapshot, side: Side): PracticeHint | null {
  if (snapshot.phase === 'access' || snapshot.phase === 'workingChannel')
    return trajectoryHint(snapshot, snapshot.trocar?.side ?? side);
  const text = phaseText(snapshot);
  return text ? { text } : null;
}

/**
 * The hint the phase header shows in this mode: none in an exam (examVisibility.ts). Hints are
 * best-effort: one that cannot be computed is left out, never fatal.
 */
export function shownHint(mode: TrainingMode, snapshot: SimSnapshot, side: Side): PracticeHint | null {
  if (!shows(mode, 'phaseHeader.hint')) return null;
  try {
    return practiceHint(snapshot, side);
  } catch {
    return null;
  }
}

/** Level localisation: count from the sacrum and from the lowest rib, centre the fracture, mark the skin. */
function countHint(snapshot: SimSnapshot): string {
  const mark = snapshot.skinMark
    ? `Skin marked over ${snapshot.skinMark.level}.`
    : `Then mark the skin (${keyLabel('level.mark')}).`;
  return `Count the level on AP images: down the spine to the sacrum (${keyLabel('carm.panCaudalFar')}) and up to the lowest rib (${keyLabel('carm.panCranialFar')}); centre the fractured vertebra (${keyLabel('carm.panCranial')} / ${keyLabel('carm.panCaudal')}). ${mark}`;
}

function phaseText(snapshot: SimSnapshot): string | null {
  switch (snapshot.phase) {
    case 'caseReview':
      // Candidacy is a judgement, not a box: the hint names the other answer too, never which one is right.
      return `${remaining(snapshot, CASE_REVIEW_ITEMS)} Not a candidate? Decline instead (${keyLabel('case.decline')}) and say why.`;
    case 'preOp':
      return remaining(snapshot, PRE_OP_ITEMS);
    case 'positioning':
      return `Kyphoplasty is done prone (${keyLabel('patient.prone')}).`;
    case 'cArmSetup':
      return `${countHint(snapshot)} True AP: spinous process centred between symmetric pedicles, endplates as single lines; true lateral: one posterior wall. C-arm offset: orbit ${fixed(snapshot.carm.orbitDeg)}°, tilt ${fixed(snapshot.carm.tiltDeg)}°.`;
    case 'balloon':
      return balloonHint(snapshot);
    case 'cement':
      return cementHint(snapshot);
    case 'instrumentRemoval':
      return snapshot.cement.phase === 'liquid' || snapshot.cement.phase === 'sticky'
        ? `Cement still runny: it may trail along the tract. Wait (${keyLabel('time.wait30')}) a little before removing the cannula.`
        : `Remove the instruments (${keyLabel('instruments.remove')}) before the cement hardens around the cannula.`;
    case 'finalImages':
      return 'Take a final AP and a final lateral image to document the fill and any leak.';
    case 'recovery':
      return `Examine the legs (${keyLabel('neuro.examine')}), observe for an hour (${keyLabel('recovery.observe10')} is 10 min), counsel (${keyLabel('recovery.counsel')}), then decide: most go home the same day (${keyLabel('discharge.sameDay')}); keep overnight (${keyLabel('discharge.overnight')}) after a complication, two levels or in poor general health (ASA III or IV).`;
    default:
      return null;
  }
}
