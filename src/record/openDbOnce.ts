import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

/**
 * An IndexedDB database opened once per page and shared by every caller. Two rules the app's
 * databases (the trainee's record, the instructor's own scenarios) both need:
 * - another tab asking for a newer schema is never blocked: this page closes its connection and
 *   reopens (and so upgrades) on its next access;
 * - a failed open is not cached: the next call tries again (a private window or a full disk can
 *   refuse once and succeed later).
 */
export function openDbOnce<S extends DBSchema>(
  name: string,
  version: number,
  upgrade: NonNullable<OpenDBCallbacks<S>['upgrade']>,
): () => Promise<IDBPDatabase<S>> {
  let opening: Promise<IDBPDatabase<S>> | null = null;
  return () => {
    if (!opening) {
      const attempt: Promise<IDBPDatabase<S>> = openDB<S>(name, version, {
        upgrade,
        blocking: () => {
          void attempt.then((db) => db.close());
          if (opening === attempt) opening = null;
        },
      });
      opening = attempt;
      attempt.catch(() => {
        if (opening === attempt) opening = null;
      });
    }
    return opening;
  };
}
