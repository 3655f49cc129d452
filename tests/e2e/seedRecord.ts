import type { Page } from '@playwright/test';

/**
 * Before the app's first load in this tab, write one attempt record into a version 1 record database
 * (the attempts store as the first release made it): the app upgrades it and offers the attempt as
 * any it found. Only once per tab, so a reload sees what the app did with it.
 */
export async function seedRecordDb(page: Page, record: Record<string, unknown>): Promise<void> {
  await page.addInitScript((r) => {
    if (sessionStorage.getItem('kyphosim-test-seeded')) return;
    sessionStorage.setItem('kyphosim-test-seeded', '1');
    const open = indexedDB.open('kyphosim-record', 1);
    open.onupgradeneeded = () => {
      const attempts = open.result.createObjectStore('attempts', { keyPath: 'id' });
      attempts.createIndex('trainee', 'trainee');
      attempts.createIndex('status', 'status');
      attempts.put(r);
    };
    open.onsuccess = () => open.result.close();
  }, record);
}

export interface InProgressAttempt {
  readonly id: string;
  readonly trainee: string;
  readonly scenario: { readonly id: string; readonly title: string };
  /** The attempt file so far (rehearsedAttempt.ts, or a golden attempt cut short). */
  readonly file: unknown;
  /** The sim time the file reaches, which the resume offer shows. */
  readonly simTimeS: number;
  readonly seed: number;
}

/**
 * A practice attempt played here and left in progress, as seedRecordDb writes it: started on
 * 5 January 2026 at 08:00 UTC and last saved twenty minutes later (fixed times, so a spec's
 * screenshots and the resume offer read the same on every run).
 */
export function inProgressRecord(a: InProgressAttempt): Record<string, unknown> {
  return {
    id: a.id,
    trainee: a.trainee,
    scenarioId: a.scenario.id,
    scenarioTitle: a.scenario.title,
    seed: a.seed,
    mode: 'practice',
    status: 'in-progress',
    source: 'played',
    startedAt: Date.UTC(2026, 0, 5, 8, 0),
    updatedAt: Date.UTC(2026, 0, 5, 8, 20),
    simTimeS: a.simTimeS,
    file: a.file,
  };
}
