import type { Scenario } from '../../../levels/scenarioSchema';
import type { TrainingMode } from '../../../sim/core';
import { PHASES } from '../../../sim/procedure';
import type { SimSnapshot } from '../../../sim/session';
import type { EntryDraft, KeyAction } from '../input/actionTypes';
import { BalloonPanel } from './BalloonPanel';
import { CementPanel } from './CementPanel';
import { DosePanel } from './DosePanel';
import { NeuroPanel } from './NeuroPanel';
import { PatientMonitorPanel } from './PatientMonitorPanel';
import { TrocarPanel } from './TrocarPanel';

interface Props {
  readonly snapshot: SimSnapshot;
  readonly scenario: Scenario;
  readonly mode: TrainingMode;
  readonly entry: EntryDraft;
  readonly onAction: (action: KeyAction) => void;
}

const PHASE_ORDER: readonly string[] = PHASES.map((p) => p.id);

/**
 * The OR's instrument panels beside the monitors, as the procedure screen shows them from
 * positioning on (one component, so the exam visibility test renders exactly what a trainee sees).
 * The patient monitor is on top throughout (a few lines: the patient is watched at every step);
 * below it the panel of the current step comes first, and a step's panel appears once it is reached.
 */
export function OrPanels({ snapshot: snap, scenario, mode, entry, onAction }: Props) {
  const phaseIndex = PHASE_ORDER.indexOf(snap.phase);
  const reached = (phase: string) => phaseIndex >= PHASE_ORDER.indexOf(phase);
  return (
    // The panels' column scrolls on a short screen: focusable so that a keyboard can scroll it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable to be scrolled from the keyboard
    <section className="or-panels" aria-label="Instrument panels" tabIndex={0}>
      <PatientMonitorPanel patient={snap.patient} mode={mode} />
      <NeuroPanel patient={snap.patient} />
      {reached('cement') && <CementPanel cement={snap.cement} mode={mode} />}
      {reached('balloon') && (scenario.procedure === 'kyphoplasty' || snap.balloon?.inserted) && (
        <BalloonPanel
          balloon={snap.balloon}
          height={snap.height}
          mode={mode}
          allowed={snap.allowed}
          onAction={onAction}
        />
      )}
      <TrocarPanel trocar={snap.trocar} entry={entry} mode={mode} events={snap.events} />
      <DosePanel dose={snap.dose} carm={snap.carm} mode={mode} />
    </section>
  );
}
