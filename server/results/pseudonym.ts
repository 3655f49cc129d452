import { createHmac } from 'node:crypto';
import type { LabKey } from '../attempts/labKey';

/**
 * A research export's name for a user: `P-` and 10 hex digits of HMAC-SHA256(lab secret,
 * "pseudonym:" + user id). Stable across exports of the same lab, so a researcher can follow one
 * person over a term, and not reversible without the lab's secret (a plain hash of a UUID could be
 * matched against the user ids of a leaked database).
 */
export function pseudonym(key: LabKey, userId: string): string {
  return `P-${createHmac('sha256', key.key).update(`pseudonym:${userId}`).digest('hex').slice(0, 10)}`;
}
