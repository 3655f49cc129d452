import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../../levels/scenarioSchema';
import { canonicalJson } from './canonicalJson';

/**
 * SHA-256 (hex) of the scenario's canonical JSON: identifies the exact case an attempt was made on.
 *
 * The teaching block (difficulty, curriculum order, learning objectives) is left out: it says how
 * the case fits a course, not what the trainee met, so an instructor may reorder the curriculum or
 * reword an objective without turning the case into a new version and every attempt already made on
 * it into one the app can no longer check. Everything that shapes the patient, the procedure or the
 * score is in the hash.
 */
export function scenarioHash(scenario: Scenario): string {
  const { teaching: _, ...played } = scenario;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(played))));
}
