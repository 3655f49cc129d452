import { formatClock } from '../../ui/format';

/** One turn of the dial: the whole handling window of PMMA at room temperature is ~8.5-15 min (BMC Musculoskelet Disord 2012). */
const DIAL_S = 20 * 60;
/** The dial's 20 minute marks, numbered from the top clockwise. */
const MINUTE_MARKS = Array.from({ length: 20 }, (_, minute) => minute);

interface Props {
  readonly sinceMixS: number;
  readonly mixed: boolean;
}

/** Time since mixing as a stopwatch dial (minutes) with a digital read-out. */
export function CementClock({ sinceMixS, mixed }: Props) {
  const deg = ((Math.min(sinceMixS, DIAL_S) / DIAL_S) * 360) % 360;
  const marks = MINUTE_MARKS.map((m) => {
    const a = ((m * 18 - 90) * Math.PI) / 180;
    const r0 = m % 5 === 0 ? 34 : 38;
    return (
      <line
        key={m}
        x1={50 + r0 * Math.cos(a)}
        y1={50 + r0 * Math.sin(a)}
        x2={50 + 42 * Math.cos(a)}
        y2={50 + 42 * Math.sin(a)}
        className="clock-mark"
      />
    );
  });
  const a = ((deg - 90) * Math.PI) / 180;
  return (
    <div className="cement-clock">
      <svg
        viewBox="0 0 100 100"
        role="img"
        aria-label={mixed ? `${formatClock(sinceMixS)} since mixing` : 'Cement not mixed'}
      >
        <circle cx={50} cy={50} r={46} className="clock-face" />
        {marks}
        {mixed && <line x1={50} y1={50} x2={50 + 36 * Math.cos(a)} y2={50 + 36 * Math.sin(a)} className="clock-hand" />}
        <circle cx={50} cy={50} r={2.5} className="clock-hub" />
      </svg>
      <div className="clock-digital" data-testid="cement-clock">
        {mixed ? formatClock(sinceMixS) : '--:--'}
      </div>
    </div>
  );
}
