import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../../levels/scenarioSchema';
import { canonicalJson } from './canonicalJson';

/** SHA-256 (hex) of the scenario's canonical JSON: identifies the exact scenario an attempt used. */
export function scenarioHash(scenario: Scenario): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(scenario))));
}
