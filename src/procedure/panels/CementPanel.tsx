import type { TrainingMode } from '../../../sim/core';
import { fixed, formatClock } from '../../ui/format';
import { CEMENT_DEVICES } from '../../../sim/instruments';
import { TACK_FEEL_TEXT } from '../../../sim/instruments';
import { CementClock } from './CementClock';
import { Panel, Readout } from '../../ui/Panel';
import type { CementView } from '../../../sim/instruments';
import { shows } from '../examVisibility';

interface Props {
  readonly cement: CementView;
  readonly mode: TrainingMode;
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

const PHASE_LABELS: Readonly<Record<CementView['phase'], string>> = {
  unmixed: 'not mixed',
  liquid: 'liquid',
  sticky: 'sticky (waiting)',
  working: 'working (doughy)',
  setting: 'setting',
  set: 'set',
};

/**
 * Cement: clock since mixing, the last tack test, the delivery device, volumes, leaks. Phase,
 * viscosity, push pressure, the volume in the body and the leaks only in practice
 * (examVisibility.ts): in exam mode the trainee judges the cement as a surgeon does, by the time
 * since mixing and the tack test (viscosity and the push pressure that follows it would give the
 * phase away), and sees a leak only on the images; they know only how much they pushed.
 */
export function CementPanel({ cement: c, mode, collapsed }: Props) {
  const mixed = c.phase !== 'unmixed';
  const show = (item: Parameters<typeof shows>[1]) => shows(mode, item);
  const d = c.delivery;
  return (
    <Panel
      title="Cement (PMMA)"
      testId="cement-panel"
      collapsed={collapsed}
      className={show('cement.leakAlarm') && c.leakedMl > 0 ? 'alarm' : undefined}
    >
      <div className="cement-grid">
        <CementClock sinceMixS={c.sinceMixS} mixed={mixed} />
        <div>
          {show('cement.phase') && <Readout label="Phase" value={PHASE_LABELS[c.phase]} testId="cement-phase" />}
          {show('cement.viscosity') && (
            <Readout
              label="Viscosity"
              value={mixed ? Math.round(c.viscosityPaS) : '–'}
              unit="Pa·s"
              testId="cement-viscosity"
            />
          )}
          {show('cement.pushPressure') && (
            <Readout label="Push pressure" value={Math.round(c.injectionPressureKPa)} unit="kPa" />
          )}
        </div>
      </div>
      <div className="cement-tack" data-testid="cement-tack">
        {c.lastTack ? (
          <>
            Tack test at {formatClock(c.lastTack.sinceMixS)}: {TACK_FEEL_TEXT[c.lastTack.feel]}
          </>
        ) : (
          'No tack test yet.'
        )}
      </div>
      <div className="cement-volumes" data-testid="cement-delivery">
        <Readout label="Device" value={CEMENT_DEVICES[d.device].name} testId="cement-device" />
        <div className="readout-pairs">
          <Readout label="In the device" value={fixed(d.loadedMl, 2)} unit="mL" testId="cement-device-ml" />
          <Readout label="Devices used" value={d.devicesUsed} testId="cement-devices-used" />
          <Readout label="Batch left" value={fixed(d.batchLeftMl, 1)} unit="mL" testId="cement-batch-ml" />
        </div>
      </div>
      <div className="cement-volumes readout-pairs" data-testid="cement-volumes">
        <Readout label="Injected" value={fixed(c.injectedMl, 2)} unit="mL" testId="cement-injected" />
        {show('cement.inBody') && (
          <Readout label="In body" value={fixed(c.inBodyMl, 2)} unit="mL" testId="cement-inbody" />
        )}
        {show('cement.leaked') && (
          <Readout
            label="Leaked"
            value={fixed(c.leakedMl, 2)}
            unit="mL"
            testId="cement-leaked"
            tone={c.leakedMl > 0 ? 'danger' : undefined}
          />
        )}
        {c.pendingMl > 0 && <Readout label="Queued" value={fixed(c.pendingMl, 2)} unit="mL" />}
        {c.cannulaStuck && <Readout label="Cannula" value="stuck" tone="danger" />}
      </div>
      {show('cement.leakList') && c.leaks.length > 0 && (
        <ul className="leaks" data-testid="cement-leaks">
          {c.leaks.map((l) => (
            <li key={l.location}>
              {l.location}: {fixed(l.volumeMl, 2)} mL{l.seenTick === null ? ' (not yet on an image)' : ''}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
