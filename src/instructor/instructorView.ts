/**
 * Where the instructor was on their screen (tab, cohort), kept for the page's life so that coming
 * back from a debrief or a comparison lands where they left, not on the first tab.
 */
export type InstructorTab = 'cohorts' | 'assignments' | 'results';

export interface InstructorView {
  readonly tab: InstructorTab;
  readonly cohortId: string | null;
}

let view: InstructorView = { tab: 'cohorts', cohortId: null };

export const lastInstructorView = (): InstructorView => view;

export function rememberInstructorView(next: InstructorView): void {
  view = next;
}
