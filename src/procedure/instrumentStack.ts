import { INTRODUCER_OD_MM } from '../../sim/imaging';
import type { TrocarView } from '../../sim/instruments';

/** What is in the patient along one track, in words, for the trocar panel. */
export interface InstrumentStack {
  /** Panel title: the instrument the trainee holds. */
  readonly title: string;
  /** Size badge: the needle's gauge, or the introducer's outer diameter. */
  readonly badge: string;
  readonly text: string;
  /** Stable key for tests (data-stack): 'needle+stylet', 'needle', 'needle+pin', 'pin', 'cannula+pin', 'cannula', 'removed'. */
  readonly key: string;
}

/**
 * The instrument stack of a track (sim/instruments/accessInstruments.ts): the access or biopsy
 * needle with or without its stylet, the guide pin, the osteo-introducer's cannula.
 */
export function instrumentStack(t: TrocarView): InstrumentStack {
  const i = t.instruments;
  const needle = `${t.gauge} G ${i.needle === 'biopsy' ? 'bone-biopsy' : 'access'} needle`;
  const title = i.cannulaIn ? 'Working cannula' : i.needle === 'biopsy' ? 'Bone-biopsy needle' : 'Trocar';
  const badge = i.cannulaIn ? `${INTRODUCER_OD_MM} mm` : `${t.gauge} G`;
  const at = (text: string, key: string): InstrumentStack => ({ title, badge, text, key });
  if (t.removed) return at('Instruments removed', 'removed');
  if (i.cannulaIn)
    return i.guidePinIn
      ? at('Osteo-introducer and its stylet over the guide pin', 'cannula+pin')
      : at('Open osteo-introducer cannula', 'cannula');
  if (i.needleIn) {
    if (i.guidePinIn) return at(`Guide pin through the ${needle}`, 'needle+pin');
    if (i.styletIn) return at(`${needle} with its stylet`, 'needle+stylet');
    return at(i.needle === 'biopsy' ? `${needle}, stylet out: the cement channel` : `${needle}, stylet out`, 'needle');
  }
  return at(i.guidePinIn ? 'Guide pin alone (needle out)' : 'Nothing', i.guidePinIn ? 'pin' : 'removed');
}
