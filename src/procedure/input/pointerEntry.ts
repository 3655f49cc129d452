import { entryFromImagePoint, type ImagePoint } from './entryOnImage';
import type { ActionContext, ActionOutcome } from './actionTypes';

/**
 * The pointer's way to choose the skin entry: a click on the AP image sets the entry under it
 * (side of the midline, offsets from the default entry) and sends needle.entry at once, as E does
 * for the keyboard's draft. Refused while the trocar is in the patient, as moving the draft is.
 */
export function entryAtImagePoint(ctx: ActionContext, p: ImagePoint): ActionOutcome {
  const s = ctx.snapshot;
  if (!s.allowed.includes('needle.entry'))
    return { message: 'The skin entry is chosen during access, on the AP image.' };
  if (s.trocar && s.trocar.milestone !== 'outside') {
    return { message: 'The trocar is in the patient: withdraw it before choosing another entry.' };
  }
  const entry = entryFromImagePoint(s, p);
  return { entry, command: { type: 'needle.entry', ...entry } };
}
