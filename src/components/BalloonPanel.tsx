import type { BalloonView, HeightView } from '../../sim/snapshot';
import type { TrainingMode } from '../../sim/sessionTypes';
import { fixed } from '../game/format';
import { GAUGE_MAX_PSI, ManometerGauge } from './ManometerGauge';
import { Panel, Readout } from './Panel';
import { PressureVolumePlot } from './PressureVolumePlot';

/** Nominal maximum volume by tamp length: ~3 / 4 / 6 mL for 10 / 15 / 20 mm (clinical-reference.md, assumed). */
const MAX_VOLUME_ML: Readonly<Record<number, number>> = { 10: 3, 15: 4, 20: 6 };

interface Props {
  readonly balloon: BalloonView | null;
  readonly height: HeightView;
  readonly mode: TrainingMode;
}

/** Manometer, volume, live pressure-volume curve and vertebral heights. */
export function BalloonPanel({ balloon, height, mode }: Props) {
  const b = balloon;
  const maxMl = b ? (MAX_VOLUME_ML[b.lengthMm] ?? 4) : 4;
  return (
    <Panel
      title="Balloon tamp"
      testId="balloon-panel"
      aside={b && <span className="badge">{b.lengthMm} mm</span>}
      className={b?.ruptured ? 'alarm' : undefined}
    >
      {!b || (!b.inserted && b.trace.length === 0) ? (
        <p className="muted">Not inserted.</p>
      ) : (
        <div className="balloon-grid">
          <div className="gauge-wrap">
            <ManometerGauge pressurePsi={b.pressurePsi} peakPsi={b.peakPressurePsi} showBand={mode === 'practice'} />
            <div className="gauge-readout">
              <span data-testid="balloon-pressure">{Math.round(b.pressurePsi)}</span> psi
            </div>
          </div>
          <div>
            <Readout label="Volume" value={fixed(b.volumeMl, 2)} unit="mL" testId="balloon-volume" />
            <Readout label="Peak" value={Math.round(b.peakPressurePsi)} unit="psi" />
            <Readout label="Cavity" value={fixed(b.cavityMl, 2)} unit="mL" />
            {b.endplateContact && <Readout label="Endplate" value="contact" tone="warn" />}
            {b.ruptured && <Readout label="Balloon" value="RUPTURED" tone="danger" testId="balloon-ruptured" />}
          </div>
          <PressureVolumePlot trace={b.trace} maxVolumeMl={maxMl} maxPressurePsi={GAUGE_MAX_PSI} />
        </div>
      )}
      <div className="heights">
        <Readout label="Anterior height" value={`${fixed(height.anteriorMm)} / ${fixed(height.intactMm)}`} unit="mm" testId="height-anterior" />
        <Readout label="Wedge angle" value={`${fixed(height.wedgeDeg)} (pre-op ${fixed(height.preOpWedgeDeg)})`} unit="°" />
      </div>
    </Panel>
  );
}
