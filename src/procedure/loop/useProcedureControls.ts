import { useCallback, useRef, useState } from 'react';
import { shownRefusal } from '../examVisibility';
import type { ChecklistItem, Command } from '../../../sim/core';
import type { DispatchResult, Session } from '../../../sim/session';
import type { ActionContext, ActionOutcome, EntryDraft, KeyAction, UiEffect } from '../input/actionTypes';
import { describeCommand } from '../../ui/describeCommand';
import type { SnapshotStore } from './snapshotStore';

/** The status line: what the last command did, why it was refused, or a note. */
export interface Status {
  readonly text: string;
  readonly kind: 'ok' | 'refused' | 'note';
  /** Changes on every new status, so the same text twice still flashes. */
  readonly id: number;
}

export interface ProcedureControls {
  readonly entry: EntryDraft;
  readonly status: Status | null;
  /** Send a command to the session, publish the result to React at once and report it. */
  dispatch(command: Command): DispatchResult;
  /** Run a keymap action (from a key or a button). */
  run(action: KeyAction): void;
  /** Run a pointer action that is not in the keymap (a click on an image), with the same context and reporting. */
  perform(fn: (ctx: ActionContext) => ActionOutcome): void;
  /** The held fluoro pedal: dispatches on/off only on a change, so repeats and double releases are harmless. */
  setPedal(down: boolean): void;
  tick(item: ChecklistItem): void;
  /** No command reaches the session after this (the attempt is over). */
  close(): void;
}

/**
 * The bridge from input to the session: runs actions against the latest snapshot and the entry
 * draft, dispatches the commands they produce, and keeps the status line (the reason of a refusal
 * comes from the session's dispatch result).
 */
export function useProcedureControls(
  session: Session,
  store: SnapshotStore,
  onUi: (effect: UiEffect) => void,
  /** Why no command may act now (the instructor paused the attempt), or null. Switching the beam off always may. */
  heldReason: () => string | null = () => null,
): ProcedureControls {
  const [entry, setEntry] = useState<EntryDraft>({ side: 'left', lateralMm: 0, cranialMm: 0 });
  const entryRef = useRef(entry);
  const [status, setStatus] = useState<Status | null>(null);
  const statusId = useRef(0);
  const pedalOn = useRef(false);
  const closed = useRef(false);
  const onUiRef = useRef(onUi);
  onUiRef.current = onUi;
  const heldRef = useRef(heldReason);
  heldRef.current = heldReason;

  const report = useCallback((text: string, kind: Status['kind']) => {
    statusId.current += 1;
    setStatus({ text, kind, id: statusId.current });
  }, []);

  const dispatch = useCallback(
    (command: Command): DispatchResult => {
      if (closed.current) return { accepted: false, reason: 'The attempt is over.' };
      const held = command.type === 'fluoro.expose' && !command.on ? null : heldRef.current();
      if (held) return { accepted: false, reason: held };
      const result = session.dispatch(command);
      store.push(session.snapshot());
      store.publishNow();
      return result;
    },
    [session, store],
  );

  const send = useCallback(
    (command: Command): boolean => {
      const result = dispatch(command);
      if (result.accepted) report(describeCommand(command), 'ok');
      else {
        const plain = `${describeCommand(command)} is not possible now.`;
        report(shownRefusal(session.mode, command.type, result.reason ?? plain, plain), 'refused');
      }
      return result.accepted;
    },
    [dispatch, report, session],
  );

  const perform = useCallback(
    (fn: (ctx: ActionContext) => ActionOutcome) => {
      const outcome = fn({ snapshot: store.latest(), entry: entryRef.current });
      if (outcome.ui) onUiRef.current(outcome.ui);
      const accepted = outcome.command ? send(outcome.command) : true;
      if (outcome.entry && accepted) {
        entryRef.current = outcome.entry;
        setEntry(outcome.entry);
        if (!outcome.command) {
          const e = outcome.entry;
          report(`Planned entry: ${e.side}, ${e.lateralMm} mm lateral, ${e.cranialMm} mm cranial (E sets it)`, 'note');
        }
      }
      if (outcome.message) report(outcome.message, 'note');
    },
    [store, send, report],
  );

  const run = useCallback((action: KeyAction) => perform(action.perform), [perform]);

  const setPedal = useCallback(
    (down: boolean) => {
      if (down) {
        if (pedalOn.current) return;
        const result = dispatch({ type: 'fluoro.expose', on: true });
        if (result.accepted) pedalOn.current = true;
        else report(result.reason ?? 'Fluoroscopy is not available now.', 'refused');
      } else if (pedalOn.current) {
        pedalOn.current = false;
        dispatch({ type: 'fluoro.expose', on: false });
      }
    },
    [dispatch, report],
  );

  const tick = useCallback((item: ChecklistItem) => void send({ type: 'checklist.tick', item }), [send]);

  const close = useCallback(() => {
    setPedal(false);
    closed.current = true;
  }, [setPedal]);

  return { entry, status, dispatch, run, perform, setPedal, tick, close };
}
