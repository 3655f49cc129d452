import { describe, expect, it } from 'vitest';
import { emptyReview } from '../../src/attempt/attemptReview';
import { interRaterRows, orderedRaters } from '../../src/debrief/interRater';
import type { ServerRating } from '../../src/labClient/instructorApiTypes';

const rating = (
  id: string,
  name: string,
  patch: Partial<ServerRating['ratings']>,
  total: number | null,
): ServerRating => ({
  rater: { id, displayName: name },
  plus: '',
  delta: '',
  ratings: { ...emptyReview().ratings, ...patch },
  total,
  ratedAt: '2026-03-01T10:00:00Z',
});

describe('every rater side by side', () => {
  const ines = rating('i-1', 'Dr Ines', { respectForTissue: 4, useOfImaging: 2 }, 6);
  const bob = rating('i-2', 'Dr Bob', { respectForTissue: 2, useOfImaging: 2, timeAndMotion: 3 }, 7);
  const cy = rating('i-3', 'Dr Cy', { respectForTissue: 5 }, 5);

  it('puts the signed-in rater first, then the others by name', () => {
    expect(orderedRaters([cy, ines, bob], 'i-1').map((r) => r.rater.id)).toEqual(['i-1', 'i-2', 'i-3']);
    expect(orderedRaters([cy, ines, bob], null).map((r) => r.rater.id)).toEqual(['i-2', 'i-3', 'i-1']);
  });

  it("sets each item's scores by rater with their range, and the totals last", () => {
    const rows = interRaterRows([ines, bob, cy]);
    expect(rows.map((r) => r.id)).toEqual([
      'respectForTissue',
      'timeAndMotion',
      'instrumentHandling',
      'knowledgeOfInstruments',
      'knowledgeOfProcedure',
      'flowOfOperation',
      'useOfImaging',
      'total',
    ]);
    expect(rows[0]).toMatchObject({ label: 'Respect for tissue', scores: [4, 2, 5], range: 3 });
    // One rater alone gives no range; nobody gives none either.
    expect(rows[1]).toMatchObject({ scores: [null, 3, null], range: null });
    expect(rows[2]).toMatchObject({ scores: [null, null, null], range: null });
    expect(rows[6]).toMatchObject({ scores: [2, 2, null], range: 0 });
    expect(rows[7]).toMatchObject({ scores: [6, 7, 5], range: 2 });
  });
});
