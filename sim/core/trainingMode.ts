/** Practice may hint; an exam never does (the machine, the panels and the scoring read it). */
export type TrainingMode = 'practice' | 'exam';
