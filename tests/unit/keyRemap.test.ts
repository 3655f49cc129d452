import { afterEach, describe, expect, it, vi } from 'vitest';
import { comboLabel } from '../../src/keyboard/keyCombo';
import { KEYMAP, PEDAL_ACTION_ID } from '../../src/procedure/input/keymap';
import { keymapBindings } from '../../src/procedure/input/keyBindings';
import { applyKeyOverrides, pedalKeyProblem, remapProblem, withOverride } from '../../src/procedure/input/keyRemap';
import { createKeyRegistry } from '../../src/keyboard/keyScopes';
import { keyOverridesOf } from '../../src/settings/settingsStore';

const keysOf = (keymap: ReturnType<typeof applyKeyOverrides>, id: string) => keymap.find((a) => a.id === id)?.keys;

/** Every combo of a keymap, with the actions that have it, where more than one does. */
function doubles(keymap: ReturnType<typeof applyKeyOverrides>): string[] {
  const owners = new Map<string, string[]>();
  for (const a of keymap) for (const k of a.keys) owners.set(k, [...(owners.get(k) ?? []), a.id]);
  return [...owners].filter(([, ids]) => ids.length > 1).map(([k, ids]) => `${k}: ${ids.join(', ')}`);
}

/* Remapping the procedure's keys (WCAG 2.1.4): the overrides, the refusals and their sentences. */
describe('key remapping', () => {
  it('with no overrides the keymap is the keymap, and Esc asks to leave', () => {
    expect(applyKeyOverrides(KEYMAP, {})).toEqual(KEYMAP);
    expect(keysOf(applyKeyOverrides(KEYMAP, {}), 'ui.leave')).toEqual(['Escape']);
  });

  it('an override replaces its action keys, and an empty one turns the key off', () => {
    const map = applyKeyOverrides(KEYMAP, { 'needle.tap': ['F4'], 'carm.zoom': [] });
    expect(keysOf(map, 'needle.tap')).toEqual(['F4']);
    expect(keysOf(map, 'carm.zoom')).toEqual([]);
    expect(doubles(map)).toEqual([]);
  });

  it('a default key an override has taken leaves its own action, so no key runs two', () => {
    // A stored override from before the keymap gave "y" to the mallet.
    const map = applyKeyOverrides(KEYMAP, { 'carm.zoom': ['y'] });
    expect(keysOf(map, 'carm.zoom')).toEqual(['y']);
    expect(keysOf(map, 'needle.tap')).toEqual([]);
    expect(doubles(map)).toEqual([]);
    // Overrides of ids the keymap no longer has are ignored.
    expect(applyKeyOverrides(KEYMAP, { 'gone.action': ['y'] })).toEqual(KEYMAP);
  });

  it('refuses a key in use, naming what uses it, and accepts a free one', () => {
    const map = applyKeyOverrides(KEYMAP, {});
    expect(remapProblem('needle.tap', 'w', map, ' ')).toBe(
      'W is already used (Advance 2 mm): change or turn off that key first.',
    );
    expect(remapProblem('needle.tap', 'F4', map, ' ')).toBeNull();
    // Its own key again is no conflict.
    expect(remapProblem('needle.tap', 'y', map, ' ')).toBeNull();
    // A key freed by turning its action off can be taken.
    const freed = applyKeyOverrides(KEYMAP, { 'needle.advance2': [] });
    expect(remapProblem('needle.tap', 'w', freed, ' ')).toBeNull();
  });

  it('refuses the pedal key, modifiers, F1, Esc and browser combinations with a sentence', () => {
    const map = applyKeyOverrides(KEYMAP, {});
    expect(remapProblem('needle.tap', ' ', map, ' ')).toBe('Space is the fluoro pedal: choose another key.');
    expect(remapProblem('needle.tap', 'Shift+ ', map, ' ')).toMatch(/fluoro pedal/);
    expect(remapProblem('needle.tap', 'F1', map, ' ')).toBe('F1 opens the help on every screen: choose another key.');
    expect(remapProblem('needle.tap', 'Escape', map, ' ')).toMatch(/^Esc closes dialogs/);
    expect(remapProblem('needle.tap', 'CapsLock', map, ' ')).toMatch(/modifier/);
    expect(remapProblem('needle.tap', null, map, ' ')).toMatch(/Ctrl, Alt and Meta belong to the browser/);
  });

  it('the pedal refuses a key an action has (Shift form included), and follows remapped keys', () => {
    const map = applyKeyOverrides(KEYMAP, {});
    expect(pedalKeyProblem('w', map, PEDAL_ACTION_ID)).toMatch(/^W is already used \(Advance 2 mm, Advance 10 mm\)\.$/);
    expect(pedalKeyProblem('Enter', map, PEDAL_ACTION_ID)).toMatch(/cannot be the pedal/);
    expect(pedalKeyProblem('F4', map, PEDAL_ACTION_ID)).toBeNull();
    const moved = applyKeyOverrides(KEYMAP, { 'needle.tap': ['F4'] });
    expect(pedalKeyProblem('F4', moved, PEDAL_ACTION_ID)).toMatch(/^F4 is already used \(Mallet tap/);
    // "y" is free of the mallet now, but its Shift form is still the CT's: a held pedal answers to both.
    expect(pedalKeyProblem('y', moved, PEDAL_ACTION_ID)).toMatch(/^Y is already used \(CT of the treated level/);
  });

  it('withOverride sets, turns off and restores one action', () => {
    const a = withOverride({}, 'needle.tap', ['F4']);
    expect(a).toEqual({ 'needle.tap': ['F4'] });
    expect(withOverride(a, 'carm.zoom', [])).toEqual({ 'needle.tap': ['F4'], 'carm.zoom': [] });
    expect(withOverride(a, 'needle.tap', null)).toEqual({});
  });

  it('a stored entry keeps well-formed overrides only', () => {
    expect(keyOverridesOf({ 'needle.tap': ['F4'], 'carm.zoom': [], bad: 'y', worse: [3], empty: [''] })).toEqual({
      'needle.tap': ['F4'],
      'carm.zoom': [],
    });
    expect(keyOverridesOf(null)).toEqual({});
    expect(keyOverridesOf(['y'])).toEqual({});
  });

  it('the procedure scope runs a remapped key, not the old one, and a remapped pedal is released on blur', () => {
    const map = applyKeyOverrides(KEYMAP, { 'needle.tap': ['F4'] });
    const ran: string[] = [];
    const pedal: boolean[] = [];
    const registry = createKeyRegistry();
    registry.register('Procedure', {
      bindings: keymapBindings(
        map,
        'F8',
        (a) => ran.push(a.id),
        (down) => pedal.push(down),
      ),
    });
    const press = (key: string) => registry.keyDown({ key, combo: key, repeat: false, target: 'page' });
    expect(press('F4')).toBe(true);
    expect(press('y')).toBe(false);
    expect(ran).toEqual(['needle.tap']);
    // The pedal on F8: down on the press, up when the window loses focus (keyboardLayer's blur).
    press('F8');
    expect(pedal).toEqual([true]);
    registry.releaseHeld();
    expect(pedal).toEqual([true, false]);
    expect(comboLabel('F8')).toBe('F8');
  });
});

describe('the settings store', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('keeps the remapped keys and the single-key switch in localStorage and reads them back after a reload', async () => {
    const stored = new Map<string, string>();
    const localStorage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    vi.stubGlobal('window', { localStorage });
    const first = await import('../../src/settings/settingsStore');
    first.updateSettings({ keyOverrides: { 'needle.tap': ['F4'] }, pedalKey: 'F8', characterKeys: false });
    expect(JSON.parse(stored.get('kyphosim.settings.v1') ?? '{}').keyOverrides).toEqual({ 'needle.tap': ['F4'] });
    // A reload: the module reads the entry again, the other screens' single-key shortcuts still off.
    vi.resetModules();
    const second = await import('../../src/settings/settingsStore');
    expect(second.getSettings()).toEqual({
      pedalKey: 'F8',
      inverted: false,
      keyOverrides: { 'needle.tap': ['F4'] },
      characterKeys: false,
    });
  });
});
