import { ALLERGEN_LABELS, type Command, DECLINE_REASON_LABELS } from '../../sim/core';
import { CHECKLIST_LABELS, FLUORO_MODE_LABELS, exchangeStepLabel } from './labels';

const signed = (x: number, unit: string) => `${x > 0 ? '+' : ''}${x} ${unit}`;

/** A command in words, for the status line after it was accepted or refused. */
export function describeCommand(c: Command): string {
  switch (c.type) {
    case 'phase.next':
      return 'Next step';
    case 'case.decline':
      return `Procedure declined: ${DECLINE_REASON_LABELS[c.reason]}`;
    case 'case.measure':
      return 'Pre-operative lateral measured (four endplate corners)';
    case 'checklist.tick':
      return CHECKLIST_LABELS[c.item];
    case 'patient.position':
      return `Patient ${c.position}`;
    case 'carm.view':
      return `C-arm to ${c.view}`;
    case 'carm.adjust':
      return c.dOrbitDeg !== 0 ? `C-arm orbit ${signed(c.dOrbitDeg, '°')}` : `C-arm tilt ${signed(c.dTiltDeg, '°')}`;
    case 'carm.pan':
      return `C-arm ${c.dCranialMm >= 0 ? 'cranial' : 'caudal'} ${Math.abs(c.dCranialMm)} mm along the spine`;
    case 'level.mark':
      return 'Skin marked under the AP central ray';
    case 'fluoro.mode':
      return `Fluoro mode: ${FLUORO_MODE_LABELS[c.mode]}`;
    case 'fluoro.expose':
      return c.on ? 'Fluoro on' : 'Fluoro off';
    case 'carm.collimate':
      return `Collimation ${Math.round((2 * c.halfWidthMm) / 10)} x ${Math.round((2 * c.halfHeightMm) / 10)} cm`;
    case 'carm.zoom':
      return c.zoom === 1 ? 'Magnification off (full field)' : `Magnification x${c.zoom}`;
    case 'fluoro.store':
      return 'Image stored';
    case 'local.anaesthetic':
      return 'Local anaesthetic infiltrated';
    case 'sedation.midazolam':
      return `Midazolam ${c.mg} mg IV`;
    case 'oxygen.nasal':
      return c.lPerMin > 0 ? `Oxygen ${c.lPerMin} L/min by nasal cannula` : 'Oxygen off';
    case 'patient.fluids':
      return `IV fluid bolus ${c.mL} mL`;
    case 'sedation.flumazenil':
      return `Flumazenil ${c.mg} mg IV`;
    case 'patient.callForHelp':
      return 'Called for help';
    case 'site.compress':
      return `Pressure on the puncture sites for ${c.min} min`;
    case 'needle.entry':
      return `Skin entry ${c.side}, ${c.lateralMm} mm lateral, ${c.cranialMm} mm cranial`;
    case 'side.select':
      return `Working on the ${c.side} side`;
    case 'needle.aim':
      return `Aim: medial ${c.medialDeg}°, caudal ${c.caudalDeg}°`;
    case 'needle.advance':
      return c.mm >= 0 ? `Advance ${c.mm} mm` : `Withdraw ${-c.mm} mm`;
    case 'needle.tap':
      return 'Mallet tap';
    case 'instrument.exchange':
      return exchangeStepLabel(c.step);
    case 'channel.drill':
      return `Drill ${c.mm} mm`;
    case 'balloon.insert':
      return 'Balloon inserted';
    case 'balloon.inflate':
      return c.mL >= 0 ? `Inflate +${c.mL} mL` : `Withdraw ${-c.mL} mL`;
    case 'balloon.deflate':
      return 'Balloon deflated';
    case 'balloon.remove':
      return 'Balloon removed';
    case 'cement.mix':
      return 'Cement mixing started';
    case 'cement.tackTest':
      return 'Tack test';
    case 'cement.load':
      return 'Next cement device loaded';
    case 'cement.inject':
      return `Inject ${c.mL} mL`;
    case 'cement.stop':
      return 'Injection stopped';
    case 'instruments.remove':
      return 'Instruments removed';
    case 'level.next':
      return 'On to the next level';
    case 'time.wait':
      return `Waited ${c.s} s`;
    case 'counsel.give':
      return `Counselled: ${c.topics.length} ${c.topics.length === 1 ? 'topic' : 'topics'}`;
    case 'discharge.decide':
      return c.decision === 'same-day' ? 'Discharge the same day' : 'Keep overnight';
    case 'neuro.examine':
      return 'Neurological examination';
    case 'imaging.ct':
      return 'CT of the treated level';
    case 'patient.surgicalOpinion':
      return 'Urgent spinal surgical opinion asked';
    case 'antibiotic.choose':
      return `Antibiotic chosen: ${ALLERGEN_LABELS[c.drug]}`;
    case 'patient.adrenaline':
      return `Adrenaline ${c.mg} mg IM`;
  }
}
