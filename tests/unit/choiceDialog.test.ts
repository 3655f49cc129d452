import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COUNSEL_TOPICS, DECLINE_REASONS } from '../../sim/core';
import { CounselDialog } from '../../src/procedure/panels/CounselDialog';
import { DeclineDialog } from '../../src/procedure/panels/DeclineDialog';

const noop = () => {};
const counsel = renderToStaticMarkup(createElement(CounselDialog, { onCounsel: noop, onCancel: noop }));
const decline = renderToStaticMarkup(createElement(DeclineDialog, { onDecline: noop, onCancel: noop }));

/* Both dialogs are the one ChoiceDialog shell: what the browser tests find in each (ids, inputs, buttons). */
describe('choice dialogs', () => {
  it('counselling ticks topics (checkboxes), nothing ticked at first', () => {
    expect(counsel).toContain('data-testid="counsel-dialog"');
    expect(counsel).toContain('aria-label="Counsel the patient"');
    expect(counsel.match(/type="checkbox" data-testid="counsel-topic-[A-Za-z]+" name="counsel-topic"/g)?.length).toBe(
      COUNSEL_TOPICS.length,
    );
    for (const t of COUNSEL_TOPICS) expect(counsel).toContain(`data-testid="counsel-topic-${t}"`);
    expect(counsel).not.toContain('checked');
    expect(counsel).toContain('data-testid="counsel-confirm"');
    expect(counsel).toMatch(/Counsel <kbd>Enter<\/kbd>/);
    expect(counsel).toMatch(/Cancel <kbd>Esc<\/kbd>/);
    expect(counsel).not.toContain('class="muted"');
  });

  it('declining chooses one reason (radio buttons) and says it ends the attempt', () => {
    expect(decline).toContain('data-testid="decline-dialog"');
    expect(decline.match(/type="radio" data-testid="decline-reason-[A-Za-z]+" name="decline-reason"/g)?.length).toBe(
      DECLINE_REASONS.length,
    );
    for (const r of DECLINE_REASONS) expect(decline).toContain(`data-testid="decline-reason-${r}"`);
    expect(decline).toContain('data-testid="decline-confirm"');
    expect(decline).toMatch(/Decline <kbd>Enter<\/kbd>/);
    expect(decline).toContain('<p class="muted">Declining ends the attempt');
  });
});
