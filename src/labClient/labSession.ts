import { useSyncExternalStore } from 'react';
import type { AttemptRecord } from '../record/attemptRecord';
import { attemptFileV2 } from '../record/attemptFileV2';
import { getStation } from '../settings/stationStore';
import type { LabClient } from './labApi';
import type { LabHealth, LabUser, ServerAttemptDetail, ServerAttemptSummary, VerifyAnswer } from './labApiTypes';
import { createOutbox, memoryOutboxStore, type Outbox, type OutboxState } from './outbox';
import { indexedDbOutboxStore } from './outboxDb';

/**
 * Whether this page runs in a teaching lab, and as whom. At start-up the app asks `GET /api/health`
 * on its own origin: a KyphoSim lab server answers and the app is in lab mode (sign-in, uploads);
 * anything else (a static host's 404, nothing at all within a short wait) and it is standalone,
 * exactly as before: attempts stay in this browser's IndexedDB. A small external store, like the
 * settings: the menu, the procedure screen and the history read the same state.
 */

export type LabMode = 'detecting' | 'standalone' | 'lab';

/**
 * The longest an in-progress save waits before it is uploaded, so that the autosave's save per
 * command costs the lab server one request per few seconds of play, not one per key press.
 */
export const UPLOAD_COALESCE_MS = 3_000;

export interface LabState {
  readonly mode: LabMode;
  readonly health: LabHealth | null;
  /** The signed-in lab user (lab mode only). */
  readonly user: LabUser | null;
  /** What waits to be uploaded, and what the server refused. */
  readonly uploads: OutboxState;
  /** A problem worth a line on the menu (the session could not be read, the queue cannot be written). */
  readonly problem: string | null;
}

let state: LabState = {
  mode: 'detecting',
  health: null,
  user: null,
  uploads: { waiting: [], refused: [] },
  problem: null,
};
const listeners = new Set<() => void>();
const set = (patch: Partial<LabState>) => {
  state = { ...state, ...patch };
  for (const l of listeners) l();
};

let client: LabClient | null = null;
let outbox: Outbox | null = null;
let starting: Promise<void> | null = null;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The API client, loaded on demand: it carries the answer schemas (zod), which the menu's first chunk does without. */
async function api(): Promise<LabClient> {
  if (!client) {
    const { createLabClient } = await import('./labApi');
    client ??= createLabClient();
  }
  return client;
}

function makeOutbox(c: LabClient): Outbox {
  const useIndexedDb = typeof indexedDB !== 'undefined';
  const box = createOutbox({
    // Without IndexedDB (storage switched off) the queue lives as long as the page.
    store: useIndexedDb ? indexedDbOutboxStore : memoryOutboxStore(),
    send: async (entry) => void (await c.putAttempt(entry.attemptId, entry.body)),
    signedInAs: () => state.user?.id ?? null,
    onSessionLost: () => set({ user: null, problem: 'The lab server ended this session: sign in again to upload.' }),
    now: () => Date.now(),
    random: Math.random,
    setTimer: (run, ms) => window.setTimeout(run, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
  });
  box.subscribe(() => set({ uploads: box.state() }));
  return box;
}

/** Ask the page's origin whether a lab server runs there; sets the mode. */
async function detect(c: LabClient): Promise<void> {
  try {
    const health = await c.health();
    set({ mode: 'lab', health });
  } catch {
    set({ mode: 'standalone', health: null, user: null });
    return;
  }
  try {
    const user = await c.restoreSession();
    set({ user, problem: null });
  } catch (err) {
    set({ problem: `The lab server's sign-in could not be read: ${errorText(err)}` });
  }
}

/**
 * Detect the mode, restore a session the browser still holds, and start the upload queue (which
 * sends what an earlier page left waiting). Runs once; later calls wait for the same start.
 */
export function startLab(): Promise<void> {
  starting ??= (async () => {
    let c: LabClient;
    try {
      c = await api();
    } catch (err) {
      // The client's chunk did not load (the page was updated underneath, the network dropped):
      // the app works standalone; a reload tries again.
      set({ mode: 'standalone', problem: `The lab server client could not be loaded: ${errorText(err)}` });
      return;
    }
    outbox = makeOutbox(c);
    await detect(c);
    await outbox.flush({ now: true });
    // Back online: look again (a lab server that was out of reach at start-up) and send what waits.
    window.addEventListener('online', () => {
      void (async () => {
        if (state.mode !== 'lab') await detect(c);
        await outbox?.flush({ now: true });
      })();
    });
  })();
  return starting;
}

async function signedIn(user: LabUser): Promise<LabUser> {
  set({ user, problem: null });
  await outbox?.flush({ now: true });
  return user;
}

/** Sign in with a username and password; throws a LabApiError whose message is the server's. */
export async function signIn(username: string, password: string): Promise<LabUser> {
  return signedIn(await (await api()).signIn(username, password));
}

/** Join a cohort with its join code as a new trainee, and sign in as them. */
export async function joinCohort(code: string, username: string, displayName: string, password: string) {
  return signedIn(await (await api()).join(code, username, displayName, password));
}

export async function signOut(): Promise<void> {
  try {
    await (await api()).signOut();
  } finally {
    set({ user: null });
  }
}

/**
 * Queue an attempt record for the lab server (its status, this station, the attempt file v2).
 * Only attempts played by a lab user are uploaded; the queue sends them while that user is signed
 * in and keeps them until then. Storage failures are reported on the menu, never thrown at the
 * autosave (the attempt is saved in this browser all the same).
 */
export async function queueUpload(record: AttemptRecord): Promise<void> {
  if (!record.traineeId) return;
  await startLab();
  try {
    await outbox?.enqueue(
      {
        attemptId: record.id,
        ownerId: record.traineeId,
        ownerName: record.trainee,
        body: { status: record.status, station: getStation(), attempt: { ...attemptFileV2(record) } },
      },
      // While it is played, at most one upload per UPLOAD_COALESCE_MS; the end goes at once.
      { notBefore: Date.now() + (record.status === 'in-progress' ? UPLOAD_COALESCE_MS : 0) },
    );
  } catch (err) {
    set({ problem: `An upload could not be queued in this browser: ${errorText(err)}` });
  }
}

/** Forget an upload the server refused (its sentence has been read). */
export async function dismissRefusedUpload(attemptId: string): Promise<void> {
  await outbox?.dismiss(attemptId);
}

/** The signed-in user's attempts on the lab server (a trainee sees their own). */
export async function listServerAttempts(): Promise<readonly ServerAttemptSummary[]> {
  return (await api()).listAttempts();
}

/** One attempt from the lab server, with its file and the server's scoring state. */
export async function fetchServerAttempt(attemptId: string): Promise<ServerAttemptDetail> {
  return (await api()).getAttempt(attemptId);
}

/** Whether a signed attempt file's signature checks with the lab server's key. */
export async function verifyAttemptSignature(attempt: unknown): Promise<VerifyAnswer> {
  return (await api()).verifyAttempt(attempt);
}

/** The session's API client, for the calls of other modules (instructorApi.ts); the same CSRF token and cookie. */
export function labClient(): Promise<LabClient> {
  return api();
}

export function getLab(): LabState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: the lab state, re-rendering when it changes. */
export function useLab(): LabState {
  return useSyncExternalStore(subscribe, getLab);
}
