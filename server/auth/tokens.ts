import { createHash, randomBytes } from 'node:crypto';

/** A random 32-byte token, base64url: session tokens, CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a token: what the database keeps instead of the token itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
