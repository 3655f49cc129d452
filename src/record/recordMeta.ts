import type { AttemptSource } from './attemptRecord';

/** Who and when of an attempt being played: fixed when it starts, kept across a resume. */
export interface RecordMeta {
  readonly id: string;
  readonly trainee: string;
  readonly startedAt: number;
  readonly source: AttemptSource;
}

/** A fresh record id (randomUUID needs a secure context; a time+random id serves elsewhere). */
export function newAttemptId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' && window.isSecureContext)
    return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
