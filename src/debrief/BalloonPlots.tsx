import type { AttemptTrace } from '../../sim/attempt';
import { balloonDevice, cavityDeviceName } from '../../sim/instruments';
import type { Scenario } from '../../levels/scenarioSchema';
import { PressureVolumePlot } from '../ui/PressureVolumePlot';
import { GAUGE_MAX_PSI } from '../ui/ManometerGauge';
import { PlotTable } from '../ui/PlotTable';

interface Props {
  readonly trace: AttemptTrace;
  readonly balloonLengthMm: number;
  /** The scenario's cavity device (absent: the balloon): only the balloon has a manometer to plot. */
  readonly cavityDevice?: Scenario['equipment']['cavityDevice'];
}

/** Balloon pressure against volume, one plot per side inflated (bipedicular: both), from the trace. */
export function BalloonPlots({ trace, balloonLengthMm, cavityDevice }: Props) {
  const device = balloonDevice(balloonLengthMm);
  if (cavityDevice && cavityDevice !== 'balloon')
    return (
      <figure className="plot balloon-plots" data-testid="balloon-plots" data-sides={0}>
        <figcaption>Cavity made with the {cavityDeviceName(cavityDevice)}</figcaption>
        <p className="muted">
          {cavityDevice === 'ballTamp'
            ? 'The ball tamp is opened by a screw to its fixed sphere: there is no manometer trace to plot.'
            : 'The mesh container takes the cement itself, not contrast: there is no manometer trace to plot.'}
        </p>
      </figure>
    );
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
                  {b.ruptured && <strong className="status-refused"> · ⚠ ruptured</strong>}
                </span>
                <PlotTable
                  caption={`${b.side === 'left' ? 'Left' : 'Right'} balloon: pressure against volume, every sample`}
                  columns={['Volume (mL)', 'Pressure (psi)']}
                  rows={b.trace.map((p) => [p.volumeMl.toFixed(2), Math.round(p.pressurePsi)])}
                  testId={`balloon-table-${b.side}`}
                />
              </div>
            );
          })}
        </div>
      )}
    </figure>
  );
}
