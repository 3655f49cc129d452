import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The key that signs served attempt files, and its public fingerprint. */
export interface LabKey {
  readonly key: Buffer;
  /** First 16 hex digits of SHA-256 of the key: names the key in a signature without revealing it. */
  readonly keyId: string;
}

/** At least 32 characters: a shorter secret can be guessed from one signed file offline. */
const MIN_SECRET_LENGTH = 32;

export function labKeyOf(key: Buffer): LabKey {
  return { key, keyId: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/**
 * The signing key: KYPHOSIM_LAB_SECRET when set (several instances must share it), otherwise a
 * random key generated once into `<dataDir>/lab-secret` (mode 0600) and reused at every start, or,
 * without a data folder (an in-memory database), a random key for this process only.
 */
export function loadLabKey(secret: string | undefined, dataDir: string | undefined): LabKey {
  if (secret !== undefined && secret !== '') {
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(`KYPHOSIM_LAB_SECRET is too short: at least ${MIN_SECRET_LENGTH} characters.`);
    return labKeyOf(Buffer.from(secret, 'utf8'));
  }
  if (!dataDir) return labKeyOf(randomBytes(32));
  const file = join(dataDir, 'lab-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return labKeyOf(Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'));
}
