import type { ReactNode } from 'react';
import { FieldErrorList, type Path, useForm } from './FormFields';
import { appendAt, getAt, removeAt } from './scenarioDraft';

interface Props {
  /** The list's path in the draft. */
  readonly path: Path;
  /** The fields of row `index`, whose path is `[...path, index]`. */
  readonly row: (index: number) => ReactNode;
  /** What "Add" appends: a row that reads as a sensible start. */
  readonly newItem: () => unknown;
  readonly addLabel: string;
  readonly addTestId?: string;
  /** An optional list: its last row removed removes the field, so the scenario has no empty list the schema did not ask for. */
  readonly optional?: boolean;
}

/**
 * A list of rows in the form (findings, levels treated before, objectives): the list's own schema
 * errors above it, each row with its fields and a Remove button, and an Add button below. Each row
 * field shows its errors at its path, so a problem is named at the row it is in.
 */
export function ListEditor({ path, row, newItem, addLabel, addTestId, optional = false }: Props) {
  const { draft, set } = useForm();
  const value = getAt(draft, path);
  const list: readonly unknown[] = Array.isArray(value) ? value : [];
  return (
    <>
      <FieldErrorList path={path} />
      {list.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no id; the index is their place in the list
        <div className="editor-row" key={i}>
          {row(i)}
          <button type="button" onClick={() => set(path, getAt(removeAt(draft, path, i, optional), path))}>
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid={addTestId}
        onClick={() => set(path, getAt(appendAt(draft, path, newItem()), path))}
      >
        {addLabel}
      </button>
    </>
  );
}
