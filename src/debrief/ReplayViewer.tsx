import { useMemo, useState } from 'react';
import type { View } from '../../sim/core';
import type { FilmStep } from '../../sim/attempt';
import type { ReplayClient } from '../replay/replayClient';
import type { FilmFrameInfo, FilmSummary } from '../replay/replayProtocol';
import { describeCommand } from '../ui/describeCommand';
import { fixed, formatClock } from '../ui/format';
import { useKeyScope } from '../keyboard/useKeyScope';
import { FilmImageView } from './FilmImageView';

interface Props {
  readonly film: FilmSummary;
  readonly client: ReplayClient | null;
  readonly reveal: boolean;
  readonly onToggleReveal: () => void;
}

/** The latest image of a view taken up to a step (frames[0..imagesSoFar)), or null. */
export function latestFrame(frames: readonly FilmFrameInfo[], imagesSoFar: number, view: View): FilmFrameInfo | null {
  for (let i = Math.min(imagesSoFar, frames.length) - 1; i >= 0; i--) if (frames[i].view === view) return frames[i];
  return null;
}

/** The next (dir +1) or previous (dir -1) step at which a new image had been taken, or the current one. */
export function imageStep(steps: readonly FilmStep[], at: number, dir: 1 | -1): number {
  for (let i = at + dir; i >= 0 && i < steps.length; i += dir) {
    const before = i > 0 ? steps[i - 1].imagesSoFar : 0;
    if (steps[i].imagesSoFar > before) return i;
  }
  return at;
}

function StepState({ step }: { step: FilmStep }) {
  return (
    <dl className="replay-state" data-testid="replay-state">
      <div>
        <dt>Phase</dt>
        <dd>{step.phase}</dd>
      </div>
      <div>
        <dt>Needle</dt>
        <dd>{step.tipSide ? `${step.tipSide} · ${fixed(step.tipDepthMm ?? 0)} mm · ${step.milestone}` : '—'}</dd>
      </div>
      <div>
        <dt>Breaches</dt>
        <dd>{step.breaches}</dd>
      </div>
      <div>
        <dt>Balloon</dt>
        <dd>
          {step.balloonMl !== null ? `${fixed(step.balloonMl, 2)} mL · ${Math.round(step.balloonPsi ?? 0)} psi` : '—'}
        </dd>
      </div>
      <div>
        <dt>Cement</dt>
        <dd>
          {step.cementPhase} · {fixed(step.cementInjectedMl, 2)} mL in ({fixed(step.cementInBodyMl, 2)} body,{' '}
          {fixed(step.cementLeakedMl, 2)} leaked)
        </dd>
      </div>
      <div>
        <dt>Fluoro</dt>
        <dd>
          {fixed(step.fluoroTimeS)} s · {step.shots} shots · {fixed(step.dapGyCm2, 2)} Gy·cm²
        </dd>
      </div>
    </dl>
  );
}

/**
 * Steps through the attempt command by command, exactly as its log replays (sim/attempt/replayFilm.ts):
 * the state after each command and the last AP and lateral images taken by then, re-made from the
 * log. ←/→ step, Shift+←/→ jump between images, Home/End, V reveal mode.
 */
export function ReplayViewer({ film, client, reveal, onToggleReveal }: Props) {
  const steps = film.steps;
  const [at, setAt] = useState(0);
  const last = steps.length - 1;
  const step = steps[Math.min(at, last)];
  const ap = useMemo(() => (step ? latestFrame(film.frames, step.imagesSoFar, 'AP') : null), [film, step]);
  const lat = useMemo(() => (step ? latestFrame(film.frames, step.imagesSoFar, 'lateral') : null), [film, step]);

  // ←/→ step (auto-repeat runs on), Shift+←/→ image to image, Home/End, V reveal mode (once per press).
  useKeyScope('Replay', [
    { id: 'replay.next', keys: ['ArrowRight'], label: 'Next step', onDown: () => setAt(Math.min(last, at + 1)) },
    { id: 'replay.previous', keys: ['ArrowLeft'], label: 'Previous step', onDown: () => setAt(Math.max(0, at - 1)) },
    {
      id: 'replay.nextImage',
      keys: ['Shift+ArrowRight'],
      label: 'Next image',
      onDown: () => setAt(imageStep(steps, at, 1)),
    },
    {
      id: 'replay.previousImage',
      keys: ['Shift+ArrowLeft'],
      label: 'Previous image',
      onDown: () => setAt(imageStep(steps, at, -1)),
    },
    { id: 'replay.first', keys: ['Home'], label: 'First step', onDown: () => setAt(0), ignoreShift: true },
    { id: 'replay.last', keys: ['End'], label: 'Last step', onDown: () => setAt(last), ignoreShift: true },
    {
      id: 'replay.reveal',
      keys: ['v'],
      label: 'Reveal mode (anatomy, trajectory, cement)',
      onDown: onToggleReveal,
      ignoreShift: true,
      repeat: false,
    },
  ]);

  if (!step) return <p className="muted">The attempt has no commands to replay.</p>;
  return (
    <section className="replay-viewer" data-testid="replay-viewer" data-step={at} data-steps={steps.length}>
      <h2>Replay</h2>
      <p className="muted">
        Exactly re-run from the log. <kbd>←</kbd>/<kbd>→</kbd> step, <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> image to
        image, <kbd>Home</kbd>/<kbd>End</kbd>, <kbd>V</kbd> reveal mode.
      </p>
      <div className="replay-controls">
        <button type="button" onClick={() => setAt(imageStep(steps, at, -1))} aria-label="Previous image">
          ◀ image
        </button>
        <button type="button" onClick={() => setAt(Math.max(0, at - 1))} aria-label="Previous step">
          ◀
        </button>
        <input
          type="range"
          min={0}
          max={last}
          value={at}
          onChange={(e) => setAt(Number(e.target.value))}
          aria-label="Step of the attempt"
          aria-valuetext={`step ${at + 1} of ${steps.length}: ${describeCommand(step.command)} at ${formatClock(step.timeS)}`}
        />
        <button type="button" onClick={() => setAt(Math.min(last, at + 1))} aria-label="Next step">
          ▶
        </button>
        <button type="button" onClick={() => setAt(imageStep(steps, at, 1))} aria-label="Next image">
          image ▶
        </button>
        <label className="reveal-toggle">
          <input type="checkbox" checked={reveal} onChange={onToggleReveal} data-testid="reveal-toggle" /> Reveal{' '}
          <kbd>V</kbd>
        </label>
      </div>
      <p className="replay-step" data-testid="replay-step" aria-live="polite">
        Step {at + 1} / {steps.length} · {formatClock(step.timeS)} · <strong>{describeCommand(step.command)}</strong> ·{' '}
        {step.imagesSoFar} images so far
      </p>
      <div className="replay-body">
        <FilmImageView client={client} index={ap?.index ?? null} view="AP" timeS={ap?.timeS ?? null} reveal={reveal} />
        <FilmImageView
          client={client}
          index={lat?.index ?? null}
          view="lateral"
          timeS={lat?.timeS ?? null}
          reveal={reveal}
        />
        <StepState step={step} />
      </div>
      {reveal && (
        <p className="reveal-legend muted" data-testid="reveal-legend">
          <span className="swatch body" /> vertebral body <span className="swatch pedicles" /> pedicles{' '}
          <span className="swatch trajectory" /> ideal trajectory and target <span className="swatch cement" /> cement{' '}
          <span className="swatch leaks" /> leaked cement
        </p>
      )}
    </section>
  );
}
