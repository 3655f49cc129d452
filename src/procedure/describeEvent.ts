import type { ComplicationSeverity, DomainEvent, NeuroFinding, PatientComplication } from '../../sim/core';
import type { TrainingMode } from '../../sim/core';
import type { Tissue } from '../../sim/anatomy';
import { keyLabel } from './input/keymap';
import { alarmName } from '../ui/alarmNames';
import { TACK_FEEL_MEANING, TACK_FEEL_TEXT } from '../../sim/instruments';
import { eventVisibility } from './examVisibility';

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
 * the images themselves (examVisibility.ts lists which: where the tip is, breaches, the cement's
 * phase and leaks...). What the hands feel stays, worded in an exam without what only the
 * simulator knows: a push that stalls (not on which tissue), the drill stopping (not whether the
 * channel is deep enough), the cement on a gloved finger (practice adds what that feel means).
 */
export function describeEvent(e: DomainEvent, mode: TrainingMode): EventLine | null {
  const shown = eventVisibility(mode, e.type);
  if (shown === 'hidden') return null;
  const line = shown === 'neutral' ? examLine(e) : feedLine(e);
  if (!line) return null;
  return { ...line, key: e.type === 'cement.leak' ? `leak:${e.location}` : line.text };
}

/** An exam's wording of the events examVisibility.ts marks 'neutral': what the hands did or felt. */
function examLine(e: DomainEvent): Omit<EventLine, 'key'> | null {
  switch (e.type) {
    case 'level.marked':
      return { text: 'Skin marked', severity: 'info' };
    case 'needle.stalled':
      return { text: `Hand push stalled: tap with the mallet (${keyLabel('needle.tap')})`, severity: 'info' };
    case 'channel.ready':
    case 'channel.short':
      return { text: 'Drill stopped', severity: 'info' };
    case 'cement.tack':
      return { text: `Tack test: ${TACK_FEEL_TEXT[e.feel]}`, severity: 'info' };
    case 'patient.moved':
      return { text: 'The patient flinched and moved on the table', severity: 'danger' };
    default:
      return null;
  }
}

/** The words and severity of one event in the feed as practice shows it (its key is added by describeEvent). */
function feedLine(e: DomainEvent): Omit<EventLine, 'key'> | null {
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
      // Practice warns at once when the mark is not over the fracture; an exam never says (examLine).
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
      return { text: 'Tip in the pedicle', severity: 'good' };
    case 'needle.pastPosteriorWall':
      return { text: 'Tip past the posterior wall', severity: 'good' };
    case 'needle.inTargetZone':
      return { text: 'Tip in the target zone', severity: 'good' };
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
      return {
        text: `Channel short of the target depth (${e.channelMm.toFixed(0)} mm): drill about ${Math.ceil(e.moreMm)} mm more toward the anterior third`,
        severity: 'warn',
      };
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
      return { text: `Cement ${e.phase}`, severity: 'info' };
    case 'cement.leak':
      return { text: `Cement leak: ${e.location}, ${e.volumeMl.toFixed(2)} mL`, severity: 'danger' };
    case 'cement.delivered':
      return { text: 'Cement reached the vertebral body', severity: 'info' };
    case 'cement.set':
      return { text: 'Cement set', severity: 'info' };
    case 'cement.tack':
      return {
        text: `Tack test: ${TACK_FEEL_TEXT[e.feel]} ${TACK_FEEL_MEANING[e.feel]}`,
        severity: e.feel === 'doughy' ? 'good' : e.feel === 'wet' || e.feel === 'sticky' ? 'info' : 'warn',
      };
    case 'cement.deviceEmpty':
      return { text: `The cement device is empty: load the next one (${keyLabel('cement.load')})`, severity: 'warn' };
    case 'cannula.stuck':
      return { text: 'Cannula stuck in set cement', severity: 'danger' };
    case 'patient.alarm':
      return { text: `Monitor alarm: ${alarmName(e.alarm)} (${Math.round(e.value)})`, severity: 'danger' };
    case 'patient.alarmCleared':
      return { text: `Monitor alarm cleared: ${alarmName(e.alarm)} (${Math.round(e.value)})`, severity: 'info' };
    case 'patient.complication':
      return {
        text: COMPLICATION_TEXT[e.kind](e.severity),
        severity: e.severity === 'mild' ? 'warn' : 'danger',
      };
    case 'patient.neuroExamined':
      return {
        text: e.normal ? 'Neurological examination: normal' : `Neurological examination: ${neuroSummary(e.abnormal)}`,
        severity: e.normal ? 'info' : 'danger',
      };
    case 'patient.moved':
      return {
        text: `The patient flinched in pain (${Math.round(e.pain)}/10) and moved ${e.shiftMm.toFixed(1)} mm away from the ${e.from} needle: re-image before going on; more local (${keyLabel('local')})?`,
        severity: 'danger',
      };
  }
}

/**
 * The practice feed's line for each complication of the patient model at each grade
 * (sim/patient/README.md), naming the first answers (sim/scoring/complicationProtocols.ts scores them).
 */
const COMPLICATION_TEXT: Readonly<Record<PatientComplication, (severity: ComplicationSeverity) => string>> = {
  cementEmbolism: (severity) =>
    `Suspected cement pulmonary embolism (${severity}): stop the injection, give oxygen and fluids, call for help`,
  oversedation: (severity) =>
    `Over-sedation (${severity}): no more sedative, give oxygen, reverse with flumazenil (${keyLabel('sedation.flumazenil02')}), call for help`,
  neuroDeficit: (severity) =>
    `The patient cries out: shooting pain into the trunk or leg (${severity}): stop, examine (${keyLabel('neuro.examine')}), CT (${keyLabel('imaging.ct')}), spinal surgical opinion (${keyLabel('patient.surgicalOpinion')})`,
  anaphylaxis: (severity) =>
    `Suspected anaphylaxis (${severity}): adrenaline 0.5 mg IM (${keyLabel('patient.adrenaline05')}), repeat after 5 min; oxygen, fluids, call for help, stop the trigger`,
  bleeding: (severity) =>
    severity === 'mild'
      ? `Oozing from the puncture site (mild): press on the sites (${keyLabel('site.compress5')})`
      : severity === 'moderate'
        ? `Paraspinal haematoma at the puncture site (moderate): press on the sites (${keyLabel('site.compress5')}), watch the pulse and pressure`
        : `Bleeding with a rising pulse and falling pressure (severe): press on the sites, give fluids, call for help`,
};

/** The abnormal findings in a line: each root with its sides' sensation and power where not normal. */
function neuroSummary(abnormal: readonly NeuroFinding[]): string {
  return abnormal
    .map((f) => {
      const sides = (['left', 'right'] as const)
        .map((side) => {
          const parts: string[] = [];
          if (f.sensation[side] !== 'normal') parts.push(`sensation ${f.sensation[side]}`);
          if (f.power && f.power[side] < 5) parts.push(`power ${f.power[side]}/5`);
          return parts.length ? `${side} ${parts.join(', ')}` : '';
        })
        .filter(Boolean);
      return `${f.root} ${sides.join('; ')}`;
    })
    .join(' | ');
}
