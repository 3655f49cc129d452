/**
 * The instructor's review of an attempt: plus/delta notes and a global rating in the style of OSATS
 * (Objective Structured Assessment of Technical Skills; Martin et al., Br J Surg 1997;84:273-8),
 * whose items are rated 1-5 with behavioural anchors at 1, 3 and 5. The items are OSATS's, adapted
 * to a fluoroscopy-guided procedure (use of imaging replaces use of assistants). Plain data, saved
 * with the attempt by the record (this module stores nothing).
 */
export type RatingItemId =
  | 'respectForTissue'
  | 'timeAndMotion'
  | 'instrumentHandling'
  | 'knowledgeOfInstruments'
  | 'knowledgeOfProcedure'
  | 'flowOfOperation'
  | 'useOfImaging';

export type Rating = 1 | 2 | 3 | 4 | 5;

export interface AttemptReview {
  /** What went well (plus) and what to change next time (delta), free text. */
  readonly plus: string;
  readonly delta: string;
  /** Each item's rating, or null while not rated. */
  readonly ratings: Readonly<Record<RatingItemId, Rating | null>>;
  readonly raterName: string;
}

export interface RatingItem {
  readonly id: RatingItemId;
  readonly label: string;
  /** Behavioural anchors at 1, 3 and 5. */
  readonly anchors: readonly [string, string, string];
}

/** OSATS global rating items and anchors (Martin et al. 1997, table 2), worded for kyphoplasty. */
export const RATING_ITEMS: readonly RatingItem[] = [
  {
    id: 'respectForTissue',
    label: 'Respect for tissue',
    anchors: [
      'Frequent unnecessary force on bone or tissue; breaches',
      'Careful handling, occasional inadvertent force',
      'Consistent, controlled force; no breach',
    ],
  },
  {
    id: 'timeAndMotion',
    label: 'Time and motion',
    anchors: [
      'Many unnecessary moves and passes',
      'Efficient, some unnecessary moves',
      'Economy of movement, maximum efficiency',
    ],
  },
  {
    id: 'instrumentHandling',
    label: 'Instrument handling',
    anchors: [
      'Tentative or awkward moves of trocar, balloon or syringe',
      'Competent use, occasionally stiff or awkward',
      'Fluid moves, no awkwardness',
    ],
  },
  {
    id: 'knowledgeOfInstruments',
    label: 'Knowledge of instruments',
    anchors: [
      'Frequently asked for or used the wrong instrument',
      'Knew the names and uses of most instruments',
      'Familiar with every instrument and its use',
    ],
  },
  {
    id: 'knowledgeOfProcedure',
    label: 'Knowledge of the procedure',
    anchors: [
      'Insufficient knowledge; needed instruction at most steps',
      'Knew all important steps',
      'Familiar with every aspect of the procedure',
    ],
  },
  {
    id: 'flowOfOperation',
    label: 'Flow of operation',
    anchors: [
      'Frequently stopped; unsure of the next move',
      'Some forward planning, reasonable progression',
      'Planned course, effortless flow from one step to the next',
    ],
  },
  {
    id: 'useOfImaging',
    label: 'Use of imaging',
    anchors: [
      'Worked blind or with excessive fluoroscopy; poor views',
      'Adequate views, some unnecessary shots',
      'True views, a shot at every critical step and no more',
    ],
  },
];

/** A review nobody has started: empty notes, nothing rated. */
export function emptyReview(): AttemptReview {
  const ratings = Object.fromEntries(RATING_ITEMS.map((it) => [it.id, null])) as Record<RatingItemId, Rating | null>;
  return { plus: '', delta: '', ratings, raterName: '' };
}

/** Sum of the ratings given and how many items are rated (OSATS reports the sum, 7-35 here). */
export function reviewTotal(review: AttemptReview): {
  readonly sum: number;
  readonly rated: number;
  readonly max: number;
} {
  const given = RATING_ITEMS.map((it) => review.ratings[it.id]).filter((r): r is Rating => r !== null);
  return { sum: given.reduce((s, r) => s + r, 0), rated: given.length, max: RATING_ITEMS.length * 5 };
}
