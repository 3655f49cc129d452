import type { ChecklistItem } from '../core/commands';

/** Items ticked in case review: is this the right patient for the procedure at all? */
export const CASE_REVIEW_ITEMS: readonly ChecklistItem[] = ['history', 'imaging', 'candidacy'];

/**
 * Items ticked in pre-op. Only the time-out is a hard stop (Universal Protocol: no incision
 * without it); the others are allowed to be missed and are scored later.
 */
export const PRE_OP_ITEMS: readonly ChecklistItem[] = ['consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'];

/** Every checklist item, unticked: the machine's starting checklist. */
export const EMPTY_CHECKLIST: Readonly<Record<ChecklistItem, boolean>> = {
  history: false,
  imaging: false,
  candidacy: false,
  consent: false,
  labs: false,
  antibiotics: false,
  anaesthesia: false,
  timeOut: false,
};

/** How an item reads in a sentence ("Tick the time-out first."). */
export const CHECKLIST_LABELS: Readonly<Record<ChecklistItem, string>> = {
  history: 'the history',
  imaging: 'the imaging',
  candidacy: 'candidacy',
  consent: 'consent',
  labs: 'the labs',
  antibiotics: 'antibiotics',
  anaesthesia: 'anaesthesia',
  timeOut: 'the time-out',
};

/** How an item reads as a line of a checklist or a score report. */
export const CHECKLIST_TITLES: Readonly<Record<ChecklistItem, string>> = {
  history: 'History reviewed',
  imaging: 'Imaging reviewed',
  candidacy: 'Candidacy confirmed',
  consent: 'Consent signed',
  labs: 'Labs checked (INR, platelets)',
  antibiotics: 'Antibiotics given (about 30 min before)',
  anaesthesia: 'Anaesthesia / sedation',
  timeOut: 'Time-out completed',
};
