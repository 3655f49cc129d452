import { useSyncExternalStore } from 'react';
import { MAX_STATION_LENGTH, PLAIN_TEXT_PATTERN } from '../../sim/core';

/**
 * The name of this station (the lab computer the browser runs on), recorded in every attempt and
 * sent to the lab server: instructors see where an attempt was played. Kept in localStorage,
 * editable in Settings; until someone names it, a generated "station-xxxx" (4 random hex digits)
 * that stays the same on this browser.
 */

const STORAGE_KEY = 'kyphosim.station.v1';

function generated(): string {
  const bytes = new Uint8Array(2);
  crypto.getRandomValues(bytes);
  return `station-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Why a name cannot be the station's, or null when it can. */
export function stationNameProblem(name: string): string | null {
  const t = name.trim();
  if (t === '') return 'The station needs a name.';
  if (t.length > MAX_STATION_LENGTH) return `A station name has at most ${MAX_STATION_LENGTH} characters.`;
  // The attempt file's rule for plain text (sim/attempt): one line, no markup.
  if (!PLAIN_TEXT_PATTERN.test(t)) return 'A station name is one line of plain text: no tabs, line breaks, < or >.';
  return null;
}

function load(): string {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved !== null && stationNameProblem(saved) === null) return saved.trim();
    const name = generated();
    window.localStorage.setItem(STORAGE_KEY, name);
    return name;
  } catch {
    // Storage disabled: a name for this page only.
    return generated();
  }
}

let current: string | null = null;
const listeners = new Set<() => void>();

/** This station's name (generated and remembered on first use). */
export function getStation(): string {
  current ??= load();
  return current;
}

/** Rename the station; returns why the name was refused, or null once it is saved. */
export function setStation(name: string): string | null {
  const problem = stationNameProblem(name);
  if (problem) return problem;
  current = name.trim();
  try {
    window.localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Not persisted; the name still applies to this page.
  }
  for (const l of listeners) l();
  return null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: the station's name, re-rendering when it is renamed. */
export function useStation(): string {
  return useSyncExternalStore(subscribe, getStation);
}
