import type { ServerRating } from '../labClient/instructorApiTypes';
import { interRaterRows, orderedRaters } from './interRater';

interface Props {
  readonly ratings: readonly ServerRating[];
  readonly meId: string | null;
}

/** Every rater's global rating of the attempt in one table (items by raters), with each item's range, then their notes. */
export function InterRaterTable({ ratings, meId }: Props) {
  if (ratings.length === 0) return <p className="muted">No rater has rated this attempt on the lab server yet.</p>;
  const raters = orderedRaters(ratings, meId);
  const rows = interRaterRows(raters);
  return (
    <>
      <table className="inter-rater-table" data-testid="inter-rater-table" data-raters={raters.length}>
        <caption>Global rating by rater (1 to 5 per item); range is the highest minus the lowest</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            {raters.map((r) => (
              <th scope="col" key={r.rater.id}>
                {r.rater.displayName}
                {r.rater.id === meId ? ' (you)' : ''}
              </th>
            ))}
            <th scope="col">Range</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`inter-rater-${row.id}`}>
              <th scope="row">{row.label}</th>
              {row.scores.map((s, i) => (
                <td className="num" key={raters[i]?.rater.id ?? i}>
                  {s ?? '—'}
                </td>
              ))}
              <td className="num">{row.range ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="inter-rater-notes">
        {raters.map((r) => (
          <div key={r.rater.id}>
            <dt>{r.rater.displayName}</dt>
            <dd>
              <strong>Plus:</strong> {r.plus || '—'} <strong>Delta:</strong> {r.delta || '—'}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
