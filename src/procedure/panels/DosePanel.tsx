import type { View } from '../../../sim/core';
import type { TrainingMode } from '../../../sim/core';
import { fixed, formatClock } from '../../ui/format';
import { FLUORO_MODE_LABELS } from '../../ui/labels';
import { Panel, Readout } from '../../ui/Panel';
import type { CArmView } from '../../../sim/imaging';
import type { DoseView } from '../../../sim/imaging';
import { shows } from '../examVisibility';

interface Props {
  readonly dose: DoseView;
  readonly carm: CArmView;
  readonly mode: TrainingMode;
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

const VIEWS: readonly View[] = ['AP', 'lateral'];

/** Field at the detector as "w × h cm" (the II circle of 23 cm / zoom clips the shutters). */
function fieldLabel(carm: CArmView): string {
  const d = 230 / carm.zoom;
  const w = Math.min(2 * carm.collimation.halfWidthMm, d) / 10;
  const h = Math.min(2 * carm.collimation.halfHeightMm, d) / 10;
  return `${fixed(w, 1)} × ${fixed(h, 1)}`;
}

/**
 * Radiation: fluoro time, air kerma and DAP in total and per view, skin dose per view, shots and
 * stored images per view, hand in beam; the C-arm's view, mode, field and magnification. How far
 * the pose is from the true view is shown in practice mode only (exam: judge it from the image).
 */
export function DosePanel({ dose, carm, mode, collapsed }: Props) {
  return (
    <Panel
      title="Radiation"
      testId="dose-panel"
      collapsed={collapsed}
      aside={
        <span className={`badge${carm.exposing ? ' beam-on' : ''}`}>
          {carm.exposing ? 'X-RAY ON' : FLUORO_MODE_LABELS[carm.mode]}
        </span>
      }
    >
      <Readout label="Fluoro time" value={formatClock(dose.fluoroTimeS)} testId="dose-time" />
      <Readout label="Air kerma" value={fixed(dose.airKermaMGy, 1)} unit="mGy" testId="dose-kerma" />
      <Readout label="DAP" value={fixed(dose.dapGyCm2, 2)} unit="Gy·cm²" testId="dose-dap" />
      <table className="dose-by-view" data-testid="dose-by-view">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">view</span>
            </th>
            <th>time</th>
            <th>kerma mGy</th>
            <th>DAP Gy·cm²</th>
            <th>skin mGy</th>
          </tr>
        </thead>
        <tbody>
          {VIEWS.map((v) => (
            <tr key={v} data-testid={`dose-view-${v}`}>
              <th>{v === 'AP' ? 'AP' : 'Lat'}</th>
              <td>{formatClock(dose.fluoroTimeByViewS[v])}</td>
              <td>{fixed(dose.airKermaByViewMGy[v], 1)}</td>
              <td>{fixed(dose.dapByViewGyCm2[v], 2)}</td>
              <td>{fixed(dose.skinDoseByViewMGy[v], 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Readout
        label="Shots AP / lat"
        value={
          <>
            <span data-testid="dose-shots-AP">{dose.shots.AP}</span> /{' '}
            <span data-testid="dose-shots-lateral">{dose.shots.lateral}</span>
          </>
        }
      />
      <Readout
        label="Stored AP / lat"
        value={
          <>
            <span data-testid="dose-stored-AP">{dose.stored.AP}</span> /{' '}
            <span data-testid="dose-stored-lateral">{dose.stored.lateral}</span>
          </>
        }
      />
      <Readout
        label="Hand in beam"
        value={fixed(dose.handInBeamS, 1)}
        unit="s"
        tone={dose.handInBeamS > 0 ? 'warn' : undefined}
      />
      <Readout label="Mode" value={FLUORO_MODE_LABELS[carm.mode]} testId="fluoro-mode" />
      <Readout
        label="C-arm"
        value={`${carm.view}${carm.movingS > 0 ? ` (moving, ${Math.ceil(carm.movingS)} s)` : ''}`}
        testId="carm-view"
      />
      <Readout label="Field (detector)" value={fieldLabel(carm)} unit="cm" testId="carm-field" />
      <Readout label="Magnification" value={carm.zoom === 1 ? 'off' : `×${carm.zoom}`} testId="carm-zoom" />
      <Readout label="Orbit / tilt" value={`${fixed(carm.orbitDeg)} / ${fixed(carm.tiltDeg)}`} unit="°" />
      {shows(mode, 'dose.offTrueView') && (
        <Readout
          label="Off true view"
          value={fixed(carm.obliquityDeg, 1)}
          unit="°"
          tone={carm.obliquityDeg > 2 ? 'warn' : undefined}
          testId="carm-obliquity"
        />
      )}
    </Panel>
  );
}
