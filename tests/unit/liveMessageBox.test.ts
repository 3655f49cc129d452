import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LiveMessageBox } from '../../src/live/LiveMessageBox';

const render = (mode: 'practice' | 'exam', ended = false) =>
  renderToStaticMarkup(createElement(LiveMessageBox, { attemptId: 'a', mode, ended }));

/** Whether the element with this test id is rendered disabled. */
const disabled = (html: string, testId: string) =>
  new RegExp(`<[^>]*disabled=""[^>]*data-testid="${testId}"|<[^>]*data-testid="${testId}"[^>]*disabled=""`).test(html);

describe("the live viewer's message box", () => {
  it('an exam: every control disabled, with the reason', () => {
    const html = render('exam');
    expect(html).toContain('An exam can be watched, not touched');
    for (const id of ['live-note-text', 'live-send-note', 'live-pause', 'live-resume'])
      expect(disabled(html, id)).toBe(true);
  });

  it('a practice attempt in progress: the note box and Pause are open', () => {
    const html = render('practice');
    expect(html).not.toContain('live-messages-disabled');
    expect(disabled(html, 'live-note-text')).toBe(false);
    expect(disabled(html, 'live-pause')).toBe(false);
    // Nothing to resume before a pause, and no empty note to send.
    expect(disabled(html, 'live-resume')).toBe(true);
    expect(disabled(html, 'live-send-note')).toBe(true);
  });

  it('an attempt that is over: disabled, with the reason', () => {
    const html = render('practice', true);
    expect(html).toContain('The attempt is over');
    expect(disabled(html, 'live-pause')).toBe(true);
  });
});
