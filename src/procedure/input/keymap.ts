import {
  ALLERGEN_LABELS,
  type ChecklistItem,
  type Command,
  type FluoroMode,
  PROPHYLACTIC_ANTIBIOTICS,
  type ZoomLevel,
} from '../../../sim/core';
import { MAX_SHUTTER_HALF_MM, MIN_SHUTTER_HALF_MM } from '../../../sim/imaging';
import { EXCHANGE_LABELS } from '../../../sim/procedure';
import { CEMENT_DEVICES } from '../../../sim/instruments';
import { fixed } from '../../ui/format';
import type { ActionContext, ActionGroup, ActionOutcome, EntryDraft, KeyAction } from './actionTypes';
import { comboLabel } from '../../keyboard/keyCombo';
import { getSettings, type KeyOverrides } from '../../settings/settingsStore';
import { applyKeyOverrides } from './keyRemap';
import { type ActionId, actionLabel } from './actionLabels';
import {
  AIM_STEP_DEG,
  BALLOON_HOLD_S,
  COLLIMATION_STEP_MM,
  ENTRY_STEP_MM,
  INFLATE_FINE_STEP_ML,
  INFLATE_STEP_ML,
  PAN_FAR_STEP_MM,
  PAN_STEP_MM,
} from './controlSteps';

/**
 * The one keymap. Every action the trainee can take is listed here with its keys and the Command
 * it produces; its words come from actionLabels.ts by its id. The procedure's keyboard scope, the
 * help overlay and the on-screen action bar are all generated from this list, so they cannot
 * disagree. The final map is documented in src/procedure/input/README.md.
 */

/** Checklist items in the order of keys 1..8 (case review: 1-3, pre-op: 4-8). */
export const CHECKLIST_ORDER: readonly ChecklistItem[] = [
  'history',
  'imaging',
  'candidacy',
  'consent',
  'labs',
  'antibiotics',
  'anaesthesia',
  'timeOut',
];

/** Order in which M cycles the exposure modes. */
export const FLUORO_MODES: readonly FluoroMode[] = ['continuous', 'pulsed15', 'pulsed7.5', 'pulsed4', 'lowDose'];

/** The steps its commands take, for the panels and hints that name them. */
export { BALLOON_HOLD_S, INFLATE_FINE_STEP_ML, INFLATE_STEP_ML } from './controlSteps';

/** Id of the held fluoro pedal; its key is remappable (settings), Space by default. */
export const PEDAL_ACTION_ID = 'fluoro.pedal';

/** Order in which the zoom key cycles the electronic magnification. */
export const ZOOM_LEVELS: readonly ZoomLevel[] = [1, 1.5, 2];

/** Open or close the shutters of the active view by one step (carm.collimate is absolute). */
function collimate(ctx: ActionContext, dWidthMm: number, dHeightMm: number): ActionOutcome {
  const c = ctx.snapshot.carm.collimation;
  const f = (v: number) => Math.min(MAX_SHUTTER_HALF_MM, Math.max(MIN_SHUTTER_HALF_MM, v));
  const halfWidthMm = f(c.halfWidthMm + dWidthMm);
  const halfHeightMm = f(c.halfHeightMm + dHeightMm);
  if (halfWidthMm === c.halfWidthMm && halfHeightMm === c.halfHeightMm) {
    return {
      message: dWidthMm + dHeightMm < 0 ? 'The shutters are as narrow as they go.' : 'The shutters are fully open.',
    };
  }
  return { command: { type: 'carm.collimate', halfWidthMm, halfHeightMm } };
}

const send = (command: Command): ActionOutcome => ({ command });

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Re-aim relative to the current trocar angles (needle.aim takes absolute angles). */
function aim(ctx: ActionContext, dMedialDeg: number, dCaudalDeg: number): ActionOutcome {
  const t = ctx.snapshot.trocar;
  if (!t) return { message: 'Set the skin entry first (E).' };
  return send({
    type: 'needle.aim',
    medialDeg: round1(t.medialDeg + dMedialDeg),
    caudalDeg: round1(t.caudalDeg + dCaudalDeg),
  });
}

/** Move or re-side the entry draft; while the trocar is outside the skin the new entry is sent at once. */
function moveEntry(ctx: ActionContext, next: EntryDraft): ActionOutcome {
  const t = ctx.snapshot.trocar;
  if (t && t.milestone !== 'outside') {
    return { message: 'The trocar is in the patient: withdraw it before choosing another entry.' };
  }
  if (!t) return { entry: next };
  return { entry: next, command: { type: 'needle.entry', ...next } };
}

/**
 * Bipedicular kyphoplasty: balloon and cement commands act on the working side; this turns to the
 * other pedicle (side.select), whose instruments are already in.
 */
function switchSide(ctx: ActionContext): ActionOutcome {
  const t = ctx.snapshot.trocar;
  if (!t) return { message: 'Set the skin entry first (E).' };
  return send({ type: 'side.select', side: t.side === 'left' ? 'right' : 'left' });
}

/** Send the exchange step the machine waits for (the real order lives in sim/procedure/exchangeOrder.ts). */
function exchange(ctx: ActionContext): ActionOutcome {
  const step = ctx.snapshot.nextExchangeStep;
  if (!step) return { message: 'No instrument exchange is due now.' };
  return send({ type: 'instrument.exchange', step });
}

/** The next prophylactic antibiotic after the one chosen now (the tick gives the chosen one). */
function nextAntibiotic(ctx: ActionContext): ActionOutcome {
  const now = PROPHYLACTIC_ANTIBIOTICS.indexOf(ctx.snapshot.patient.antibioticChoice);
  return send({
    type: 'antibiotic.choose',
    drug: PROPHYLACTIC_ANTIBIOTICS[(now + 1) % PROPHYLACTIC_ANTIBIOTICS.length],
  });
}

/** Entry actions are live while the machine accepts needle.entry. */
const ENTRY = { commandType: 'needle.entry' } as const;

/** An action; its words are looked up by its id (actionLabels.ts). */
const act = (
  id: ActionId,
  group: ActionGroup,
  keys: readonly string[],
  perform: (ctx: ActionContext) => ActionOutcome,
  extra: Partial<Pick<KeyAction, 'commandType' | 'held' | 'hiddenFromBar' | 'barLabel'>> = {},
): KeyAction => ({ id, group, keys, label: actionLabel(id), perform, ...extra });

const cmd = (id: ActionId, group: ActionGroup, keys: readonly string[], command: Command): KeyAction =>
  act(id, group, keys, () => send(command), { commandType: command.type });

export const KEYMAP: readonly KeyAction[] = [
  cmd('phase.next', 'general', ['Enter'], { type: 'phase.next' }),
  act('ui.help', 'general', ['F1', '?'], () => ({ ui: 'help' })),
  act('ui.invert', 'general', ['i'], () => ({ ui: 'invert' })),
  act('ui.settings', 'general', ['g'], () => ({ ui: 'settings' })),
  act('ui.speed', 'general', ['f'], () => ({ ui: 'speed' })),
  // Leaving asks first (a dialog); dialogs over the procedure take Esc themselves while open. The
  // top bar's Menu button is its pointer way, so it stays off the action bar.
  act('ui.leave', 'general', ['Escape'], () => ({ ui: 'leave' }), { hiddenFromBar: true }),
  cmd('time.wait30', 'general', ['t'], { type: 'time.wait', s: 30 }),
  cmd('time.wait120', 'general', ['Shift+t'], { type: 'time.wait', s: 120 }),
  // The patient, from pre-op to recovery (sim/patient/): a small sedative bolus, and oxygen on or off.
  cmd('sedation.midazolam1', 'general', ['Shift+z'], { type: 'sedation.midazolam', mg: 1 }),
  act(
    'oxygen.toggle',
    'general',
    ['Shift+o'],
    (ctx) => send({ type: 'oxygen.nasal', lPerMin: ctx.snapshot.patient.onOxygen ? 0 : 2 }),
    { commandType: 'oxygen.nasal' },
  ),
  // The answers to a patient in trouble (a cement embolism, over-sedation): fluids, reversal, help.
  cmd('patient.fluids500', 'general', ['Shift+f'], { type: 'patient.fluids', mL: 500 }),
  cmd('sedation.flumazenil02', 'general', ['Shift+g'], { type: 'sedation.flumazenil', mg: 0.2 }),
  cmd('patient.callForHelp', 'general', ['Shift+h'], { type: 'patient.callForHelp' }),
  // A neurological complication (sim/patient/nerveInjury.ts): examine, image, ask the spinal surgeons.
  cmd('neuro.examine', 'general', ['Shift+e'], { type: 'neuro.examine' }),
  cmd('imaging.ct', 'general', ['Shift+y'], { type: 'imaging.ct' }),
  cmd('patient.surgicalOpinion', 'general', ['Shift+q'], { type: 'patient.surgicalOpinion' }),
  // Anaphylaxis: adrenaline 0.5 mg IM (Shift+A), repeatable after 5 min.
  cmd('patient.adrenaline05', 'general', ['Shift+a'], { type: 'patient.adrenaline', mg: 0.5 }),
  // Pre-op: the antibiotic the antibiotics tick gives, in turn cefazolin, clindamycin, vancomycin.
  act('antibiotic.next', 'checklist', ['9'], nextAntibiotic, {
    commandType: 'antibiotic.choose',
    barLabel: (snapshot) => `Antibiotic: ${ALLERGEN_LABELS[snapshot.patient.antibioticChoice]} (change)`,
  }),
  // Once the instruments are out: firm pressure on the puncture sites for 5 min (a bleeding tract).
  cmd('site.compress5', 'general', ['0'], { type: 'site.compress', min: 5 }),

  // Case review: decline the procedure. Opens the dialog that asks why (the reason goes with the command);
  // live only while the machine accepts case.decline. The case screen offers it as a button.
  act('case.decline', 'checklist', ['Shift+n'], () => ({ ui: 'decline' }), {
    commandType: 'case.decline',
    hiddenFromBar: true,
  }),
  // Case review: measure the fractured body on the standing lateral film. Starts the film's cursor (arrows,
  // Enter places a corner, Backspace, Esc: the film's own key scope); the fourth corner sends case.measure.
  act('case.measure', 'checklist', ['Shift+x'], () => ({ ui: 'measure' }), {
    commandType: 'case.measure',
    hiddenFromBar: true,
  }),
  ...CHECKLIST_ORDER.map((item, i) =>
    act(`checklist.${item}`, 'checklist', [String(i + 1)], () => send({ type: 'checklist.tick', item }), {
      commandType: 'checklist.tick',
      hiddenFromBar: true,
    }),
  ),

  cmd('patient.prone', 'positioning', ['p'], { type: 'patient.position', position: 'prone' }),
  cmd('patient.supine', 'positioning', ['Shift+p'], {
    type: 'patient.position',
    position: 'supine',
  }),

  act('fluoro.pedal', 'carm', [], () => ({}), { commandType: 'fluoro.expose', held: true }),
  cmd('carm.ap', 'carm', ['a'], { type: 'carm.view', view: 'AP' }),
  cmd('carm.lateral', 'carm', ['l'], { type: 'carm.view', view: 'lateral' }),
  cmd('carm.orbitMinus', 'carm', ['Shift+ArrowLeft'], { type: 'carm.adjust', dOrbitDeg: -1, dTiltDeg: 0 }),
  cmd('carm.orbitPlus', 'carm', ['Shift+ArrowRight'], { type: 'carm.adjust', dOrbitDeg: 1, dTiltDeg: 0 }),
  cmd('carm.tiltPlus', 'carm', ['Shift+ArrowUp'], {
    type: 'carm.adjust',
    dOrbitDeg: 0,
    dTiltDeg: 1,
  }),
  cmd('carm.tiltMinus', 'carm', ['Shift+ArrowDown'], {
    type: 'carm.adjust',
    dOrbitDeg: 0,
    dTiltDeg: -1,
  }),
  // Counting the level: pan along the spine to the sacrum and the lowest rib, centre the fracture, mark.
  cmd('carm.panCranial', 'carm', ['PageUp'], { type: 'carm.pan', dCranialMm: PAN_STEP_MM }),
  cmd('carm.panCaudal', 'carm', ['PageDown'], { type: 'carm.pan', dCranialMm: -PAN_STEP_MM }),
  cmd('carm.panCranialFar', 'carm', ['Shift+PageUp'], { type: 'carm.pan', dCranialMm: PAN_FAR_STEP_MM }),
  cmd('carm.panCaudalFar', 'carm', ['Shift+PageDown'], { type: 'carm.pan', dCranialMm: -PAN_FAR_STEP_MM }),
  cmd('level.mark', 'carm', ['Shift+m'], { type: 'level.mark' }),
  act(
    'fluoro.mode',
    'carm',
    ['m'],
    (ctx) => {
      const i = FLUORO_MODES.indexOf(ctx.snapshot.carm.mode);
      return send({ type: 'fluoro.mode', mode: FLUORO_MODES[(i + 1) % FLUORO_MODES.length] });
    },
    { commandType: 'fluoro.mode' },
  ),
  act('carm.collimateNarrow', 'carm', ['['], (ctx) => collimate(ctx, -COLLIMATION_STEP_MM, 0), {
    commandType: 'carm.collimate',
  }),
  act('carm.collimateWiden', 'carm', [']'], (ctx) => collimate(ctx, COLLIMATION_STEP_MM, 0), {
    commandType: 'carm.collimate',
  }),
  act('carm.collimateLower', 'carm', ['{'], (ctx) => collimate(ctx, 0, -COLLIMATION_STEP_MM), {
    commandType: 'carm.collimate',
  }),
  act('carm.collimateTaller', 'carm', ['}'], (ctx) => collimate(ctx, 0, COLLIMATION_STEP_MM), {
    commandType: 'carm.collimate',
  }),
  cmd('carm.collimateOpen', 'carm', ['\\'], {
    type: 'carm.collimate',
    halfWidthMm: MAX_SHUTTER_HALF_MM,
    halfHeightMm: MAX_SHUTTER_HALF_MM,
  }),
  act(
    'carm.zoom',
    'carm',
    ['q'],
    (ctx) => {
      const i = ZOOM_LEVELS.indexOf(ctx.snapshot.carm.zoom as ZoomLevel);
      return send({ type: 'carm.zoom', zoom: ZOOM_LEVELS[(i + 1) % ZOOM_LEVELS.length] });
    },
    { commandType: 'carm.zoom' },
  ),
  act(
    'fluoro.store',
    'carm',
    ['k'],
    (ctx) =>
      ctx.snapshot.dose.shots[ctx.snapshot.carm.view] > 0
        ? send({ type: 'fluoro.store' })
        : { message: `No ${ctx.snapshot.carm.view} image to store yet: take one first.` },
    { commandType: 'fluoro.store' },
  ),

  // Tab switches side: the planned entry in access, the working side once both channels are in.
  act(
    'entry.side',
    'access',
    ['Tab'],
    (ctx) =>
      ctx.snapshot.allowed.includes('side.select')
        ? switchSide(ctx)
        : moveEntry(ctx, { ...ctx.entry, side: ctx.entry.side === 'left' ? 'right' : 'left' }),
    ENTRY,
  ),
  act('entry.set', 'access', ['e'], (ctx) => send({ type: 'needle.entry', ...ctx.entry }), {
    commandType: 'needle.entry',
  }),
  act(
    'entry.cranial',
    'access',
    ['Shift+i'],
    (ctx) => moveEntry(ctx, { ...ctx.entry, cranialMm: ctx.entry.cranialMm + ENTRY_STEP_MM }),
    ENTRY,
  ),
  act(
    'entry.caudal',
    'access',
    ['Shift+k'],
    (ctx) => moveEntry(ctx, { ...ctx.entry, cranialMm: ctx.entry.cranialMm - ENTRY_STEP_MM }),
    ENTRY,
  ),
  act(
    'entry.medial',
    'access',
    ['Shift+j'],
    (ctx) => moveEntry(ctx, { ...ctx.entry, lateralMm: ctx.entry.lateralMm - ENTRY_STEP_MM }),
    ENTRY,
  ),
  act(
    'entry.lateral',
    'access',
    ['Shift+l'],
    (ctx) => moveEntry(ctx, { ...ctx.entry, lateralMm: ctx.entry.lateralMm + ENTRY_STEP_MM }),
    ENTRY,
  ),
  cmd('local', 'access', ['n'], { type: 'local.anaesthetic' }),
  act('aim.medialPlus', 'access', ['ArrowRight'], (ctx) => aim(ctx, AIM_STEP_DEG, 0), {
    commandType: 'needle.aim',
  }),
  act('aim.medialMinus', 'access', ['ArrowLeft'], (ctx) => aim(ctx, -AIM_STEP_DEG, 0), {
    commandType: 'needle.aim',
  }),
  act('aim.caudalPlus', 'access', ['ArrowDown'], (ctx) => aim(ctx, 0, AIM_STEP_DEG), {
    commandType: 'needle.aim',
  }),
  act('aim.caudalMinus', 'access', ['ArrowUp'], (ctx) => aim(ctx, 0, -AIM_STEP_DEG), {
    commandType: 'needle.aim',
  }),
  cmd('needle.advance2', 'access', ['w'], { type: 'needle.advance', mm: 2 }),
  cmd('needle.advance10', 'access', ['Shift+w'], { type: 'needle.advance', mm: 10 }),
  cmd('needle.withdraw2', 'access', ['s'], { type: 'needle.advance', mm: -2 }),
  cmd('needle.withdraw10', 'access', ['Shift+s'], { type: 'needle.advance', mm: -10 }),
  cmd('needle.tap', 'access', ['y'], { type: 'needle.tap' }),
  act(
    'instrument.exchange',
    'access',
    ['j'],
    // One key for every step: the help line lists them, the button names the one due now.
    exchange,
    {
      commandType: 'instrument.exchange',
      barLabel: (snapshot) => {
        const step = snapshot.nextExchangeStep;
        return step ? `Exchange: ${EXCHANGE_LABELS[step]}` : 'Exchange done';
      },
    },
  ),
  // The drill runs once through the open introducer (the channel is then ready), so its steps are
  // the lengths a channel from just past the posterior wall needs: 10 mm, or 20 mm to the anterior third.
  cmd('channel.drill10', 'access', ['d'], { type: 'channel.drill', mm: 10 }),
  cmd('channel.drill20', 'access', ['Shift+d'], { type: 'channel.drill', mm: 20 }),

  cmd('balloon.insert', 'balloon', ['b'], { type: 'balloon.insert' }),
  cmd('balloon.inflate', 'balloon', ['=', '+'], {
    type: 'balloon.inflate',
    mL: INFLATE_STEP_ML,
  }),
  cmd('balloon.inflateFine', 'balloon', ['.'], {
    type: 'balloon.inflate',
    mL: INFLATE_FINE_STEP_ML,
  }),
  cmd('balloon.withdraw', 'balloon', ['-'], {
    type: 'balloon.inflate',
    mL: -INFLATE_STEP_ML,
  }),
  cmd('balloon.withdrawFine', 'balloon', [','], {
    type: 'balloon.inflate',
    mL: -INFLATE_FINE_STEP_ML,
  }),
  // Holding is waiting with the syringe still: hidden from the action bar (time.wait is allowed in
  // every phase), offered on the balloon panel next to the manometer instead.
  act('balloon.hold', 'balloon', ['Shift+b'], () => send({ type: 'time.wait', s: BALLOON_HOLD_S }), {
    commandType: 'time.wait',
    hiddenFromBar: true,
  }),
  act('side.switch', 'general', ['Shift+Tab'], switchSide, {
    commandType: 'side.select',
    barLabel: (snapshot) => `Work on the ${snapshot.trocar?.side === 'left' ? 'right' : 'left'} side`,
  }),
  cmd('balloon.deflate', 'balloon', ['x'], { type: 'balloon.deflate' }),
  cmd('balloon.remove', 'balloon', ['r'], { type: 'balloon.remove' }),

  cmd('cement.mix', 'cement', ['c'], { type: 'cement.mix' }),
  cmd('cement.tackTest', 'cement', ['Shift+c'], {
    type: 'cement.tackTest',
  }),
  act('cement.load', 'cement', ['Shift+r'], () => send({ type: 'cement.load' }), {
    commandType: 'cement.load',
    barLabel: (snapshot) => {
      const d = snapshot.cement.delivery;
      const name = CEMENT_DEVICES[d.device].name;
      return `Load next ${name.charAt(0).toLowerCase()}${name.slice(1)} (${fixed(d.loadedMl, 1)} mL left)`;
    },
  }),
  cmd('cement.inject05', 'cement', ['v'], { type: 'cement.inject', mL: 0.5 }),
  cmd('cement.inject15', 'cement', ['Shift+v'], { type: 'cement.inject', mL: 1.5 }),
  cmd('cement.stop', 'cement', ['z'], { type: 'cement.stop' }),

  cmd('instruments.remove', 'finish', ['u'], { type: 'instruments.remove' }),
  // A case of two levels: the first level's instruments are out; count, mark and enter the next.
  cmd('level.next', 'finish', ['Shift+u'], { type: 'level.next' }),
  // Recovery: observe the patient (the monitor runs on; 10 min a press), counsel before going home.
  cmd('recovery.observe10', 'finish', ["'"], { type: 'time.wait', s: 600 }),
  act('recovery.counsel', 'finish', [';'], () => ({ ui: 'counsel' }), { commandType: 'counsel.give' }),
  cmd('discharge.sameDay', 'finish', ['h'], { type: 'discharge.decide', decision: 'same-day' }),
  cmd('discharge.overnight', 'finish', ['o'], { type: 'discharge.decide', decision: 'overnight' }),
];

/** Keys the procedure screen owns besides the keymap (none now: Esc asks to leave, and dialogs take it while open). */
export const RESERVED_KEYS: readonly string[] = [];

let remapped: { readonly overrides: KeyOverrides; readonly keymap: readonly KeyAction[] } | null = null;

/** The keymap as the trainee has remapped it (Settings), for the sentences that name keys. */
function currentKeymap(): readonly KeyAction[] {
  const { keyOverrides } = getSettings();
  if (remapped?.overrides !== keyOverrides)
    remapped = { overrides: keyOverrides, keymap: applyKeyOverrides(KEYMAP, keyOverrides) };
  return remapped.keymap;
}

/** The printed first key of an action ("Y"), as remapped; "its button" for a key turned off, '' for an unknown id. */
export function keyLabel(id: string): string {
  const action = currentKeymap().find((a) => a.id === id);
  if (!action) return '';
  return action.keys.length > 0 ? comboLabel(action.keys[0]) : 'its button';
}

/** The action bound to a combo (the pedal is matched separately, by its configured key). */
export function actionForCombo(combo: string): KeyAction | undefined {
  return KEYMAP.find((a) => a.keys.includes(combo));
}

/** Combos bound to more than one action, or to an action and a reserved key; empty when the map is sound. */
export function keyConflicts(extraKeys: readonly string[] = []): string[] {
  const seen = new Map<string, string>();
  const conflicts: string[] = [];
  const claim = (combo: string, owner: string) => {
    const prev = seen.get(combo);
    if (prev) conflicts.push(`${combo}: ${prev} and ${owner}`);
    else seen.set(combo, owner);
  };
  for (const k of RESERVED_KEYS) claim(k, 'reserved');
  for (const a of KEYMAP) for (const k of a.keys) claim(k, a.id);
  for (const k of extraKeys) claim(k, PEDAL_ACTION_ID);
  return conflicts;
}
