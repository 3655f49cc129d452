import { describe, expect, it } from 'vitest';
import {
  ANY_KEY,
  createKeyRegistry,
  isCharacterKey,
  type KeyBinding,
  type KeyPress,
  type KeyRegistry,
} from '../../src/keyboard/keyScopes';
import { listenForKeys } from '../../src/keyboard/keyboardLayer';
import { keymapBindings } from '../../src/procedure/input/keyBindings';
import { KEYMAP } from '../../src/procedure/input/keymap';
import { comboFromEvent } from '../../src/keyboard/keyCombo';

/** A key press as the DOM listener would report it. */
function press(
  key: string,
  opts: { shift?: boolean; ctrl?: boolean; repeat?: boolean; target?: KeyPress['target'] } = {},
) {
  const combo = comboFromEvent({
    key,
    shiftKey: !!opts.shift,
    ctrlKey: !!opts.ctrl,
    altKey: false,
    metaKey: false,
  });
  return { key, combo, repeat: !!opts.repeat, target: opts.target ?? 'page' } satisfies KeyPress;
}

/** Bindings that record which ran, in order. */
function recorder() {
  const log: string[] = [];
  const bind = (id: string, keys: string[], extra: Partial<KeyBinding> = {}): KeyBinding => ({
    id,
    keys,
    label: id,
    onDown: () => log.push(id),
    ...extra,
  });
  const pedal = (id: string, key: string): KeyBinding => ({
    id,
    keys: [key],
    held: true,
    ignoreShift: true,
    onDown: () => log.push(`${id}:down`),
    onUp: () => log.push(`${id}:up`),
  });
  return { log, bind, pedal };
}

describe('key scopes: precedence', () => {
  it('runs the binding of the most recently enabled screen scope; other keys still reach older scopes', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('menu', { bindings: [bind('menu.m', ['m']), bind('menu.enter', ['Enter'])] });
    k.register('panel', { bindings: [bind('panel.m', ['m'])] });
    expect(k.keyDown(press('m'))).toBe(true);
    expect(k.keyDown(press('Enter'))).toBe(true);
    expect(log).toEqual(['panel.m', 'menu.enter']);
    expect(k.activeScopes()).toEqual(['panel', 'menu']);
  });

  it('a key nobody binds is left to the browser; Ctrl/Alt/Meta combos never reach a binding', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('screen', { bindings: [bind('w', ['w'])] });
    expect(k.keyDown(press('q'))).toBe(false);
    expect(k.keyDown(press('w', { ctrl: true }))).toBe(false);
    expect(log).toEqual([]);
  });

  it('Shift makes a different combo unless the binding ignores Shift', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('screen', { bindings: [bind('w', ['w']), bind('m', ['m'], { ignoreShift: true })] });
    expect(k.keyDown(press('W', { shift: true }))).toBe(false);
    expect(k.keyDown(press('M', { shift: true }))).toBe(true);
    expect(log).toEqual(['m']);
  });

  it('a fallback scope gets only the keys no screen binds, whenever it was mounted', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    const screen = k.register('procedure', { bindings: [bind('procedure.help', ['F1', '?'])] });
    k.register('app', { bindings: [bind('app.help', ['F1', '?']), bind('app.other', ['F2'])], fallback: true });
    k.keyDown(press('F1'));
    k.keyDown(press('F2'));
    screen.remove();
    k.keyDown(press('?'));
    expect(log).toEqual(['procedure.help', 'app.other', 'app.help']);
  });

  it('a disabled scope gets nothing; enabled again it is the most recent', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    const a = k.register('a', { bindings: [bind('a.x', ['x'])] });
    k.register('b', { bindings: [bind('b.x', ['x'])] });
    a.update({ bindings: [bind('a.x', ['x'])], enabled: false });
    k.keyDown(press('x'));
    a.update({ bindings: [bind('a.x', ['x'])], enabled: true });
    k.keyDown(press('x'));
    expect(log).toEqual(['b.x', 'a.x']);
  });

  it('runs the latest handlers after an update', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    const s = k.register('s', { bindings: [bind('old', ['x'])] });
    s.update({ bindings: [bind('new', ['x'])] });
    k.keyDown(press('x'));
    expect(log).toEqual(['new']);
  });
});

describe('key scopes: modal capture', () => {
  it('the most recent modal scope captures every key: the screen below gets none, not even unbound ones', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('procedure', { bindings: [bind('procedure.w', ['w']), bind('procedure.help', ['F1'])] });
    k.register('app', { bindings: [bind('app.help', ['F2'])], fallback: true });
    const help = k.register('help', { bindings: [bind('help.close', ['Escape', 'F1'])], modal: true });
    expect(k.keyDown(press('w'))).toBe(false);
    expect(k.keyDown(press('F2'))).toBe(false);
    k.keyDown(press('F1'));
    k.keyDown(press('Escape'));
    expect(log).toEqual(['help.close', 'help.close']);
    expect(k.activeScopes()).toEqual(['help']);
    help.remove();
    k.keyDown(press('w'));
    expect(log.at(-1)).toBe('procedure.w');
  });

  it('of two dialogs the one opened last captures, an older screen scope mounted after them does not', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('settings', { bindings: [bind('settings.esc', ['Escape'])], modal: true });
    k.register('help', { bindings: [bind('help.esc', ['Escape'])], modal: true });
    k.register('screen', { bindings: [bind('screen.esc', ['Escape'])] });
    k.keyDown(press('Escape'));
    expect(log).toEqual(['help.esc']);
  });

  it('ANY_KEY takes any key (modifiers and form fields included) but Escape, which stays the way out', () => {
    const k = createKeyRegistry();
    const taken: string[] = [];
    const { log, bind } = recorder();
    k.register('settings', {
      modal: true,
      bindings: [
        bind('settings.close', ['Escape']),
        { id: 'capture', keys: [ANY_KEY], inForms: 'always', onDown: (p) => taken.push(p.key) },
      ],
    });
    k.keyDown(press('q'));
    k.keyDown(press(' ', { target: 'form' }));
    k.keyDown(press('Control', { ctrl: true }));
    k.keyDown(press('Escape'));
    expect(taken).toEqual(['q', ' ', 'Control']);
    expect(log).toEqual(['settings.close']);
    // Escape in a form field is typing: neither the close binding nor the capture takes it.
    expect(k.keyDown(press('Escape', { target: 'form' }))).toBe(false);
    expect(k.helpListing().sections).toEqual([]);
  });
});

describe('key scopes: form fields', () => {
  it('typing in a field is not a key unless the binding says so ("inputs": Enter in the seed field starts)', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('menu', {
      bindings: [bind('start', ['Enter'], { inForms: 'inputs' }), bind('mode', ['m'])],
    });
    expect(k.keyDown(press('m', { target: 'input' }))).toBe(false);
    expect(k.keyDown(press('Enter', { target: 'input' }))).toBe(true);
    // Enter on a focused button or in a textarea is the control's own.
    expect(k.keyDown(press('Enter', { target: 'form' }))).toBe(false);
    expect(log).toEqual(['start']);
  });
});

describe('key scopes: auto-repeat', () => {
  it('repeats run a binding again unless it says repeat: false; a consumed repeat is still taken from the browser', () => {
    const k = createKeyRegistry();
    const { log, bind } = recorder();
    k.register('s', { bindings: [bind('step', ['ArrowRight']), bind('next', ['Enter'], { repeat: false })] });
    k.keyDown(press('ArrowRight'));
    k.keyDown(press('ArrowRight', { repeat: true }));
    k.keyDown(press('Enter'));
    expect(k.keyDown(press('Enter', { repeat: true }))).toBe(true);
    expect(log).toEqual(['step', 'step', 'next']);
  });

  it('the procedure: phase.next and the General group ignore repeats, the other actions repeat', () => {
    const k = createKeyRegistry();
    const ran: string[] = [];
    k.register('procedure', {
      bindings: keymapBindings(
        KEYMAP,
        ' ',
        (a) => ran.push(a.id),
        () => {},
      ),
    });
    for (const key of ['Enter', 't', 'f', 'w', '=']) {
      k.keyDown(press(key));
      k.keyDown(press(key, { repeat: true }));
    }
    expect(ran).toEqual([
      'phase.next',
      'time.wait30',
      'ui.speed',
      'needle.advance2',
      'needle.advance2',
      'balloon.inflate',
      'balloon.inflate',
    ]);
  });
});

describe('key scopes: held keys (the fluoro pedal)', () => {
  it('down on the first press, auto-repeat and a second press ignored, up on key up (with or without Shift)', () => {
    const k = createKeyRegistry();
    const { log, pedal } = recorder();
    k.register('procedure', { bindings: [pedal('pedal', ' ')] });
    expect(k.keyDown(press(' '))).toBe(true);
    expect(k.keyDown(press(' ', { repeat: true }))).toBe(true);
    expect(k.keyDown(press(' ', { shift: true }))).toBe(true);
    expect(k.heldDown()).toEqual(['pedal']);
    expect(k.keyUp(' ')).toBe(true);
    expect(k.keyUp(' ')).toBe(true);
    expect(log).toEqual(['pedal:down', 'pedal:up']);
  });

  it('released on blur or a hidden page (releaseHeld), and when its scope goes or drops it', () => {
    const k = createKeyRegistry();
    const { log, pedal, bind } = recorder();
    const s = k.register('procedure', { bindings: [pedal('pedal', ' ')] });
    k.keyDown(press(' '));
    k.releaseHeld();
    k.keyDown(press(' '));
    s.remove();
    const t = k.register('procedure', { bindings: [pedal('pedal', ' ')] });
    k.keyDown(press(' '));
    t.update({ bindings: [bind('other', ['x'])] });
    expect(log).toEqual(['pedal:down', 'pedal:up', 'pedal:down', 'pedal:up', 'pedal:down', 'pedal:up']);
    expect(k.heldDown()).toEqual([]);
  });

  it('stays down across a re-render that keeps it (the latest onUp runs), and when a dialog opens over it', () => {
    const k = createKeyRegistry();
    const { log, pedal } = recorder();
    const s = k.register('procedure', { bindings: [pedal('pedal', ' ')] });
    k.keyDown(press(' '));
    const ups: string[] = [];
    s.update({ bindings: [{ ...pedal('pedal', ' '), onUp: () => ups.push('latest') }] });
    k.register('help', { bindings: [], modal: true });
    // Under the dialog the pedal cannot be pressed, but its key up still releases it.
    expect(k.keyUp(' ')).toBe(true);
    expect(log).toEqual(['pedal:down']);
    expect(ups).toEqual(['latest']);
    expect(k.keyDown(press(' '))).toBe(false);
    // Pressed and let go again under the dialog, the key is the dialog's: its key up is not taken
    // (Space ticks a checkbox on key up; taking it would cancel the tick).
    expect(k.keyUp(' ')).toBe(false);
  });

  it('is disabled with its scope: released, and no press reaches it', () => {
    const k = createKeyRegistry();
    const { log, pedal } = recorder();
    const s = k.register('procedure', { bindings: [pedal('pedal', 'F2')] });
    k.keyDown(press('F2', { shift: true }));
    s.update({ bindings: [pedal('pedal', 'F2')], enabled: false });
    expect(k.keyDown(press('F2'))).toBe(false);
    expect(log).toEqual(['pedal:down', 'pedal:up']);
  });

  it('the procedure pedal follows the configured key', () => {
    const k = createKeyRegistry();
    const log: boolean[] = [];
    k.register('procedure', {
      bindings: keymapBindings(
        KEYMAP,
        'F2',
        () => {},
        (down) => log.push(down),
      ),
    });
    expect(k.keyDown(press(' '))).toBe(false);
    k.keyDown(press('F2'));
    k.keyUp('F2');
    expect(log).toEqual([true, false]);
  });
});

describe('key scopes: the help listing', () => {
  it('lists the active screen scopes by section, most recent first, without shadowed keys, modal and unlabelled bindings', () => {
    const k = createKeyRegistry();
    const { bind } = recorder();
    k.register('App', { bindings: [bind('Help', ['F1', '?'], { group: 'General' })], fallback: true });
    k.register('Debrief', { bindings: [bind('Download', ['d']), bind('Menu', ['Escape', 'm'])], note: 'A note.' });
    k.register('Replay', {
      bindings: [bind('Next step', ['ArrowRight']), bind('Next image', ['Shift+ArrowRight']), bind('Shadow', ['d'])],
    });
    k.register('Hidden', { bindings: [{ id: 'x', keys: ['x'], onDown: () => {} }] });
    k.register('Off', { bindings: [bind('Off', ['o'])], enabled: false });
    k.register('Dialog', { bindings: [bind('Close', ['Escape'])], modal: true });
    expect(k.helpListing()).toEqual({
      sections: [
        {
          title: 'Replay',
          rows: [
            { keys: ['→'], label: 'Next step' },
            { keys: ['Shift+→'], label: 'Next image' },
            { keys: ['D'], label: 'Shadow' },
          ],
        },
        { title: 'Debrief', rows: [{ keys: ['Esc', 'M'], label: 'Menu' }] },
        { title: 'General', rows: [{ keys: ['F1', '?'], label: 'Help' }] },
      ],
      notes: ['A note.'],
    });
  });

  it('the procedure lists every keymap action in the order of its groups, the pedal with its current key, and its note', () => {
    const k = createKeyRegistry();
    const bindings = keymapBindings(
      KEYMAP,
      'F2',
      () => {},
      () => {},
    );
    k.register('Procedure', { bindings, note: 'Pedal note.' });
    const { sections, notes } = k.helpListing();
    expect(sections.map((s) => s.title)).toEqual([
      'General',
      'Case review and pre-op checklist',
      'Positioning',
      'C-arm and fluoroscopy',
      'Access, trocar and working channel',
      'Balloon (inflatable bone tamp)',
      'Cement',
      'Instrument removal and recovery',
    ]);
    expect(sections.flatMap((s) => s.rows)).toHaveLength(KEYMAP.length);
    expect(sections[3].rows[0]).toEqual({ keys: ['F2'], label: 'Fluoro pedal (hold)' });
    expect(sections[0].rows.at(-1)?.label).toMatch(/working side/);
    expect(notes).toEqual(['Pedal note.']);
  });

  it('tells subscribers when the listing may change, not on every re-render with the same keys', () => {
    const k = createKeyRegistry();
    const { bind } = recorder();
    let calls = 0;
    k.subscribe(() => calls++);
    const s = k.register('s', { bindings: [bind('a', ['a'])] });
    s.update({ bindings: [bind('a', ['a'])] });
    expect(calls).toBe(1);
    s.update({ bindings: [bind('a', ['b'])] });
    s.remove();
    expect(calls).toBe(3);
  });
});

describe('the DOM listener', () => {
  /** A window stand-in: Node has EventTarget and Event, no DOM. */
  function fakeWindow() {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    return Object.assign(new EventTarget(), { document: doc });
  }
  function keyEvent(type: string, key: string, repeat = false) {
    const e = new Event(type, { cancelable: true });
    return Object.assign(e, { key, repeat, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false });
  }

  function setup(): { k: KeyRegistry; win: ReturnType<typeof fakeWindow>; log: string[]; stop: () => void } {
    const k = createKeyRegistry();
    const { log, bind, pedal } = recorder();
    k.register('procedure', { bindings: [pedal('pedal', ' '), bind('w', ['w'])] });
    // isFormTarget asks `instanceof HTMLElement`: a target that is none is the page.
    (globalThis as Record<string, unknown>).HTMLElement ??= class {};
    (globalThis as Record<string, unknown>).HTMLInputElement ??= class {};
    const win = fakeWindow();
    const stop = listenForKeys(k, win as unknown as Window);
    return { k, win, log, stop };
  }

  it('prevents the default of the keys a binding takes only, and releases the pedal on blur and on a hidden page', () => {
    const { win, log, stop } = setup();
    const w = keyEvent('keydown', 'w');
    const q = keyEvent('keydown', 'q');
    win.dispatchEvent(w);
    win.dispatchEvent(q);
    expect([w.defaultPrevented, q.defaultPrevented]).toEqual([true, false]);
    win.dispatchEvent(keyEvent('keydown', ' '));
    win.dispatchEvent(new Event('blur'));
    win.dispatchEvent(keyEvent('keydown', ' '));
    win.document.visibilityState = 'hidden';
    win.document.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(keyEvent('keydown', ' '));
    const up = keyEvent('keyup', ' ');
    win.dispatchEvent(up);
    expect(up.defaultPrevented).toBe(true);
    expect(log).toEqual(['w', 'pedal:down', 'pedal:up', 'pedal:down', 'pedal:up', 'pedal:down', 'pedal:up']);
    // Stopping releases what is down and listens no more.
    win.dispatchEvent(keyEvent('keydown', ' '));
    stop();
    win.dispatchEvent(keyEvent('keydown', 'w'));
    expect(log.slice(-2)).toEqual(['pedal:down', 'pedal:up']);
  });
});

describe('key scopes: the switch for single-character shortcuts (WCAG 2.1.4)', () => {
  it('off, a letter, digit or symbol alone reaches only the remappable scope; named keys still run everywhere', () => {
    let on = true;
    const kb = createKeyRegistry({ characterKeys: () => on });
    const { log, bind } = recorder();
    kb.register('Menu', { bindings: [bind('history', ['h']), bind('start', ['Enter']), bind('down', ['ArrowDown'])] });
    kb.register('App', { bindings: [bind('help', ['F1']), bind('help?', ['?'])], fallback: true });
    kb.register('Procedure', { bindings: [bind('tap', ['y']), bind('pedal-space', [' '])], remappable: true });

    for (const k of ['h', 'y', '?']) kb.keyDown(press(k));
    expect(log.splice(0)).toEqual(['history', 'tap', 'help?']);

    on = false;
    expect(kb.keyDown(press('h'))).toBe(false);
    expect(kb.keyDown(press('H', { shift: true }))).toBe(false);
    expect(kb.keyDown(press('?'))).toBe(false);
    expect(log).toEqual([]);
    // The procedure's own keys are remapped one by one instead: they run.
    expect(kb.keyDown(press('y'))).toBe(true);
    // Named keys are not character shortcuts: Enter, the arrows, F1 and Space run as before.
    for (const k of ['Enter', 'ArrowDown', 'F1', ' ']) expect(kb.keyDown(press(k)), k).toBe(true);
    expect(log).toEqual(['tap', 'start', 'down', 'help', 'pedal-space']);
    // Ctrl combos belong to the browser either way.
    expect(isCharacterKey(press('h', { ctrl: true }))).toBe(false);
  });
});
