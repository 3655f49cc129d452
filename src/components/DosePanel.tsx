import type { CArmView, DoseView } from '../../sim/snapshot';
import { fixed, formatClock } from '../game/format';
import { FLUORO_MODE_LABELS } from '../input/keymap';
import { Panel, Readout } from './Panel';

interface Props {
  readonly dose: DoseView;
  readonly carm: CArmView;
}

/** Radiation: fluoro time, air kerma, DAP, shots per view, hand in beam. */
export function DosePanel({ dose, carm }: Props) {
  return (
    <Panel
      title="Radiation"
      testId="dose-panel"
      aside={<span className={`badge${carm.exposing ? ' beam-on' : ''}`}>{carm.exposing ? 'X-RAY ON' : FLUORO_MODE_LABELS[carm.mode]}</span>}
    >
      <Readout label="Fluoro time" value={formatClock(dose.fluoroTimeS)} testId="dose-time" />
      <Readout label="Air kerma" value={fixed(dose.airKermaMGy, 1)} unit="mGy" testId="dose-kerma" />
      <Readout label="DAP" value={fixed(dose.dapGyCm2, 2)} unit="Gy·cm²" testId="dose-dap" />
      <Readout label="Shots AP / lat" value={<><span data-testid="dose-shots-AP">{dose.shots.AP}</span> / <span data-testid="dose-shots-lateral">{dose.shots.lateral}</span></>} />
      <Readout
        label="Hand in beam"
        value={fixed(dose.handInBeamS, 1)}
        unit="s"
        tone={dose.handInBeamS > 0 ? 'warn' : undefined}
      />
      <Readout label="Mode" value={FLUORO_MODE_LABELS[carm.mode]} testId="fluoro-mode" />
      <Readout label="C-arm" value={`${carm.view}${carm.movingS > 0 ? ` (moving, ${Math.ceil(carm.movingS)} s)` : ''}`} testId="carm-view" />
      <Readout label="Orbit / tilt" value={`${fixed(carm.orbitDeg)} / ${fixed(carm.tiltDeg)}`} unit="°" />
    </Panel>
  );
}
