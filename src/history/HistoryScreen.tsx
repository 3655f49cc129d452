import { useCallback, useEffect, useRef, useState } from 'react';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { formatClock } from '../ui/format';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { AttemptRecord } from '../record/attemptRecord';
import { attemptsOf, importedAttempts, putAttempt } from '../record/attemptStore';
import { createReplayClient, type ReplayClient } from '../replay/replayClient';
import { ProgressChart } from './ProgressChart';
import { newAttemptId } from '../record/recordMeta';
import { resultsCsv } from '../record/resultsCsv';
import { attemptCounts, attemptCountsText, attemptFileName } from '../record/attemptCounts';
import { saveJson, saveText } from '../ui/saveFile';
import { traineeLabel } from '../record/traineeStore';
import { listServerAttempts, useLab, verifyAttemptSignature } from '../labClient/labSession';
import type { ServerAttemptSummary } from '../labClient/labApiTypes';
import { serverScoreView } from '../labClient/serverScore';
import { serverScoreText } from '../ui/ServerScoreNote';
import { dateTime } from '../record/wallTime';
import { type AttemptVerification, attemptVerification, hasSignature } from '../../sim/attempt';
import './history.css';

interface Props {
  /** Whose history: the signed-in lab user's name, or the name typed on the menu. */
  readonly trainee: string;
  readonly onOpen: (attempt: FinishedAttempt) => void;
  readonly onMenu: () => void;
}

type Message = { readonly kind: 'ok' | 'error'; readonly text: string; readonly verified?: boolean | null } | null;

/**
 * Whether an imported file's signature holds: a signed file is sent to the lab server (signed in)
 * to check against the lab's key; without a lab server, or when it cannot answer, it stays unchecked.
 */
async function verifyImported(file: unknown, signedIn: boolean): Promise<AttemptVerification> {
  const signed = hasSignature(file);
  if (!signed || !signedIn) return attemptVerification(signed);
  try {
    return attemptVerification(true, await verifyAttemptSignature(file));
  } catch {
    return attemptVerification(true);
  }
}

/** Let the browser paint a busy label before a replay holds the main thread for a few seconds. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

const fileSlug = (s: string) =>
  s
    .replace(/[^a-z0-9-]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'trainee';

/**
 * The trainee's history: every attempt with date, scenario, mode, total, verdict and critical
 * errors, a progress chart, and per attempt Open (re-scored by replay in the debrief) and Export
 * (the attempt file); plus a CSV of results and the import of an attempt file. Keys: ↑/↓ select,
 * Enter/O open, E export, C CSV, I import, Esc menu.
 */
export default function HistoryScreen({ trainee, onOpen, onMenu }: Props) {
  const lab = useLab();
  const signedIn = lab.mode === 'lab' && lab.user !== null;
  // The lab server's scores of this trainee's attempts (lab mode, signed in), by attempt id.
  const [server, setServer] = useState<ReadonlyMap<string, ServerAttemptSummary> | null>(null);
  const [records, setRecords] = useState<readonly AttemptRecord[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Imports and opens replay the attempt (seconds): in the replay worker, so the page stays live.
  const client = useRef<ReplayClient | null>(null);
  const replayer = (): ReplayClient => (client.current ??= createReplayClient());
  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  // The trainee's own attempts, and every attempt imported into this browser (a colleague's file
  // keeps its own trainee, so it would not be listed under this name otherwise).
  const reload = useCallback(async () => {
    const [own, imported] = await Promise.all([attemptsOf(trainee), importedAttempts()]);
    const byId = new Map([...own, ...imported].map((r) => [r.id, r]));
    const rows = [...byId.values()].sort((a, b) => a.startedAt - b.startedAt);
    setRecords(rows);
    return rows;
  }, [trainee]);
  useEffect(() => {
    reload().catch((err) => setMessage({ kind: 'error', text: `The saved attempts cannot be read: ${String(err)}` }));
  }, [reload]);
  useEffect(() => {
    if (!signedIn) {
      setServer(null);
      return;
    }
    let live = true;
    listServerAttempts()
      .then((list) => live && setServer(new Map(list.map((a) => [a.id, a]))))
      .catch(
        (err) =>
          live &&
          setMessage({
            kind: 'error',
            text: `The lab server's scores cannot be read: ${err instanceof Error ? err.message : String(err)}`,
          }),
      );
    return () => {
      live = false;
    };
  }, [signedIn]);
  const waitingUploads = new Set(lab.uploads.waiting.map((e) => e.attemptId));

  const list = records ?? [];
  const current = list[Math.min(selected, list.length - 1)];

  const open = async (r: AttemptRecord | undefined) => {
    // An unreleased assignment's attempt is scored by the lab server and shown there once released.
    if (!r || busy || r.scoresWithheld) return;
    setBusy('Replaying the attempt…');
    setMessage(null);
    await paint();
    try {
      const { session, finalSnapshot } = await replayer().open(r.file);
      onOpen({
        session,
        finalSnapshot,
        storedImages: [],
        recordId: r.id,
        source: r.source,
        // Opened from the record the signature is not checked again: signed files say "not checked".
        verificationStatement: attemptVerification(hasSignature(r.file)).statement,
      });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: `This attempt cannot be opened: ${err instanceof Error ? err.message : String(err)}`,
      });
      setBusy(null);
    }
  };
  const exportAttempt = (r: AttemptRecord | undefined) => r && saveJson(attemptFileName(r), r.file);
  const exportCsv = () => saveText(`results-${fileSlug(trainee)}.csv`, resultsCsv(list), 'text/csv');

  const importFile = async (f: File) => {
    setBusy(`Checking and replaying ${f.name}…`);
    setMessage(null);
    await paint();
    try {
      const text = await f.text();
      const record = await replayer().importRecord(text, trainee, newAttemptId(), Date.now());
      const whose = record.trainee === trainee ? '' : ` by ${traineeLabel(record.trainee)}`;
      await putAttempt(record);
      const rows = await reload();
      setSelected(rows.findIndex((r) => r.id === record.id));
      // The file as it came (a leading byte-order mark aside): the signature covers exactly that.
      const verification = await verifyImported(JSON.parse(text.replace(/^\uFEFF/, '')), signedIn);
      setMessage({
        kind: 'ok',
        text: `Imported ${f.name}: ${record.scenarioTitle}${whose}, total ${record.summary?.total} (re-scored by replay). ${verification.statement}`,
        verified: verification.verified,
      });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: `${f.name} was not imported, nothing was changed. ${err instanceof Error ? err.message : String(err)}`,
      });
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  // Case-blind keys, auto-repeat ignored; ↑/↓ only once there are attempts to select.
  const n = list.length;
  const step = (d: number) => setSelected((i) => (Math.min(i, n - 1) + d + n) % n);
  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('History', [
    ...(n > 0
      ? [
          { id: 'history.next', keys: ['ArrowDown'], label: 'Next attempt', onDown: () => step(1), ...once },
          { id: 'history.previous', keys: ['ArrowUp'], label: 'Previous attempt', onDown: () => step(-1), ...once },
        ]
      : []),
    {
      id: 'history.open',
      keys: ['Enter', 'o'],
      label: 'Open in the debrief (re-scored by replay)',
      onDown: () => void open(current),
      ...once,
    },
    {
      id: 'history.export',
      keys: ['e'],
      label: 'Export the attempt file',
      onDown: () => exportAttempt(current),
      ...once,
    },
    { id: 'history.csv', keys: ['c'], label: 'Export the results as CSV', onDown: exportCsv, ...once },
    {
      id: 'history.import',
      keys: ['i'],
      label: 'Import an attempt file',
      onDown: () => fileInput.current?.click(),
      ...once,
    },
    { id: 'history.menu', keys: ['Escape', 'm'], label: 'Back to the menu', onDown: onMenu, ...once },
  ]);

  return (
    <main className="history" data-testid="history" data-count={records?.length ?? ''}>
      <header className="history-head">
        <div>
          <h1>History</h1>
          <p className="muted">
            {traineeLabel(trainee)} · {list.length} attempt{list.length === 1 ? '' : 's'} in this browser
          </p>
        </div>
        <div className="history-buttons">
          <button
            type="button"
            data-testid="import-attempt"
            onClick={() => fileInput.current?.click()}
            disabled={busy !== null}
          >
            Import attempt <kbd>I</kbd>
          </button>
          <button type="button" data-testid="export-csv" onClick={exportCsv}>
            Export CSV <kbd>C</kbd>
          </button>
          <button type="button" data-testid="history-menu" onClick={onMenu}>
            Back to menu <kbd>Esc</kbd>
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
            }}
          />
        </div>
      </header>
      {busy && (
        <p className="history-busy" data-testid="history-busy">
          {busy}
        </p>
      )}
      {message && (
        <p
          className={message.kind === 'ok' && message.verified !== false ? 'status-ok' : 'menu-error'}
          data-testid="import-message"
          data-kind={message.kind}
          data-verified={message.verified === undefined ? undefined : String(message.verified)}
        >
          {message.text}
        </p>
      )}

      <p className="history-counts" data-testid="history-counts">
        {attemptCountsText(attemptCounts(list))}
      </p>
      <ProgressChart records={list.filter((r) => r.trainee === trainee)} />

      <table className="history-table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Scenario</th>
            <th>Mode</th>
            <th>Seed</th>
            <th>Sim time</th>
            <th>Status</th>
            <th className="num">Total</th>
            <th>Result</th>
            <th>Critical errors</th>
            {server && <th>Lab server</th>}
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr
              key={r.id}
              data-testid="history-row"
              data-record-id={r.id}
              data-status={r.status}
              data-source={r.source}
              data-total={r.summary?.total ?? ''}
              className={r === current ? 'selected' : ''}
              onClick={() => setSelected(i)}
            >
              <td>{dateTime(r.startedAt)}</td>
              <td>{r.scenarioTitle}</td>
              <td>{r.mode}</td>
              <td>{r.seed}</td>
              <td>{formatClock(r.simTimeS)}</td>
              <td>
                {r.source === 'imported'
                  ? `imported${r.trainee === trainee ? '' : ` (${traineeLabel(r.trainee)})`}`
                  : r.status}
              </td>
              <td className="num">{r.summary ? r.summary.total : '–'}</td>
              <td className={r.summary ? (r.summary.passed ? 'pass' : 'fail') : ''}>
                {r.summary ? (r.summary.passed ? 'PASS' : 'FAIL') : '–'}
              </td>
              <td>{r.summary?.criticalErrorIds.join(', ') || (r.summary ? 'none' : '–')}</td>
              {server && (
                <td data-testid="history-server-score">
                  {r.source === 'played'
                    ? serverScoreText(serverScoreView(server.get(r.id), waitingUploads.has(r.id)))
                    : '–'}
                </td>
              )}
              <td className="row-buttons">
                <button
                  type="button"
                  data-testid="history-open"
                  onClick={() => void open(r)}
                  disabled={busy !== null || r.status !== 'finished' || r.scoresWithheld}
                  title={r.scoresWithheld ? 'Scores are shown once your instructor releases them' : undefined}
                >
                  Open
                </button>
                <button type="button" data-testid="history-export" onClick={() => exportAttempt(r)}>
                  Export
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="menu-keys">
        <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> open in the debrief (re-scored by replay) · <kbd>E</kbd>{' '}
        export attempt · <kbd>C</kbd> CSV · <kbd>I</kbd> import · <kbd>Esc</kbd> menu
      </p>
    </main>
  );
}
