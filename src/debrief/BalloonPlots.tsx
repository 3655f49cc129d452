import type { AttemptTrace } from '../../sim/attempt';
import { balloonDevice } from '../../sim/instruments';
import { PressureVolumePlot } from '../ui/PressureVolumePlot';
import { GAUGE_MAX_PSI } from '../ui/ManometerGauge';

interface Props {
  readonly trace: AttemptTrace;
  readonly balloonLengthMm: number;
}

/** Balloon pressure against volume, one plot per side inflated (bipedicular: both), from the trace. */
export function BalloonPlots({ trace, balloonLengthMm }: Props) {
  const device = balloonDevice(balloonLengthMm);
  return (
    <figure className="plot balloon-plots" data-testid="balloon-plots" data-sides={trace.balloons.length}>
      <figcaption>Balloon pressure (psi) against volume (mL)</figcaption>
      {trace.balloons.length === 0 ? (
        <p className="muted">No balloon was inflated.</p>
      ) : (
        <div className="balloon-plot-row">
          {trace.balloons.map((b) => {
            const peak = Math.max(...b.trace.map((p) => p.pressurePsi));
            const maxMl = Math.max(...b.trace.map((p) => p.volumeMl));
            return (
              <div key={b.side} className="balloon-plot">
                <PressureVolumePlot trace={b.trace} maxVolumeMl={device.maxVolumeMl} maxPressurePsi={GAUGE_MAX_PSI} />
                <span>
                  {b.side === 'left' ? 'Left' : 'Right'} · peak {Math.round(peak)} psi · {maxMl.toFixed(2)} mL
                  {b.ruptured && <strong className="status-refused"> · ruptured</strong>}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </figure>
  );
}
