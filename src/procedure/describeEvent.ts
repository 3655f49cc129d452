import type { DomainEvent } from '../../sim/core';
import type { TrainingMode } from '../../sim/core';
import type { Tissue } from '../../sim/anatomy';
import { keyLabel } from './input/keymap';
import { TACK_FEEL_MEANING, TACK_FEEL_TEXT } from '../../sim/instruments';

export type EventSeverity = 'info' | 'good' | 'warn' | 'danger';

export interface EventLine {
  readonly text: string;
  readonly severity: EventSeverity;
  /** Lines with the same key in a row collapse into one (a leak growing, a hand kept in the beam). */
  readonly key: string;
}

const WALL: Readonly<Record<string, string>> = {
  medial: 'medial pedicle wall',
  lateral: 'lateral pedicle wall',
  superior: 'superior pedicle wall',
  inferior: 'inferior pedicle wall (foramen)',
  anterior: 'anterior cortex',
  endplate: 'endplate',
  pleura: 'pleura',
};

/** Tissues as the hand feels them. */
const FELT: Readonly<Partial<Record<Tissue, string>>> = {
  cortical: 'cortical bone',
  cancellous: 'cancellous bone',
  skin: 'skin',
  muscle: 'muscle',
  fat: 'fat',
  disc: 'disc',
};

/**
 * A domain event in words for the events feed, or null for events the feed leaves out: every
 * acquired image (the dose panel counts them) and, in exam mode, what the trainee must judge from
 * the images themselves (tip in the pedicle, past the posterior wall, in the target zone), the
 * cement phase and cement leaks. What the hands feel stays: docking on bone, a push that stalls on cortex, a tip that
 * skives off it, the cement on a gloved finger (practice adds what that feel means).
 */
export function describeEvent(e: DomainEvent, mode: TrainingMode): EventLine | null {
  const line = feedLine(e, mode);
  if (!line) return null;
  return { ...line, key: e.type === 'cement.leak' ? `leak:${e.location}` : line.text };
}

/** The words and severity of one event in the feed (its key is added by describeEvent). */
function feedLine(e: DomainEvent, mode: TrainingMode): Omit<EventLine, 'key'> | null {
  switch (e.type) {
    case 'image.acquired':
      return null;
    case 'image.stored':
      return { text: `${e.view} image stored`, severity: 'info' };
    case 'carm.moved':
      return { text: `C-arm at ${e.view}`, severity: 'info' };
    case 'needle.skinPunctured':
      return { text: 'Skin punctured', severity: 'info' };
    case 'level.marked':
      // Practice warns at once when the mark is not over the fracture; an exam never says.
      if (mode === 'exam') return { text: 'Skin marked', severity: 'info' };
      return e.overFracture
        ? { text: `Skin marked over ${e.level}, the fractured vertebra`, severity: 'good' }
        : {
            text: `Skin marked over ${e.level}: not the fractured vertebra. Count again from the sacrum and the lowest rib, and mark again`,
            severity: 'warn',
          };
    case 'level.wrongLevel':
      return {
        text: `Wrong level: the skin was punctured over ${e.marked}; the fracture is ${e.target}`,
        severity: 'danger',
      };
    case 'needle.docked':
      return { text: 'Trocar docked on bone', severity: 'good' };
    case 'needle.inPedicle':
      return mode === 'practice' ? { text: 'Tip in the pedicle', severity: 'good' } : null;
    case 'needle.pastPosteriorWall':
      return mode === 'practice' ? { text: 'Tip past the posterior wall', severity: 'good' } : null;
    case 'needle.inTargetZone':
      return mode === 'practice' ? { text: 'Tip in the target zone', severity: 'good' } : null;
    case 'needle.breach':
      return { text: `Breach: ${WALL[e.wall] ?? e.wall}, ${e.depthMm.toFixed(1)} mm`, severity: 'danger' };
    case 'needle.stalled':
      return {
        text: `Hand push stalled on ${FELT[e.tissue] ?? e.tissue}: tap with the mallet (${keyLabel('needle.tap')})`,
        severity: 'info',
      };
    case 'needle.skived':
      // The event marks the start of a slide; the trocar panel shows the total slid.
      return { text: 'Tip skived along the cortex (glancing angle): re-aim', severity: 'warn' };
    case 'needle.missedPedicle':
      return { text: `Missed the pedicle (${e.direction}): withdraw and re-aim`, severity: 'danger' };
    case 'needle.safetyRuleViolated':
      return {
        text: 'Safety rule: medial wall crossed on AP before the posterior wall on lateral',
        severity: 'danger',
      };
    case 'handInBeam':
      return { text: `Hand in the beam (${e.view})`, severity: 'warn' };
    case 'channel.ready':
      return { text: 'Working channel ready', severity: 'good' };
    case 'channel.short':
      // Exam: the channel's depth is judged on the lateral image.
      return mode === 'practice'
        ? {
            text: `Channel short of the target depth (${e.channelMm.toFixed(0)} mm): drill about ${Math.ceil(e.moreMm)} mm more toward the anterior third`,
            severity: 'warn',
          }
        : null;
    case 'balloon.endplateContact':
      return { text: 'Balloon against the endplate', severity: 'info' };
    case 'balloon.pressureLimit':
      return { text: `Balloon pressure limit: ${Math.round(e.pressurePsi)} psi`, severity: 'warn' };
    case 'balloon.ruptured':
      return {
        text: `Balloon ruptured at ${Math.round(e.pressurePsi)} psi: contrast leaking into the bone`,
        severity: 'danger',
      };
    case 'balloon.cortexBreached':
      return {
        text: `Balloon broke through the ${e.wall} cortex at ${Math.round(e.pressurePsi)} psi`,
        severity: 'danger',
      };
    case 'balloon.inflated':
      return { text: 'Balloon inflating', severity: 'info' };
    case 'balloon.deflated':
      return { text: 'Balloon deflated', severity: 'info' };
    case 'cement.phaseChanged':
      return mode === 'practice' ? { text: `Cement ${e.phase}`, severity: 'info' } : null;
    case 'cement.leak':
      // Exam: a leak shows only on the images the trainee takes.
      return mode === 'exam'
        ? null
        : { text: `Cement leak: ${e.location}, ${e.volumeMl.toFixed(2)} mL`, severity: 'danger' };
    case 'cement.delivered':
      return { text: 'Cement reached the vertebral body', severity: 'info' };
    case 'cement.set':
      return { text: 'Cement set', severity: 'info' };
    case 'cement.tack':
      return mode === 'practice'
        ? {
            text: `Tack test: ${TACK_FEEL_TEXT[e.feel]} ${TACK_FEEL_MEANING[e.feel]}`,
            severity: e.feel === 'doughy' ? 'good' : e.feel === 'wet' || e.feel === 'sticky' ? 'info' : 'warn',
          }
        : { text: `Tack test: ${TACK_FEEL_TEXT[e.feel]}`, severity: 'info' };
    case 'cement.deviceEmpty':
      return { text: `The cement device is empty: load the next one (${keyLabel('cement.load')})`, severity: 'warn' };
    case 'cannula.stuck':
      return { text: 'Cannula stuck in set cement', severity: 'danger' };
  }
}
