import type { CommandType } from '../../../sim/core';
import type { TrainingMode } from '../../../sim/core';
import { balloonDevice } from '../../../sim/instruments';
import { fixed } from '../../ui/format';
import type { KeyAction } from '../input/actionTypes';
import { BalloonControls } from './BalloonControls';
import { HeightRestoration } from './HeightRestoration';
import { GAUGE_MAX_PSI, ManometerGauge } from '../../ui/ManometerGauge';
import { Panel, Readout } from '../../ui/Panel';
import { PressureVolumePlot } from '../../ui/PressureVolumePlot';
import './balloon.css';
import type { BalloonView } from '../../../sim/instruments';
import type { HeightView } from '../../../sim/instruments';
import { shows } from '../examVisibility';
import { CavityDevicePanel } from './CavityDevicePanel';

interface Props {
  readonly balloon: BalloonView | null;
  readonly height: HeightView;
  readonly mode: TrainingMode;
  /** Command types the machine accepts now (the syringe buttons follow them). */
  readonly allowed: readonly CommandType[];
  readonly onAction: (action: KeyAction) => void;
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

/**
 * The inflatable bone tamp: manometer (dial and number, psi), volume against the device's maximum,
 * the live pressure-volume curve, the syringe's buttons, and the height restoration it achieves.
 * Device limits come from sim/instruments/balloonDevices.ts (docs/clinical-sources.md, Balloon).
 * An exam shows what the syringe and manometer show (examVisibility.ts): no working band, cavity,
 * curve, endplate or cortex contact, leaked contrast or heights, which the images must show.
 */
export function BalloonPanel({ balloon: b, height, mode, allowed, onAction, collapsed }: Props) {
  // The scenario's other cavity devices have no syringe or manometer: their own panel.
  if (b?.device)
    return (
      <CavityDevicePanel
        view={{ ...b, device: b.device }}
        height={height}
        mode={mode}
        allowed={allowed}
        onAction={onAction}
        collapsed={collapsed}
      />
    );
  return (
    <BalloonTampPanel
      balloon={b}
      height={height}
      mode={mode}
      allowed={allowed}
      onAction={onAction}
      collapsed={collapsed}
    />
  );
}

function BalloonTampPanel({ balloon: b, height, mode, allowed, onAction, collapsed }: Props) {
  const device = balloonDevice(b?.lengthMm ?? 15);
  const leaked = b?.leakedContrastMl ?? 0;
  const shown = b && (b.inserted || b.trace.length > 1);
  const show = (item: Parameters<typeof shows>[1]) => shows(mode, item);
  return (
    <Panel
      title="Balloon tamp"
      testId="balloon-panel"
      collapsed={collapsed}
      aside={
        b && (
          <span className="badge">{`${b.lengthMm} mm · max ${device.maxVolumeMl} mL · ${device.ratedPressurePsi} psi`}</span>
        )
      }
      className={b?.ruptured ? 'alarm' : undefined}
    >
      {!shown ? (
        <p className="muted">Not inserted.</p>
      ) : (
        <div className="balloon-grid">
          <div className="gauge-wrap">
            <ManometerGauge
              pressurePsi={b.pressurePsi}
              peakPsi={b.peakPressurePsi}
              showBand={show('balloon.workingBand')}
            />
          </div>
          <div>
            {/* The manometer's digital figure, at the head of the figures beside the dial. */}
            <div className="readout gauge-readout">
              <span className="readout-label">Pressure</span>
              <span>
                <span data-testid="balloon-pressure">{Math.round(b.pressurePsi)}</span> psi
              </span>
            </div>
            <Readout
              label={`Volume (max ${device.maxVolumeMl})`}
              value={fixed(b.volumeMl, 2)}
              unit="mL"
              testId="balloon-volume"
            />
            <Readout label="Peak" value={Math.round(b.peakPressurePsi)} unit="psi" testId="balloon-peak" />
            {show('balloon.cavity') && (
              <Readout label="Cavity" value={fixed(b.cavityMl, 2)} unit="mL" testId="balloon-cavity" />
            )}
            {(b.peakVolumeMl ?? 0) > b.volumeMl + 0.005 && (
              <Readout label="Largest fill" value={fixed(b.peakVolumeMl ?? 0, 2)} unit="mL" />
            )}
            {show('balloon.endplateContact') && b.endplateContact && (
              <Readout
                label="Endplate"
                value={b.endplateContactMl != null ? `at ${fixed(b.endplateContactMl, 2)} mL` : 'contact'}
                tone="warn"
                testId="balloon-endplate"
              />
            )}
            {show('balloon.cortexContact') &&
              (b.cortexBreach ? (
                <Readout
                  label="Cortex"
                  value={`breached (${b.cortexBreach.wall})`}
                  tone="danger"
                  testId="balloon-cortex"
                />
              ) : (
                b.cortexContact && <Readout label="Cortex" value="contact" tone="warn" testId="balloon-cortex" />
              ))}
            {b.ruptured && <Readout label="Balloon" value="RUPTURED" tone="danger" testId="balloon-ruptured" />}
            {show('balloon.contrastLeaked') && leaked > 0 && (
              <Readout
                label="Contrast leaked"
                value={fixed(leaked, 2)}
                unit="mL"
                tone="danger"
                testId="balloon-leaked"
              />
            )}
          </div>
          {show('balloon.pressureVolumePlot') && (
            <PressureVolumePlot
              trace={b.trace}
              maxVolumeMl={device.maxVolumeMl}
              maxPressurePsi={GAUGE_MAX_PSI}
              width={280}
              height={84}
            />
          )}
        </div>
      )}
      <BalloonControls allowed={allowed} onAction={onAction} />
      {show('balloon.heightRestoration') && <HeightRestoration height={height} />}
    </Panel>
  );
}
