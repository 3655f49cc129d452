import { fixed } from '../../ui/format';
import type { HeightFigures, HeightView } from '../../../sim/instruments';

interface Props {
  readonly height: HeightView;
}

/** Share of the lost height regained, % (0 when nothing was lost): how the debrief scores restoration. */
export function regainedPercent(nowMm: number, preOpMm: number, intactMm: number): number {
  const lost = intactMm - preOpMm;
  return lost > 0 ? ((nowMm - preOpMm) / lost) * 100 : 0;
}

const STAGE_LABELS = {
  before: 'Before',
  peak: 'Full inflation',
  afterDeflation: 'After deflation',
  afterCement: 'After cement',
} as const;

/** The heights at each stage reached (before, full inflation, after deflation, after cement): the gain lost on deflation shows. */
function Stages({ stages }: { stages: NonNullable<HeightView['stages']> }) {
  const reached = (Object.keys(STAGE_LABELS) as (keyof typeof STAGE_LABELS)[])
    .map((k) => [k, stages[k]] as const)
    .filter((e): e is readonly [keyof typeof STAGE_LABELS, HeightFigures] => e[1] !== null);
  if (reached.length < 2) return null;
  return (
    <table className="heights stages" data-testid="height-stages">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">ant.</th>
          <th scope="col">mid.</th>
          <th scope="col">wedge</th>
        </tr>
      </thead>
      <tbody>
        {reached.map(([k, f]) => (
          <tr key={k} data-stage={k}>
            <th scope="row">{STAGE_LABELS[k]}</th>
            <td>{fixed(f.anteriorMm)}</td>
            <td>{fixed(f.middleMm)}</td>
            <td>{fixed(f.wedgeDeg)}°</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Height restoration at a glance: anterior and middle height now beside pre-op and intact, the
 * share of lost height regained, and the wedge (kyphotic) angle now against pre-op. Clinically
 * ~1.5-3.5 mm anterior and ~5 degrees of kyphosis are regained (docs/clinical-sources.md, Balloon).
 */
export function HeightRestoration({ height: h }: Props) {
  const rows = [
    { key: 'anterior', label: 'Anterior', now: h.anteriorMm, preOp: h.preOpAnteriorMm },
    { key: 'middle', label: 'Middle', now: h.middleMm, preOp: h.preOpMiddleMm },
  ];
  const correctionDeg = h.preOpWedgeDeg - h.wedgeDeg;
  return (
    <>
      <table className="heights" data-testid="heights">
        <thead>
          <tr>
            <th scope="col">Height, mm</th>
            <th scope="col">now</th>
            <th scope="col">pre-op</th>
            <th scope="col">intact</th>
            <th scope="col">regained</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const gain = regainedPercent(r.now, r.preOp, h.intactMm);
            return (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td
                  className={r.now > r.preOp + 0.05 ? 'gain' : undefined}
                  data-testid={`height-${r.key}`}
                  data-mm={r.now}
                >
                  {fixed(r.now)}
                </td>
                <td>{fixed(r.preOp)}</td>
                <td data-testid={r.key === 'anterior' ? 'height-intact' : undefined}>{fixed(h.intactMm)}</td>
                <td data-testid={`height-${r.key}-regained`}>{Math.round(gain)} %</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">Posterior</th>
            <td>{fixed(h.posteriorMm)}</td>
            <td colSpan={3} />
          </tr>
          <tr className="wedge">
            <th scope="row">Wedge angle</th>
            <td data-testid="wedge-angle" data-deg={h.wedgeDeg}>
              {fixed(h.wedgeDeg)}°
            </td>
            <td>{fixed(h.preOpWedgeDeg)}°</td>
            <td />
            <td data-testid="wedge-correction">{correctionDeg > 0.05 ? `−${fixed(correctionDeg)}°` : '–'}</td>
          </tr>
        </tbody>
      </table>
      {h.stages && <Stages stages={h.stages} />}
    </>
  );
}
