import type { CommandOf, CommandType } from '../../sim/core/commands';

/** A measurement of the pre-operative film inside its bounds (the corners of an L1 wedge), shared by the model tests. */
export const MEASURE_SAMPLE: CommandOf<'case.measure'> = {
  type: 'case.measure',
  corners: {
    anteriorSuperior: { x: 193, y: 227 },
    anteriorInferior: { x: 193, y: 275 },
    posteriorSuperior: { x: 287, y: 205 },
    posteriorInferior: { x: 287, y: 275 },
  },
};

/**
 * One or a few commands of each type, to explore the machine's graph (procedureHarness.ts): the
 * payloads the guards tell apart (checklist items, positions, sides, exchange steps) and one of
 * the rest. `fluoro.expose` is pressed here; the harness adds releasing the pedal.
 */
export const COMMAND_SAMPLES: { readonly [T in CommandType]: readonly CommandOf<T>[] } = {
  'phase.next': [{ type: 'phase.next' }],
  'case.decline': [{ type: 'case.decline', reason: 'healedFracture' }],
  'case.measure': [MEASURE_SAMPLE],
  'checklist.tick': [
    { type: 'checklist.tick', item: 'history' },
    { type: 'checklist.tick', item: 'imaging' },
    { type: 'checklist.tick', item: 'candidacy' },
    { type: 'checklist.tick', item: 'consent' },
    { type: 'checklist.tick', item: 'labs' },
    { type: 'checklist.tick', item: 'antibiotics' },
    { type: 'checklist.tick', item: 'anaesthesia' },
    { type: 'checklist.tick', item: 'timeOut' },
  ],
  'patient.position': [
    { type: 'patient.position', position: 'prone' },
    { type: 'patient.position', position: 'supine' },
  ],
  'carm.view': [{ type: 'carm.view', view: 'AP' }],
  'carm.adjust': [{ type: 'carm.adjust', dOrbitDeg: 1, dTiltDeg: 0 }],
  'carm.pan': [{ type: 'carm.pan', dCranialMm: 20 }],
  'fluoro.mode': [{ type: 'fluoro.mode', mode: 'pulsed7.5' }],
  'fluoro.expose': [{ type: 'fluoro.expose', on: true }],
  'carm.collimate': [{ type: 'carm.collimate', halfWidthMm: 60, halfHeightMm: 60 }],
  'carm.zoom': [{ type: 'carm.zoom', zoom: 1.5 }],
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
    { type: 'needle.entry', side: 'right', lateralMm: 0, cranialMm: 0 },
  ],
  'side.select': [
    { type: 'side.select', side: 'left' },
    { type: 'side.select', side: 'right' },
  ],
  'needle.aim': [{ type: 'needle.aim', medialDeg: 20, caudalDeg: 10 }],
  'needle.advance': [{ type: 'needle.advance', mm: 1 }],
  'needle.tap': [{ type: 'needle.tap' }],
  'instrument.exchange': [
    { type: 'instrument.exchange', step: 'stylet.remove' },
    { type: 'instrument.exchange', step: 'guidePin.insert' },
    { type: 'instrument.exchange', step: 'needle.remove' },
    { type: 'instrument.exchange', step: 'introducer.insert' },
    { type: 'instrument.exchange', step: 'guidePin.remove' },
  ],
  'channel.drill': [{ type: 'channel.drill', mm: 1 }],
  'balloon.insert': [{ type: 'balloon.insert' }],
  'balloon.inflate': [{ type: 'balloon.inflate', mL: 0.1 }],
  'balloon.deflate': [{ type: 'balloon.deflate' }],
  'balloon.remove': [{ type: 'balloon.remove' }],
  'cement.mix': [{ type: 'cement.mix' }],
  'cement.tackTest': [{ type: 'cement.tackTest' }],
  'cement.load': [{ type: 'cement.load' }],
  'cement.inject': [{ type: 'cement.inject', mL: 0.1 }],
  'cement.stop': [{ type: 'cement.stop' }],
  'instruments.remove': [{ type: 'instruments.remove' }],
  'level.next': [{ type: 'level.next' }],
  'time.wait': [{ type: 'time.wait', s: 1 }],
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
  'site.compress': [{ type: 'site.compress', min: 5 }],
};
