import { DECLINE_REASONS, type DeclineReason } from '../../sim/core/index';

/**
 * The other reasons a decline case accepts (`indication.alsoAccepted`) after one is ticked or
 * unticked: in the closed list's order, never the case's own reason (that one is the answer
 * already), and absent rather than empty (the schema wants at least one when the field is there).
 */
export function withAlsoAccepted(
  current: unknown,
  mainReason: unknown,
  reason: DeclineReason,
  accepted: boolean,
): DeclineReason[] | undefined {
  const chosen = new Set<unknown>(Array.isArray(current) ? current : []);
  if (accepted) chosen.add(reason);
  else chosen.delete(reason);
  const list = DECLINE_REASONS.filter((r) => r !== mainReason && chosen.has(r));
  return list.length > 0 ? list : undefined;
}
