import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: N = 2^15, r = 8, p = 1, i.e. 128 * N * r = 32 MiB of memory and ~0.1 s of CPU per
 * hash. scrypt is memory-hard: each guess needs those 32 MiB, so a stolen password table cannot be
 * attacked cheaply on GPUs or custom chips, where memory, not arithmetic, is the scarce resource
 * (RFC 7914; OWASP's Password Storage Cheat Sheet gives N=2^17 as a minimum for interactive logins
 * on servers, 2^15 keeps a sign-in on a lab laptop's 2 cores near 0.1 s). The parameters are stored
 * with each hash, so raising them later re-hashes nothing and breaks no one.
 */
const PRODUCTION_LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/**
 * The test suite lowers the cost through KYPHOSIM_TEST_SCRYPT_LOG2N so that hundreds of sign-ins
 * take seconds, not minutes. It is read ONLY under vitest (VITEST is set by the test runner), so a
 * server started any other way always hashes at the production cost.
 */
function log2N(): number {
  const test = process.env.VITEST ? Number(process.env.KYPHOSIM_TEST_SCRYPT_LOG2N) : Number.NaN;
  return Number.isInteger(test) && test >= 1 && test < PRODUCTION_LOG2_N ? test : PRODUCTION_LOG2_N;
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

/** Hash a password with a fresh random salt: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const n = 2 ** log2N();
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, n, R, P);
  return ['scrypt', n, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether password matches the stored hash; compared in constant time. A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of no one's password, checked when the username does not exist, so a wrong username
 * takes as long as a wrong password and timing does not tell which names exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoy;
}
