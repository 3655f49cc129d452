import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AttemptFile, type AttemptSignature, canonicalJson } from '../../sim/attempt/index';
import type { LabKey } from './labKey';
import { scenarioInFirstForm, upgradeScenarioJson } from '../../levels/scenarioMigrations';

/**
 * HMAC-SHA256 over the canonical JSON (keys sorted at every depth) of the file without its
 * signature, its scenario written in the first scenario format (levels/scenarioMigrations.ts): a file
 * signed before a scenario format change verifies after its scenario was upgraded on reading.
 */
function mac(key: LabKey, file: AttemptFile): string {
  const { signature: _unsigned, ...body } = file;
  const signed = { ...body, scenario: scenarioInFirstForm(upgradeScenarioJson(body.scenario)) };
  return createHmac('sha256', key.key).update(canonicalJson(signed)).digest('hex');
}

/** The file with the lab's signature (docs/attempt-file.md). */
export function signAttempt(key: LabKey, file: AttemptFile): AttemptFile {
  const signature: AttemptSignature = { alg: 'HMAC-SHA256', keyId: key.keyId, value: mac(key, file) };
  return { ...file, signature };
}

/** Whether the file carries this lab's valid signature, and if not, why. */
export function verifyAttemptSignature(key: LabKey, file: AttemptFile): { valid: boolean; reason?: string } {
  const s = file.signature;
  if (!s) return { valid: false, reason: 'The attempt file is not signed.' };
  if (s.keyId !== key.keyId)
    return { valid: false, reason: `The file was signed with another key (${s.keyId}), not this lab's.` };
  const expected = Buffer.from(mac(key, file), 'hex');
  const given = Buffer.from(s.value, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { valid: false, reason: 'The signature does not match: the file was changed after the lab signed it.' };
  return { valid: true };
}
