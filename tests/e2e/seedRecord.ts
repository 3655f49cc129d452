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
