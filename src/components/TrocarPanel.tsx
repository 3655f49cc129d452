import type { TrocarView } from '../../sim/snapshot';
import type { TrainingMode } from '../../sim/sessionTypes';
import type { EntryDraft } from '../input/actionTypes';
import { fixed, tickClock } from '../game/format';
import { Panel, Readout } from './Panel';

interface Props {
  readonly trocar: TrocarView | null;
  readonly entry: EntryDraft;
  readonly mode: TrainingMode;
}

const MILESTONES: Readonly<Record<TrocarView['milestone'], string>> = {
  outside: 'Outside the skin',
  skin: 'In soft tissue',
  docked: 'Docked on bone',
  pedicle: 'In the pedicle',
  body: 'In the vertebral body',
  target: 'In the target zone',
};

/** Trocar state: side, entry, angles, depth, tissue at the tip, breaches (progress milestones in practice only). */
export function TrocarPanel({ trocar, entry, mode }: Props) {
  const draft = `${entry.side}, ${fixed(entry.lateralMm, 0)} mm lateral, ${fixed(entry.cranialMm, 0)} mm cranial`;
  if (!trocar) {
    return (
      <Panel title="Trocar" testId="trocar-panel">
        <Readout label="Planned entry" value={draft} />
        <p className="muted">
          <kbd>Tab</kbd> side · <kbd>Shift+I/J/K/L</kbd> move · <kbd>E</kbd> set entry
        </p>
      </Panel>
    );
  }
  const t = trocar;
  return (
    <Panel title={t.cannula ? 'Working cannula' : 'Trocar'} testId="trocar-panel" aside={<span className="badge">{t.gauge} G</span>}>
      <Readout label="Side" value={t.side} testId="trocar-side" />
      <Readout label="Entry offset" value={`${fixed(entry.lateralMm, 0)} lat / ${fixed(entry.cranialMm, 0)} cran`} unit="mm" />
      <Readout label="Medial" value={fixed(t.medialDeg)} unit="°" testId="trocar-medial" />
      <Readout label="Caudal" value={fixed(t.caudalDeg)} unit="°" testId="trocar-caudal" />
      <Readout label="Depth" value={fixed(t.depthMm)} unit="mm" testId="trocar-depth" />
      <Readout label="Tissue at tip" value={t.tissueAtTip} testId="trocar-tissue" />
      {/* Where the tip is relative to the pedicle and walls is for the trainee to read off the images in an exam. */}
      {mode === 'practice' && <Readout label="Progress" value={MILESTONES[t.milestone]} testId="trocar-milestone" />}
      {t.channelMm > 0 && <Readout label="Drilled channel" value={fixed(t.channelMm)} unit="mm" />}
      <Readout label="Redirections" value={t.redirections} tone={t.redirections > 0 ? 'warn' : undefined} />
      {t.safetyRuleViolated && <Readout label="Safety rule" value="violated" tone="danger" />}
      <div className="breaches" data-testid="trocar-breaches">
        {t.breaches.length === 0 ? (
          <span className="muted">No breach</span>
        ) : (
          t.breaches.map((b, i) => (
            <div key={i} className="breach">
              {tickClock(b.tick)} breach {b.wall} wall, {fixed(b.depthMm)} mm
            </div>
          ))
        )}
      </div>
    </Panel>
  );
}
