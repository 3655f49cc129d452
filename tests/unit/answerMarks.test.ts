import { describe, expect, it } from 'vitest';
import { PATIENT_ANSWER_TYPES } from '../../sim/core';
import { COMPLICATION_PROTOCOLS } from '../../sim/scoring/complicationProtocols';
import { ANSWER_LEGEND, ANSWER_MARKS } from '../../src/debrief/vitalPlotModel';

/** Every command a protocol counts as an answer or requires as a measure. */
const protocolAnswers = new Set(
  Object.values(COMPLICATION_PROTOCOLS).flatMap((p) => [...p.answers, ...p.requirements.flatMap((r) => r.commands)]),
);

describe('answers to a complication, one list', () => {
  it('every answer the protocols know is a patient answer, but stopping the cement (a procedure step)', () => {
    const notOnPlot = [...protocolAnswers].filter((t) => !(PATIENT_ANSWER_TYPES as readonly string[]).includes(t));
    expect(notOnPlot).toEqual(['cement.stop']);
  });

  it('every patient answer the protocols know has a glyph and words in the plot legend', () => {
    for (const type of PATIENT_ANSWER_TYPES.filter((t) => protocolAnswers.has(t))) {
      const mark = ANSWER_MARKS[type];
      expect(mark.glyph, type).not.toBe('');
      expect(mark.words, type).not.toBe('');
      expect(ANSWER_LEGEND).toContain(`${mark.glyph} ${mark.words}`);
    }
  });

  it('no two answers share a glyph', () => {
    const glyphs = PATIENT_ANSWER_TYPES.map((t) => ANSWER_MARKS[t].glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
  });
});
