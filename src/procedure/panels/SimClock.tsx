import { formatClock } from '../../ui/format';

interface Props {
  readonly timeS: number;
  readonly speed: number;
}

/** Simulated time since the case opened, and how fast it runs against the wall clock (0: paused by a dialog or the instructor). */
export function SimClock({ timeS, speed }: Props) {
  return (
    <div className="sim-clock" title="Simulated time (F changes the speed)">
      <span className="sim-clock-time" data-testid="sim-time" data-time-s={Math.floor(timeS)}>
        {formatClock(timeS)}
      </span>
      <span className={`sim-clock-speed${speed !== 1 ? ' fast' : ''}`} data-testid="time-speed" data-speed={speed}>
        {speed === 0 ? 'paused' : `time ×${speed}`}
      </span>
    </div>
  );
}
