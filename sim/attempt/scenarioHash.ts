import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../../levels/scenarioSchema';
import { scenarioInFirstForm } from '../../levels/scenarioMigrations';
import { canonicalJson } from './canonicalJson';

/**
 * SHA-256 (hex) of the scenario's canonical JSON: identifies the exact case an attempt was made on.
 *
 * Computed on the scenario written in the first schema version's form (levels/scenarioMigrations.ts):
 * a file upgraded to a newer format hashes as it did before, so the published cases, their attempts,
 * the lab's assignments and signatures keep their identity across format changes.
 *
 * The teaching block (difficulty, curriculum order, learning objectives) is left out: it says how
 * the case fits a course, not what the trainee met, so an instructor may reorder the curriculum or
 * reword an objective without turning the case into a new version and every attempt already made on
 * it into one the app can no longer check. Everything that shapes the patient, the procedure or the
 * score is in the hash.
 */
export function scenarioHash(scenario: Scenario): string {
  return hashOfFirstForm(scenarioInFirstForm(scenario));
}

/**
 * The hash an older app recorded for a scenario exactly as that file embedded it (a version-1
 * scenario that wrote a default out, `"indication": {"decision": "operate"}`, was hashed with it; its
 * upgrade cannot tell it from one that left it implicit). Only for checking a recorded hash.
 */
export function scenarioHashAsWritten(scenario: object): string {
  return hashOfFirstForm(scenario as Record<string, unknown>);
}

function hashOfFirstForm(scenario: Record<string, unknown>): string {
  const { teaching: _, ...played } = scenario;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(played))));
}
