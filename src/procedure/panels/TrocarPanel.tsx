import type { TimedEvent } from '../../../sim/core';
import type { TrainingMode } from '../../../sim/core';
import type { EntryDraft } from '../input/actionTypes';
import { describeEvent } from '../describeEvent';
import { fixed, tickClock } from '../../ui/format';
import { instrumentStack } from '../instrumentStack';
import { Panel, Readout } from '../../ui/Panel';
import { keyedByContent } from '../../ui/contentKeys';
import type { TrocarView } from '../../../sim/instruments';
import { shows } from '../examVisibility';
import { useKeyboardHints } from './keyboardHints';

interface Props {
  readonly trocar: TrocarView | null;
  readonly entry: EntryDraft;
  readonly mode: TrainingMode;
  readonly events: readonly TimedEvent[];
  /** Folded to its title line (a panel of another step); absent: always open. */
  readonly collapsed?: boolean;
}

const MILESTONES: Readonly<Record<TrocarView['milestone'], string>> = {
  outside: 'Outside the skin',
  skin: 'In soft tissue',
  docked: 'Docked on bone',
  pedicle: 'In the pedicle',
  body: 'In the vertebral body',
  target: 'In the target zone',
};

/** What the operator's hands feel through the handle: the newest of these is shown as "Feel". */
const FELT = new Set(['needle.skinPunctured', 'needle.docked', 'needle.stalled', 'needle.skived']);

/**
 * Trocar state: side, entry, angles, depth, tissue at the tip, what is in the patient along the
 * track (needle, stylet, guide pin, introducer), mallet taps, skives and the last thing the hand
 * felt, breaches. In an exam only what the hands know (examVisibility.ts): no depth, tissue,
 * progress, breaches or missed pedicle, which the images must show.
 */
export function TrocarPanel({ trocar, entry, mode, events, collapsed }: Props) {
  const keyboardHints = useKeyboardHints();
  const draft = `${entry.side}, ${fixed(entry.lateralMm, 0)} mm lateral, ${fixed(entry.cranialMm, 0)} mm cranial`;
  if (!trocar) {
    return (
      <Panel title="Trocar" testId="trocar-panel" collapsed={collapsed}>
        <Readout label="Planned entry" value={draft} testId="entry-draft" />
        {keyboardHints && (
          <p className="muted" data-testid="entry-keys">
            Click the AP image, or <kbd>Tab</kbd> side · <kbd>Shift+I/J/K/L</kbd> move · <kbd>E</kbd> set entry
          </p>
        )}
      </Panel>
    );
  }
  const t = trocar;
  const stack = instrumentStack(t);
  const felt = [...events].reverse().find((e) => FELT.has(e.event.type));
  const feltLine = felt ? describeEvent(felt.event, mode) : null;
  const show = (item: Parameters<typeof shows>[1]) => shows(mode, item);
  return (
    <Panel
      title={stack.title}
      testId="trocar-panel"
      collapsed={collapsed}
      aside={<span className="badge">{stack.badge}</span>}
    >
      <Readout label="Side" value={t.side} testId="trocar-side" />
      <Readout
        label="Entry offset"
        value={`${fixed(entry.lateralMm, 0)} lat / ${fixed(entry.cranialMm, 0)} cran`}
        unit="mm"
        testId="trocar-entry"
      />
      <div className="readout-pairs">
        <Readout label="Medial" value={fixed(t.medialDeg)} unit="°" testId="trocar-medial" />
        <Readout label="Caudal" value={fixed(t.caudalDeg)} unit="°" testId="trocar-caudal" />
        {show('trocar.depth') && <Readout label="Depth" value={fixed(t.depthMm)} unit="mm" testId="trocar-depth" />}
        <Readout label="Mallet taps" value={t.taps} testId="trocar-taps" />
      </div>
      {show('trocar.tissueAtTip') && <Readout label="Tissue at tip" value={t.tissueAtTip} testId="trocar-tissue" />}
      {show('trocar.progress') && (
        <Readout label="Progress" value={MILESTONES[t.milestone]} testId="trocar-milestone" />
      )}
      <Readout
        label="In the patient"
        value={
          <span data-testid="trocar-instruments" data-stack={stack.key}>
            {stack.text}
          </span>
        }
      />
      {felt && feltLine && (
        <Readout
          label="Feel"
          value={`${tickClock(felt.tick)} ${feltLine.text}`}
          tone={felt.event.type === 'needle.skived' ? 'warn' : undefined}
          testId="trocar-feel"
        />
      )}
      <div className="readout-pairs">
        <Readout
          label="Skives"
          value={t.skives > 0 ? `${t.skives} (${fixed(t.skivedMm)} mm)` : '0'}
          tone={t.skives > 0 ? 'warn' : undefined}
          testId="trocar-skives"
        />
        <Readout label="Redirections" value={t.redirections} tone={t.redirections > 0 ? 'warn' : undefined} />
      </div>
      {show('trocar.missedPedicle') && t.missedPedicle && (
        <Readout label="Pedicle" value={`missed (${t.missedPedicle})`} tone="danger" testId="trocar-missed" />
      )}
      {show('trocar.channelLength') && t.channelMm > 0 && (
        <Readout label="Drilled channel" value={fixed(t.channelMm)} unit="mm" />
      )}
      {show('trocar.safetyRule') && t.safetyRuleViolated && (
        <Readout label="Safety rule" value="violated" tone="danger" />
      )}
      {show('trocar.breaches') && (
        <div className="breaches" data-testid="trocar-breaches">
          {t.breaches.length === 0 ? (
            <span className="muted">No breach</span>
          ) : (
            keyedByContent(t.breaches, (b) => `${b.tick}:${b.wall}`).map(({ key, item: b }) => (
              <div key={key} className="breach">
                {tickClock(b.tick)} breach {b.wall} wall, {fixed(b.depthMm)} mm
              </div>
            ))
          )}
        </div>
      )}
    </Panel>
  );
}
