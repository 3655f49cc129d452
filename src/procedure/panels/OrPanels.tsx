import type { ReactNode } from 'react';
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
  /** The buttons of the step's own actions, shown right under the step's panel. */
  readonly stepActions?: ReactNode;
  /** The other actions, folded, at the end. */
  readonly moreActions?: ReactNode;
  /** Leave the patient monitor out (the procedure screen shows it under the X-ray monitors). */
  readonly patientMonitorElsewhere?: boolean;
}

const PHASE_ORDER: readonly string[] = PHASES.map((p) => p.id);

type PanelId = 'trocar' | 'balloon' | 'cement' | 'dose' | 'neuro';

/** The panel each step is worked from (the others fold to their title line). */
const STEP_PANEL: Readonly<Record<string, PanelId>> = {
  positioning: 'dose',
  cArmSetup: 'dose',
  access: 'trocar',
  workingChannel: 'trocar',
  balloon: 'balloon',
  cement: 'cement',
  instrumentRemoval: 'trocar',
  finalImages: 'dose',
  recovery: 'neuro',
};

/**
 * The OR's instrument panels beside the monitors, as the procedure screen shows them from
 * positioning on (one component, so the exam visibility test renders exactly what a trainee sees).
 * The step's actions come first with the panel of the current step under them, then the patient
 * monitor (a few lines: the patient is watched at every step); the panels of other steps reached
 * so far, the radiation figures and the other actions follow folded to their title lines, so that
 * on a laptop's screen nothing the step needs is pushed out of sight. A step's panel appears once
 * it is reached.
 */
export function OrPanels({
  snapshot: snap,
  scenario,
  mode,
  entry,
  onAction,
  stepActions,
  moreActions,
  patientMonitorElsewhere,
}: Props) {
  const phaseIndex = PHASE_ORDER.indexOf(snap.phase);
  const reached = (phase: string) => phaseIndex >= PHASE_ORDER.indexOf(phase);
  const current = STEP_PANEL[snap.phase];
  // The step's own panel cannot fold; the others start folded.
  const fold = (id: PanelId) => (id === current ? undefined : true);
  const panels: Record<PanelId, ReactNode> = {
    cement: reached('cement') && (
      <CementPanel key="cement" cement={snap.cement} mode={mode} collapsed={fold('cement')} />
    ),
    balloon: reached('balloon') && (scenario.procedure === 'kyphoplasty' || snap.balloon?.inserted) && (
      <BalloonPanel
        key="balloon"
        balloon={snap.balloon}
        height={snap.height}
        mode={mode}
        allowed={snap.allowed}
        onAction={onAction}
        collapsed={fold('balloon')}
      />
    ),
    trocar: (
      <TrocarPanel
        key="trocar"
        trocar={snap.trocar}
        entry={entry}
        mode={mode}
        events={snap.events}
        collapsed={fold('trocar')}
      />
    ),
    dose: <DosePanel key="dose" dose={snap.dose} carm={snap.carm} mode={mode} collapsed={fold('dose')} />,
    neuro: <NeuroPanel key="neuro" patient={snap.patient} collapsed={fold('neuro')} />,
  };
  // The folded ones: the latest step's first.
  const others = (['neuro', 'cement', 'balloon', 'trocar', 'dose'] as const).filter((id) => id !== current);
  return (
    <div className="or-panels" data-testid="or-panels">
      {stepActions}
      {current && panels[current]}
      {!patientMonitorElsewhere && <PatientMonitorPanel patient={snap.patient} mode={mode} />}
      {others.map((id) => panels[id])}
      {moreActions}
    </div>
  );
}
