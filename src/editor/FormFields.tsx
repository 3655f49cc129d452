import { createContext, type ReactNode, useContext, useId } from 'react';
import { errorsUnder, type FieldErrors, pathKey } from './fieldErrors';
import { getAt, numberFromText, textFromNumber } from './scenarioDraft';

/** What every field reads: the draft, its errors, and the one way to change it. */
export interface FormContextValue {
  readonly draft: unknown;
  readonly errors: FieldErrors;
  readonly set: (path: readonly (string | number)[], value: unknown) => void;
}
export const FormContext = createContext<FormContextValue | null>(null);

/** The form's context, for a field or a list of fields. */
export function useForm(): FormContextValue {
  const form = useContext(FormContext);
  if (!form) throw new Error('a form field outside the scenario form');
  return form;
}

/** Where a field is in the draft: the schema's path (`patient.findings.1.text`). */
export type Path = readonly (string | number)[];

/** The field's errors, next to it, each naming the field's path as the schema does. */
export function FieldErrorList({ path, id }: { readonly path: Path; readonly id?: string }) {
  const { errors } = useForm();
  const key = pathKey(path);
  const messages = errorsUnder(errors, key);
  if (messages.length === 0) return null;
  return (
    <ul className="editor-field-errors" id={id} data-testid="field-error" data-path={key}>
      {messages.map((m) => (
        <li key={m}>
          {key}: {m}
        </li>
      ))}
    </ul>
  );
}

function Labelled({
  path,
  label,
  children,
}: {
  readonly path: Path;
  readonly label: string;
  readonly children: (id: string, errId: string, invalid: boolean) => ReactNode;
}) {
  const { errors } = useForm();
  const id = useId();
  const errId = `${id}-errors`;
  const invalid = errorsUnder(errors, pathKey(path)).length > 0;
  return (
    <div className={`editor-field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, errId, invalid)}
      <FieldErrorList path={path} id={errId} />
    </div>
  );
}

export function TextField({
  path,
  label,
  multiline,
}: {
  readonly path: Path;
  readonly label: string;
  readonly multiline?: boolean;
}) {
  const { draft, set } = useForm();
  const value = getAt(draft, path);
  const text = typeof value === 'string' ? value : '';
  return (
    <Labelled path={path} label={label}>
      {(id, errId, invalid) =>
        multiline ? (
          <textarea
            id={id}
            data-field={pathKey(path)}
            aria-invalid={invalid}
            aria-describedby={invalid ? errId : undefined}
            value={text}
            rows={4}
            onChange={(e) => set(path, e.target.value)}
          />
        ) : (
          <input
            id={id}
            type="text"
            data-field={pathKey(path)}
            aria-invalid={invalid}
            aria-describedby={invalid ? errId : undefined}
            value={text}
            onChange={(e) => set(path, e.target.value)}
          />
        )
      }
    </Labelled>
  );
}

/** A number box: what is typed stays as typed (numberFromText), so a wrong entry is named, not dropped. */
export function NumberField({
  path,
  label,
  optional,
}: {
  readonly path: Path;
  readonly label: string;
  readonly optional?: boolean;
}) {
  const { draft, set } = useForm();
  return (
    <Labelled path={path} label={label}>
      {(id, errId, invalid) => (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          data-field={pathKey(path)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errId : undefined}
          value={textFromNumber(getAt(draft, path))}
          onChange={(e) => set(path, numberFromText(e.target.value, optional))}
        />
      )}
    </Labelled>
  );
}

/** A select; `options` are the values, shown as their labels (value itself by default). Numeric and boolean options are stored as such. */
export function SelectField({
  path,
  label,
  options,
  labels,
  optionalLabel,
}: {
  readonly path: Path;
  readonly label: string;
  readonly options: readonly (string | number | boolean)[];
  readonly labels?: Readonly<Record<string, string>>;
  /** Offers "none" (the field left out) under this label. */
  readonly optionalLabel?: string;
}) {
  const { draft, set } = useForm();
  const value = getAt(draft, path);
  return (
    <Labelled path={path} label={label}>
      {(id, errId, invalid) => (
        <select
          id={id}
          data-field={pathKey(path)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errId : undefined}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => {
            const picked = options.find((o) => String(o) === e.target.value);
            set(path, picked === undefined ? undefined : picked);
          }}
        >
          {(optionalLabel !== undefined || value === undefined) && <option value="">{optionalLabel ?? '—'}</option>}
          {options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {labels?.[String(o)] ?? String(o)}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

export function CheckField({ path, label }: { readonly path: Path; readonly label: string }) {
  const { draft, set } = useForm();
  return (
    <div className="editor-check">
      <label>
        <input
          type="checkbox"
          data-field={pathKey(path)}
          checked={getAt(draft, path) === true}
          onChange={(e) => set(path, e.target.checked)}
        />{' '}
        {label}
      </label>
      <FieldErrorList path={path} />
    </div>
  );
}
