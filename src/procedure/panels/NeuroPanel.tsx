import type { NeuroFinding } from '../../../sim/core';
import { isNormal, painControlled, type PatientView, reportedNrs } from '../../../sim/patient';
import { Panel } from '../../ui/Panel';

interface Props {
  readonly patient: PatientView;
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

/** One side's finding in a cell: the sensation where not normal, and the MRC power where tested. */
function cell(f: NeuroFinding, side: 'left' | 'right'): string {
  const sense = f.sensation[side] === 'normal' ? 'touch normal' : `touch ${f.sensation[side]}`;
  return f.power ? `${sense}, ${f.power[side]}/5` : sense;
}

/**
 * The neurological findings beside the patient monitor (sim/patient/neuroExam.ts, ctReport.ts):
 * the last examination as a small table of the roots that are not normal (a normal examination is
 * one line) and its pain score on sitting up (sim/patient/recoveryPain.ts), the last CT's report, and whether the spinal surgeons were asked. Shown only once one
 * of them was done, so the usual case keeps the panels short; the trainee's own findings, so they
 * show in an exam as in practice.
 */
export function NeuroPanel({ patient: p, collapsed }: Props) {
  if (!p.neuroExam && !p.ct && !p.surgicalOpinion) return null;
  const abnormal = p.neuroExam?.findings.filter((f) => !isNormal(f)) ?? [];
  return (
    <Panel title="Neurology" testId="neuro-panel" collapsed={collapsed} className="neuro-panel">
      {p.neuroExam && abnormal.length === 0 && (
        <p data-testid="neuro-exam">Examination: sensation and power normal, T2 to S4-5, both sides.</p>
      )}
      {abnormal.length > 0 && (
        <table className="neuro-table" data-testid="neuro-exam">
          <caption>Examination: abnormal roots (all others normal)</caption>
          <thead>
            <tr>
              <th scope="col">Root</th>
              <th scope="col">Tested at</th>
              <th scope="col">Left</th>
              <th scope="col">Right</th>
            </tr>
          </thead>
          <tbody>
            {abnormal.map((f) => (
              <tr key={f.root}>
                <th scope="row">{f.root}</th>
                <td>{f.myotome ? `${f.dermatome}; ${f.myotome}` : f.dermatome}</td>
                <td>{cell(f, 'left')}</td>
                <td>{cell(f, 'right')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.neuroExam && (
        <p data-testid="neuro-pain">
          {p.neuroExam.painOnSittingNrs === null
            ? 'Pain on sitting up: not tested (prone, instruments in).'
            : `Pain on sitting up: ${reportedNrs(p.neuroExam.painOnSittingNrs)}/10${
                painControlled(p.neuroExam.painOnSittingNrs) ? '' : ' (not controlled)'
              }.`}
        </p>
      )}
      {p.ct && <p data-testid="neuro-ct">CT: {p.ct.report}</p>}
      {p.surgicalOpinion && <p data-testid="neuro-opinion">Spinal surgical opinion: asked (urgent).</p>}
    </Panel>
  );
}
