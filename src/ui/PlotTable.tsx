import type { ReactNode } from 'react';

interface Props {
  /** What the table holds, read as its caption. */
  readonly caption: string;
  /** Column headers, units included. */
  readonly columns: readonly string[];
  /** One row per plotted sample, the cells already formatted as the plot's axes read them. */
  readonly rows: readonly (readonly ReactNode[])[];
  readonly testId?: string;
}

/**
 * A plot's numbers as a table that only a screen reader meets (WCAG 1.1.1: a drawing of data has a
 * text alternative that holds the data, not just a summary of it). The first column is the row's
 * header (the time or the volume the other cells are read against).
 */
export function PlotTable({ caption, columns, rows, testId }: Props) {
  return (
    <table className="visually-hidden" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the samples in order and never reorder
          <tr key={i}>
            {r.map((cell, j) =>
              j === 0 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the cells are the columns in order
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the cells are the columns in order
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
