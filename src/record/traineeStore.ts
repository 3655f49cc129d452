const STORAGE_KEY = 'kyphosim.trainee.v1';

/** The trainee name last typed on the menu (remembered in localStorage; '' when none or storage is off). */
export function getTrainee(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setTrainee(name: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // Storage disabled (private mode): the name lasts until the page closes.
  }
}

/** A trainee name as shown (the history keys on the exact name, trimmed). */
export const traineeLabel = (name: string): string => name.trim() || '(no name)';
