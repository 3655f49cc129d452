import type { CementView } from '../../sim/snapshot';
import type { TrainingMode } from '../../sim/sessionTypes';
import { fixed } from '../game/format';
import { CementClock } from './CementClock';
import { Panel, Readout } from './Panel';

interface Props {
  readonly cement: CementView;
  readonly mode: TrainingMode;
}

const PHASE_LABELS: Readonly<Record<CementView['phase'], string>> = {
  unmixed: 'not mixed',
  liquid: 'liquid',
  sticky: 'sticky (waiting)',
  working: 'working (doughy)',
  setting: 'setting',
  set: 'set',
};

/** Cement: clock since mixing, phase (practice only), volumes, viscosity, leaks. */
export function CementPanel({ cement: c, mode }: Props) {
  const mixed = c.phase !== 'unmixed';
  return (
    <Panel title="Cement (PMMA)" testId="cement-panel" className={c.leakedMl > 0 ? 'alarm' : undefined}>
      <div className="cement-grid">
        <CementClock sinceMixS={c.sinceMixS} mixed={mixed} />
        <div>
          {mode === 'practice' && <Readout label="Phase" value={PHASE_LABELS[c.phase]} testId="cement-phase" />}
          <Readout label="Viscosity" value={mixed ? Math.round(c.viscosityPaS) : '–'} unit="Pa·s" testId="cement-viscosity" />
          <Readout label="Push pressure" value={Math.round(c.injectionPressureKPa)} unit="kPa" />
        </div>
      </div>
      <div className="cement-volumes" data-testid="cement-volumes">
        <Readout label="Injected" value={fixed(c.injectedMl, 2)} unit="mL" testId="cement-injected" />
        <Readout label="In body" value={fixed(c.inBodyMl, 2)} unit="mL" testId="cement-inbody" />
        <Readout label="Leaked" value={fixed(c.leakedMl, 2)} unit="mL" testId="cement-leaked" tone={c.leakedMl > 0 ? 'danger' : undefined} />
        {c.pendingMl > 0 && <Readout label="Queued" value={fixed(c.pendingMl, 2)} unit="mL" />}
        {c.cannulaStuck && <Readout label="Cannula" value="stuck" tone="danger" />}
      </div>
      {c.leaks.length > 0 && (
        <ul className="leaks">
          {c.leaks.map((l) => (
            <li key={l.location}>
              {l.location}: {fixed(l.volumeMl, 2)} mL
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
