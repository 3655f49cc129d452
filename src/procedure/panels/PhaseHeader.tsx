import { PHASES } from '../../../sim/procedure';
import type { TrainingMode } from '../../../sim/core';
import type { PracticeHint } from '../practiceHint';
import { shows } from '../examVisibility';

interface Props {
  readonly phase: string;
  readonly mode: TrainingMode;
  /** Practice-mode hint (never passed in exam mode, and never shown there: examVisibility.ts). */
  readonly hint: PracticeHint | null;
  /** The machine would accept phase.next now. */
  readonly canAdvance: boolean;
  /** The machine's full state value, e.g. 'access.trocarInBody' (for tests; practice only, as is canAdvance's attribute). */
  readonly stateValue: string;
  /** The scenario's cavity device (absent: the balloon): the cavity stage's instruction follows it. */
  readonly cavityDevice?: 'balloon' | 'ballTamp' | 'meshContainer';
  /** A case of two levels: the levels in order and which is being treated (absent: one level). */
  readonly levels?: { readonly names: readonly string[]; readonly current: number };
  /** The machine would accept level.next now (the first of two levels has its instruments out). */
  readonly canMoveToNextLevel?: boolean;
}

/** The cavity stage's instruction for the devices other than the balloon (sim/instruments/README.md, Other cavity devices). */
const CAVITY_STAGE: Readonly<Record<'ballTamp' | 'meshContainer', { label: string; instruction: string }>> = {
  ballTamp: {
    label: 'Ball tamp',
    instruction:
      'Insert the ball tamp, open it in steps under lateral images to its full sphere, then close and remove it.',
  },
  meshContainer: {
    label: 'Mesh container',
    instruction:
      'Deploy the mesh container at the end of the channel and withdraw its pusher; the cement stage fills it.',
  },
};

/**
 * The phase strip and the current phase's instruction; data-phase lets tests follow the procedure
 * (in an exam too: the strip shows it), data-state and data-can-advance only in practice.
 */
export function PhaseHeader({
  phase,
  mode,
  hint,
  canAdvance,
  stateValue,
  cavityDevice,
  levels,
  canMoveToNextLevel,
}: Props) {
  const index = PHASES.findIndex((p) => p.id === phase);
  const device = cavityDevice && cavityDevice !== 'balloon' ? CAVITY_STAGE[cavityDevice] : null;
  const phases = PHASES.map((p) => (p.id === 'balloon' && device ? { ...p, ...device } : p));
  const current = index >= 0 ? phases[index] : undefined;
  const machineState = shows(mode, 'phaseHeader.machineState');
  return (
    <section
      className="phase-header"
      data-testid="phase"
      data-phase={phase}
      data-state={machineState ? stateValue : undefined}
      data-can-advance={machineState ? canAdvance : undefined}
    >
      <ol className="phase-strip" aria-label="Procedure steps">
        {phases.map((p, i) => (
          <li
            key={p.id}
            className={i < index ? 'done' : i === index ? 'current' : ''}
            aria-current={i === index ? 'step' : undefined}
          >
            {p.label}
          </li>
        ))}
      </ol>
      <div className="phase-text">
        <h2>
          <span className="phase-step">
            Step {index + 1}/{PHASES.length}
          </span>{' '}
          {current?.label ?? phase}
          {shows(mode, 'phaseHeader.stepComplete') && canAdvance && phase !== 'debrief' && (
            <span className="phase-ready">
              step complete: <kbd>Enter</kbd> to continue
            </span>
          )}
        </h2>
        {levels && (
          <p className="phase-level" data-testid="treated-level">
            Level {levels.current + 1} of {levels.names.length}: {levels.names[levels.current]}
            {canMoveToNextLevel && (
              <>
                {' '}
                - instruments out: <kbd>Shift+U</kbd> moves on to {levels.names[levels.current + 1]}, which is counted,
                marked and entered as the first
              </>
            )}
          </p>
        )}
        <p className="phase-instruction">{current?.instruction}</p>
        {shows(mode, 'phaseHeader.hint') && hint && (
          <p
            className="phase-hint"
            data-testid="hint"
            data-ideal-medial={hint.ideal?.medialDeg.toFixed(1)}
            data-ideal-caudal={hint.ideal?.caudalDeg.toFixed(1)}
            data-ideal-depth={hint.ideal?.depthMm.toFixed(1)}
          >
            <span className="hint-tag">Hint</span> {hint.text}
          </p>
        )}
      </div>
    </section>
  );
}
