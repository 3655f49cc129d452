import type { Scenario } from '../../levels/scenarioSchema';
import type { PatientView } from '../../sim/patient';
import { PatientMonitorPanel } from './panels/PatientMonitorPanel';
import { allergyLine, asaLine, type ChecklistItem } from '../../sim/core';
import type { MeasuredCorners, TrainingMode } from '../../sim/core';
import type { Anatomy } from '../../sim/anatomy';
import { preopImagingReport } from '../../sim/imaging';
import { cavityDeviceName } from '../../sim/instruments';
import { PreopFilm } from './panels/PreopFilm';
import { useMemo } from 'react';
import { ChecklistPanel } from './panels/ChecklistPanel';
import { Panel, Readout } from '../ui/Panel';
import { keyedByContent } from '../ui/contentKeys';
import { shows } from './examVisibility';
import './case.css';

interface Props {
  readonly scenario: Scenario;
  /** What whole-spine imaging showed about the count of vertebrae (transitional anatomy), or null for the usual count. */
  readonly segmentationFinding: string | null;
  readonly mode: TrainingMode;
  readonly checklist: Readonly<Record<string, boolean>>;
  readonly canTick: boolean;
  readonly onTick: (item: ChecklistItem) => void;
  /** Whether the procedure may be declined now (case review). */
  readonly canDecline: boolean;
  /** Open the dialog that asks why the procedure is declined. */
  readonly onDecline: () => void;
  /** The patient (the standing lateral and the MRI/CT report are rendered from it) and the attempt's seed (the film's noise). */
  readonly anatomy: Anatomy;
  readonly seed: number;
  /** Whether the lateral film may be measured now (case review). */
  readonly canMeasure: boolean;
  readonly onMeasure: (corners: MeasuredCorners) => void;
  /** Bumped by the Shift+X key (keymap.ts): start measuring the film. */
  readonly measureRequest?: number;
  /** The prophylactic antibiotic the antibiotics tick gives (or gave), by name. */
  readonly antibiotic?: string;
  /**
   * The patient on the monitor: in pre-op the antibiotic and the sedation act on it (an allergic
   * reaction, over-sedation), so the monitor is on screen before the patient reaches the table.
   */
  readonly patient?: PatientView;
}

const GRADE_RANGE: Readonly<Record<1 | 2 | 3, string>> = { 1: '20-25 %', 2: '25-40 %', 3: '> 40 %' };

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/**
 * Case review and pre-op: the history, findings, imaging report and labs the trainee must weigh,
 * beside the case checklist. Shown by the procedure screen during the caseReview and preOp phases.
 */
export function CaseScreen({
  scenario: s,
  segmentationFinding,
  mode,
  checklist,
  canTick,
  onTick,
  canDecline,
  onDecline,
  anatomy,
  seed,
  canMeasure,
  onMeasure,
  measureRequest = 0,
  antibiotic,
  patient,
}: Props) {
  const report = useMemo(() => preopImagingReport(anatomy), [anatomy]);
  const p = s.patient;
  const f = s.fracture;
  const inrHigh = p.labs.inr > 1.2;
  const plateletsLow = p.labs.plateletsPerNl < 150;
  return (
    <div className="case" data-testid="case-review">
      <div className="case-main">
        <div className="case-side">
          <Panel title="Patient" className="case-patient">
            <p className="case-demo">
              {p.age}-year-old {p.sex}, {p.weightKg} kg, {p.habitus} habitus · DXA T-score {p.tScore}
            </p>
            {/* Allergies stand out: the antibiotic is chosen in pre-op with them in mind. */}
            <p
              className={p.allergies?.length ? 'case-allergies allergic' : 'case-allergies'}
              data-testid="case-allergies"
            >
              {allergyLine(p.allergies)}
            </p>
            {/* General health, when the case states it: poor health (ASA III-IV) means an overnight stay. */}
            {p.asaClass !== undefined && (
              <p className="case-asa" data-testid="case-asa">
                {asaLine(p.asaClass)}
              </p>
            )}
            <h4>History</h4>
            <p className="case-history">{p.history}</p>
            <h4>Findings</h4>
            <ul className="findings">
              {keyedByContent(p.findings, (x) => x.text).map(({ key, item: x }) => (
                <li key={key}>
                  {x.text}
                  {shows(mode, 'caseScreen.findingVerdicts') && (
                    <span className={`finding-tag ${x.supportsProcedure ? 'pro' : 'contra'}`}>
                      {x.supportsProcedure ? 'supports' : 'against'}
                    </span>
                  )}
                </li>
              ))}
              {segmentationFinding && (
                // Neither for nor against the procedure: it tells how to count the level on the table.
                <li data-testid="segmentation-finding">{segmentationFinding}</li>
              )}
            </ul>
          </Panel>
          <PreopFilm
            anatomy={anatomy}
            seed={seed}
            mode={mode}
            canMeasure={canMeasure}
            onMeasure={onMeasure}
            measureRequest={measureRequest}
          />
        </div>

        <div className="case-side">
          <Panel title="Imaging">
            <Readout label="Level" value={s.level} />
            <Readout label="Fracture" value={f.type} />
            <Readout label="Genant grade" value={`${f.genantGrade} (${GRADE_RANGE[f.genantGrade]})`} />
            {f.heightLossPct !== undefined && <Readout label="Height loss" value={f.heightLossPct} unit="%" />}
            <Readout label="Age of fracture" value={f.ageWeeks} unit="weeks" />
            <Readout label="Endplate crack" value={yesNo(f.endplateCrack)} />
            <Readout label="Intravertebral cleft" value={yesNo(f.cleft)} />
            <Readout
              label="Posterior wall defect"
              value={yesNo(f.posteriorWallDefect)}
              tone={f.posteriorWallDefect ? 'danger' : undefined}
            />
            <Readout
              label="Lateral cortex defect"
              value={yesNo(f.lateralCortexDefect)}
              tone={f.lateralCortexDefect ? 'warn' : undefined}
            />
          </Panel>
          <Panel title="MRI and CT report" className="case-report">
            <div data-testid="preop-report">
              <Readout
                label="STIR marrow oedema"
                value={report.stirOedema ? 'present' : 'absent'}
                tone={report.stirOedema ? undefined : 'warn'}
              />
              <Readout
                label="Posterior wall (CT)"
                value={report.posteriorWall}
                tone={report.posteriorWall === 'defect' ? 'danger' : undefined}
              />
              <Readout label="Superior endplate" value={report.endplateCrack ? 'cracked' : 'intact'} />
              <Readout label="Intravertebral cleft" value={report.cleft ? 'present' : 'none'} />
              <Readout label="Lateral cortex" value={report.lateralCortexDefect ? 'defect' : 'intact'} />
              <Readout
                label="Pedicle width L / R (CT)"
                value={`${report.pedicleWidthMm.left.toFixed(1)} / ${report.pedicleWidthMm.right.toFixed(1)}`}
                unit="mm"
              />
              <Readout label="Bone density (DXA)" value={`T ${report.tScore}, ${report.boneDensity}`} />
            </div>
          </Panel>
          <Panel title="Labs">
            <Readout label="INR (0.8-1.2)" value={p.labs.inr.toFixed(1)} tone={inrHigh ? 'warn' : undefined} />
            <Readout
              label="Platelets (150-400 /nL)"
              value={p.labs.plateletsPerNl}
              tone={plateletsLow ? 'warn' : undefined}
            />
            {/* A drug the patient takes that the INR may not show (sim/patient/coagulation.ts). */}
            {p.anticoagulant && (
              <Readout
                label="Anticoagulant"
                value={`${p.anticoagulant.drug}, last dose ${p.anticoagulant.lastDoseHoursAgo} h ago`}
                tone="warn"
                testId="case-anticoagulant"
              />
            )}
          </Panel>
          <Panel title="Plan">
            <Readout label="Procedure" value={`${s.procedure}, ${s.approach}`} />
            <Readout label="Trocar" value={`${s.equipment.trocarGauge} G`} />
            {s.procedure === 'kyphoplasty' &&
              (s.equipment.cavityDevice && s.equipment.cavityDevice !== 'balloon' ? (
                <Readout
                  label="Cavity"
                  value={`${cavityDeviceName(s.equipment.cavityDevice)} (${s.equipment.balloonLengthMm} mm class)`}
                />
              ) : (
                <Readout label="Balloon" value={`${s.equipment.balloonLengthMm} mm`} />
              ))}
            <Readout label="C-arm" value={s.equipment.carm} />
            <Readout
              label="Room"
              value={`${s.cement.roomTempC} °C${s.cement.preChilled ? ', cement pre-chilled' : ''}`}
            />
          </Panel>
        </div>
      </div>
      <div className="case-checks">
        {/* First in its column: an alarm after the antibiotic or the sedation must not sit below the fold. */}
        {patient && <PatientMonitorPanel patient={patient} mode={mode} />}
        <ChecklistPanel checklist={checklist} canTick={canTick} onTick={onTick} antibiotic={antibiotic} />
        {canDecline && (
          // Practice and exam alike: deciding not to operate is part of the case, never a hint.
          <Panel title="Decision" className="case-decision">
            <p>Not a candidate? Decline the procedure and say why: the attempt ends with your decision.</p>
            <button type="button" data-testid="decline-open" onClick={onDecline}>
              Decline the procedure… <kbd>Shift+N</kbd>
            </button>
          </Panel>
        )}
      </div>
    </div>
  );
}
