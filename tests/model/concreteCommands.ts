import type { Command, CommandType } from '../../sim/core/commands';
import { DECLINE_REASONS } from '../../sim/core/declineReasons';
import { MEASURE_SAMPLE } from './commandSamples';

/**
 * Many concrete commands of every type, with every payload the machine's guards can tell apart
 * (checklist items, positions, sides, exchange steps, the pedal pressed and released) and a few
 * that they cannot (views, modes, amounts): a brute-force check of what the machine accepts.
 */
export const CONCRETE_COMMANDS: { readonly [T in CommandType]: readonly Extract<Command, { type: T }>[] } = {
  'phase.next': [{ type: 'phase.next' }],
  'case.decline': DECLINE_REASONS.map((reason) => ({ type: 'case.decline', reason })),
  'case.measure': [MEASURE_SAMPLE],
  'checklist.tick': (
    ['history', 'imaging', 'candidacy', 'consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'] as const
  ).map((item) => ({ type: 'checklist.tick', item })),
  'patient.position': [
    { type: 'patient.position', position: 'prone' },
    { type: 'patient.position', position: 'supine' },
  ],
  'carm.view': [
    { type: 'carm.view', view: 'AP' },
    { type: 'carm.view', view: 'lateral' },
  ],
  'carm.adjust': [
    { type: 'carm.adjust', dOrbitDeg: 1, dTiltDeg: 0 },
    { type: 'carm.adjust', dOrbitDeg: 0, dTiltDeg: -2 },
  ],
  'carm.pan': [
    { type: 'carm.pan', dCranialMm: 20 },
    { type: 'carm.pan', dCranialMm: -35 },
  ],
  'fluoro.mode': (['continuous', 'pulsed15', 'pulsed7.5', 'pulsed4', 'lowDose'] as const).map((mode) => ({
    type: 'fluoro.mode',
    mode,
  })),
  'fluoro.expose': [
    { type: 'fluoro.expose', on: true },
    { type: 'fluoro.expose', on: false },
  ],
  'carm.collimate': [{ type: 'carm.collimate', halfWidthMm: 60, halfHeightMm: 40 }],
  'carm.zoom': ([1, 1.5, 2] as const).map((zoom) => ({ type: 'carm.zoom', zoom })),
  'fluoro.store': [{ type: 'fluoro.store' }],
  'level.mark': [{ type: 'level.mark' }],
  'local.anaesthetic': [{ type: 'local.anaesthetic' }],
  'sedation.midazolam': [{ type: 'sedation.midazolam', mg: 1 }],
  'oxygen.nasal': [{ type: 'oxygen.nasal', lPerMin: 2 }],
  'patient.fluids': [{ type: 'patient.fluids', mL: 500 }],
  'sedation.flumazenil': [{ type: 'sedation.flumazenil', mg: 0.2 }],
  'patient.callForHelp': [{ type: 'patient.callForHelp' }],
  'needle.entry': [
    { type: 'needle.entry', side: 'left', lateralMm: 0, cranialMm: 0 },
    { type: 'needle.entry', side: 'right', lateralMm: 3, cranialMm: -2 },
  ],
  'side.select': [
    { type: 'side.select', side: 'left' },
    { type: 'side.select', side: 'right' },
  ],
  'needle.aim': [{ type: 'needle.aim', medialDeg: 20, caudalDeg: 10 }],
  'needle.advance': [
    { type: 'needle.advance', mm: 1 },
    { type: 'needle.advance', mm: -5 },
  ],
  'needle.tap': [{ type: 'needle.tap' }],
  'instrument.exchange': (
    ['stylet.remove', 'guidePin.insert', 'needle.remove', 'introducer.insert', 'guidePin.remove'] as const
  ).map((step) => ({ type: 'instrument.exchange', step })),
  'channel.drill': [{ type: 'channel.drill', mm: 1 }],
  'balloon.insert': [{ type: 'balloon.insert' }],
  'balloon.inflate': [
    { type: 'balloon.inflate', mL: 0.5 },
    { type: 'balloon.inflate', mL: -0.25 },
  ],
  'balloon.deflate': [{ type: 'balloon.deflate' }],
  'balloon.remove': [{ type: 'balloon.remove' }],
  'cement.mix': [{ type: 'cement.mix' }],
  'cement.tackTest': [{ type: 'cement.tackTest' }],
  'cement.load': [{ type: 'cement.load' }],
  'cement.inject': [{ type: 'cement.inject', mL: 0.25 }],
  'cement.stop': [{ type: 'cement.stop' }],
  'instruments.remove': [{ type: 'instruments.remove' }],
  'level.next': [{ type: 'level.next' }],
  'time.wait': [
    { type: 'time.wait', s: 1 },
    { type: 'time.wait', s: 300 },
  ],
  'counsel.give': [{ type: 'counsel.give', topics: ['activity', 'warningSigns'] }],
  'discharge.decide': [
    { type: 'discharge.decide', decision: 'same-day' },
    { type: 'discharge.decide', decision: 'overnight' },
  ],
  'neuro.examine': [{ type: 'neuro.examine' }],
  'imaging.ct': [{ type: 'imaging.ct' }],
  'patient.surgicalOpinion': [{ type: 'patient.surgicalOpinion' }],
  'antibiotic.choose': [{ type: 'antibiotic.choose', drug: 'clindamycin' }],
  'patient.adrenaline': [{ type: 'patient.adrenaline', mg: 0.5 }],
  'site.compress': [
    { type: 'site.compress', min: 1 },
    { type: 'site.compress', min: 5 },
  ],
};
