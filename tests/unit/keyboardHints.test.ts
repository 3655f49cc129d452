import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BalloonControls } from '../../src/procedure/panels/BalloonControls';
import { KeyboardHintsContext } from '../../src/procedure/panels/keyboardHints';
import { TrocarPanel } from '../../src/procedure/panels/TrocarPanel';

/**
 * The panels print the keys that work them at the station, and none where keyboard hints are
 * off (the live viewer: the watching instructor has no keys to press). The live viewer's own wiring
 * is checked in the browser (tests/e2e/watchLive.spec.ts).
 */
const noop = () => {};
const entry = { side: 'left' as const, lateralMm: 0, cranialMm: 0 };
const panels: readonly [string, ReactElement][] = [
  ['trocar panel before the entry', createElement(TrocarPanel, { trocar: null, entry, mode: 'practice', events: [] })],
  ['balloon controls', createElement(BalloonControls, { allowed: ['balloon.inflate'], onAction: noop })],
];

const render = (panel: ReactElement, hints?: boolean) =>
  renderToStaticMarkup(
    hints === undefined ? panel : createElement(KeyboardHintsContext.Provider, { value: hints }, panel),
  );

describe('keyboard hints on the procedure panels', () => {
  it.each(panels)('the %s prints its keys at the station', (_, panel) => {
    expect(render(panel)).toContain('<kbd>');
    expect(render(panel, true)).toContain('<kbd>');
  });

  it.each(panels)('the %s prints no key where hints are off, and still shows its content', (_, panel) => {
    const html = render(panel, false);
    expect(html).not.toContain('<kbd>');
    expect(html).toMatch(/Planned entry|Inflate/);
  });

  it('names the keys in a button tooltip only where hints are on', () => {
    const controls = panels[1][1];
    expect(render(controls)).toContain('title="Insert balloon (B)"');
    expect(render(controls, false)).toContain('title="Insert balloon"');
    expect(render(controls, false)).not.toMatch(/title="[^"]*\(/);
  });
});
