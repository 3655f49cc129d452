import { createHash } from 'node:crypto';

/** The namespace of KyphoSim's statement ids (a fixed random UUID: the ids are ours alone). */
export const STATEMENT_ID_NAMESPACE = 'b4f1d6a2-3c57-4e0b-9a1f-6d2c8e7f5a30';

/** A name-based UUID, version 5 (RFC 9562 section 5.5): SHA-1 of the namespace's bytes and the name. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the statement "this attempt, this verb": the same every time it is built, so a
 * statement queued twice (an upload repeated, a re-score) or sent twice (a retry after a lost
 * answer) is one statement in the outbox and in the LRS.
 */
export function statementId(attemptId: string, verbId: string): string {
  return uuidV5(`${attemptId.toLowerCase()} ${verbId}`, STATEMENT_ID_NAMESPACE);
}
