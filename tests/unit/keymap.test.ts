import { describe, expect, it } from 'vitest';
import { KEYMAP, keyConflicts } from '../../src/input/keymap';
import { COMMAND_TYPES } from '../../sim/commands';

describe('keymap', () => {
  it('binds no key twice, with the pedal on Space', () => {
    expect(keyConflicts([' '])).toEqual([]);
  });

  it('detects a conflict when the pedal is put on a key already in use', () => {
    expect(keyConflicts(['w']).length).toBeGreaterThan(0);
  });

  it('reaches every command by keyboard', () => {
    const bound = new Set(KEYMAP.map((a) => a.commandType).filter(Boolean));
    const missing = COMMAND_TYPES.filter((t) => !bound.has(t));
    expect(missing).toEqual([]);
  });
});
