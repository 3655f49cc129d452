import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GlobalRatingForm } from '../../src/debrief/GlobalRatingForm';
import { RATING_ITEMS, emptyReview, reviewTotal, type AttemptReview } from '../../src/attempt/attemptReview';

const render = (initialReview?: AttemptReview) =>
  renderToStaticMarkup(createElement(GlobalRatingForm, { initialReview }));

describe('attempt review', () => {
  it('starts empty: no notes, no rater, nothing rated', () => {
    const r = emptyReview();
    expect(r.plus + r.delta + r.raterName).toBe('');
    expect(Object.keys(r.ratings).sort()).toEqual(RATING_ITEMS.map((i) => i.id).sort());
    expect(reviewTotal(r)).toEqual({ sum: 0, rated: 0, max: 35 });
  });

  it('sums the ratings given and counts them', () => {
    const r = {
      ...emptyReview(),
      ratings: { ...emptyReview().ratings, respectForTissue: 4, useOfImaging: 2 },
    } as AttemptReview;
    expect(reviewTotal(r)).toEqual({ sum: 6, rated: 2, max: 35 });
  });

  it('every item has anchors at 1, 3 and 5', () => {
    for (const it of RATING_ITEMS) expect(it.anchors.every((a) => a.length > 10)).toBe(true);
  });
});

describe('global rating form markup', () => {
  it('has plus and delta notes, a radio group 1-5 per item with its anchors, and the rater', () => {
    const out = render();
    expect(out).toContain('data-testid="review-plus"');
    expect(out).toContain('data-testid="review-delta"');
    expect(out).toContain('data-testid="review-rater"');
    expect(out.match(/<fieldset/g)).toHaveLength(RATING_ITEMS.length);
    expect(out.match(/type="radio"/g)).toHaveLength(RATING_ITEMS.length * 5);
    for (const it of RATING_ITEMS) {
      expect(out).toContain(`<legend>${it.label}</legend>`);
      expect(out).toContain(`aria-label="${it.label}: 5, ${it.anchors[2]}"`);
    }
    expect(out).not.toMatch(/checked=""/);
    expect(out).toContain('not rated');
  });

  it('shows a saved review: its notes, its ratings checked, its rater and its total', () => {
    const saved: AttemptReview = {
      plus: 'Clean docking',
      delta: 'Fewer lateral shots',
      ratings: { ...emptyReview().ratings, timeAndMotion: 3, useOfImaging: 5 },
      raterName: 'Dr Rivera',
    };
    const out = render(saved);
    expect(out).toContain('Clean docking</textarea>');
    expect(out).toContain('Fewer lateral shots</textarea>');
    expect(out).toContain('value="Dr Rivera"');
    expect(out.match(/checked=""/g)).toHaveLength(2);
    expect(out).toMatch(/name="[^"]*useOfImaging" checked="" value="5"/);
    expect(out).toContain('8 / 35 (2 of 7 items)');
  });
});
