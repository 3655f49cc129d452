// The scenarios the replay benches time (replaySpeed.ts, replayAB.ts).

/** The expert plans of levels/plans/ on their scenarios, with the seeds of their golden replays. */
export const SCENARIOS = [
  { name: 'kyphoplasty L1', level: 'l1-osteoporotic-wedge', plan: 'textbook-kyphoplasty', seed: 42 },
  {
    name: 'bipedicular kyphoplasty L2',
    level: 'l2-osteoporotic-wedge-bipedicular',
    plan: 'textbook-kyphoplasty-bipedicular',
    seed: 42,
  },
  { name: 'vertebroplasty T12', level: 't12-biconcave-vertebroplasty', plan: 'textbook-vertebroplasty', seed: 3 },
  {
    name: 'vertebroplasty L1 wall defect',
    level: 'l1-myeloma-posterior-wall-defect',
    plan: 'textbook-vertebroplasty',
    seed: 3,
  },
] as const;
