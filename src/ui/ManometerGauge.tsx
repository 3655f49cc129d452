/** Full scale of the dial, psi: the rated maximum of the tamp is 300-400 psi (docs/clinical-sources.md, Balloon; assumed). */
export const GAUGE_MAX_PSI = 400;
/** Usual working pressure in osteoporotic bone, 120-220 psi (Nan Fang Yi Ke Da Xue Xue Bao 2006). */
const WORKING_BAND_PSI: readonly [number, number] = [120, 220];
/** Start of the red zone: the lower end of the rated maximum. */
const DANGER_FROM_PSI = 300;

const START_DEG = -135;
const SWEEP_DEG = 270;
const R = 42;

const angleFor = (psi: number) => START_DEG + (Math.min(Math.max(psi, 0), GAUGE_MAX_PSI) / GAUGE_MAX_PSI) * SWEEP_DEG;

function polar(deg: number, r: number): [number, number] {
  const rad = ((deg - 90) * Math.PI) / 180;
  return [50 + r * Math.cos(rad), 50 + r * Math.sin(rad)];
}

function arc(fromPsi: number, toPsi: number, r: number): string {
  const a0 = angleFor(fromPsi);
  const a1 = angleFor(toPsi);
  const [x0, y0] = polar(a0, r);
  const [x1, y1] = polar(a1, r);
  return `M ${x0} ${y0} A ${r} ${r} 0 ${a1 - a0 > 180 ? 1 : 0} 1 ${x1} ${y1}`;
}

interface Props {
  readonly pressurePsi: number;
  readonly peakPsi: number;
  /** Show the working band (practice mode). */
  readonly showBand: boolean;
}

/** The inflation syringe's manometer: a dial in psi with a peak marker. */
export function ManometerGauge({ pressurePsi, peakPsi, showBand }: Props) {
  const ticks = [];
  for (let p = 0; p <= GAUGE_MAX_PSI; p += 50) {
    const [x0, y0] = polar(angleFor(p), R);
    const [x1, y1] = polar(angleFor(p), p % 100 === 0 ? R - 7 : R - 4);
    const [tx, ty] = polar(angleFor(p), R - 14);
    ticks.push(
      <g key={p}>
        <line x1={x0} y1={y0} x2={x1} y2={y1} className="gauge-tick" />
        {p % 100 === 0 && (
          <text x={tx} y={ty} className="gauge-num" textAnchor="middle" dominantBaseline="middle">
            {p}
          </text>
        )}
      </g>,
    );
  }
  const [nx, ny] = polar(angleFor(pressurePsi), R - 6);
  const [px, py] = polar(angleFor(peakPsi), R);
  const [px2, py2] = polar(angleFor(peakPsi), R - 6);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> draws a bar and never renders its children, so it cannot be this dial; role=meter with its aria-value* exposes the same value (e2e reads aria-valuenow)
    <svg
      className="gauge"
      viewBox="0 0 100 100"
      role="meter"
      aria-label="Balloon pressure"
      aria-valuemin={0}
      aria-valuemax={GAUGE_MAX_PSI}
      aria-valuenow={Math.round(pressurePsi)}
      aria-valuetext={`${Math.round(pressurePsi)} psi, peak ${Math.round(peakPsi)} psi`}
      data-testid="balloon-gauge"
    >
      <circle cx={50} cy={50} r={48} className="gauge-face" />
      <path d={arc(0, GAUGE_MAX_PSI, R)} className="gauge-scale" />
      {showBand && <path d={arc(WORKING_BAND_PSI[0], WORKING_BAND_PSI[1], R - 2)} className="gauge-band" />}
      <path d={arc(DANGER_FROM_PSI, GAUGE_MAX_PSI, R - 2)} className="gauge-danger" />
      {ticks}
      <line x1={px} y1={py} x2={px2} y2={py2} className="gauge-peak" />
      <line x1={50} y1={50} x2={nx} y2={ny} className="gauge-needle" />
      <circle cx={50} cy={50} r={3} className="gauge-hub" />
      <text x={50} y={80} className="gauge-unit" textAnchor="middle">
        psi
      </text>
    </svg>
  );
}
