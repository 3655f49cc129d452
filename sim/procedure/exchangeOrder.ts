import type { ExchangeStep } from '../core/commands';

/**
 * The order of the instrument exchange in the working-channel phase (sim/instruments/
 * accessInstruments.ts describes the instruments). A kyphoplasty goes from the access needle to
 * the osteo-introducer's open cannula over a guide pin, then drills; a vertebroplasty only takes
 * the biopsy needle's stylet out.
 */
export const EXCHANGE_ORDER: Readonly<Record<'kyphoplasty' | 'vertebroplasty', readonly ExchangeStep[]>> = {
  kyphoplasty: ['stylet.remove', 'guidePin.insert', 'needle.remove', 'introducer.insert', 'guidePin.remove'],
  vertebroplasty: ['stylet.remove'],
};

/** Words for each step (refusal reasons, the action bar, the debrief). */
export const EXCHANGE_LABELS: Readonly<Record<ExchangeStep, string>> = {
  'stylet.remove': 'take the stylet out',
  'guidePin.insert': 'pass the guide pin through the needle',
  'needle.remove': 'take the needle out over the guide pin',
  'introducer.insert': 'slide the osteo-introducer over the guide pin',
  'guidePin.remove': 'take the guide pin and the introducer stylet out',
};
