/**
 * The form's state is the scenario as JSON, edited in place of the typed scenario: a field can hold
 * what the instructor typed even while it is wrong (a number box's "7x" stays text), and the schema
 * says what is wrong with it. These are the pure edits the form makes.
 */
export type Draft = Readonly<Record<string, unknown>>;

/** A copy of `draft` with the value at `path` replaced (undefined removes the field: an optional one left empty). */
export function setAt(draft: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(draft) ? [...draft] : [];
    list[head] = setAt(list[head], rest, value);
    return list;
  }
  const obj: Record<string, unknown> =
    draft !== null && typeof draft === 'object' && !Array.isArray(draft)
      ? { ...(draft as Record<string, unknown>) }
      : {};
  const next = setAt(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj;
}

/** The value at `path`, or undefined. */
export function getAt(draft: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = draft;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/**
 * A copy of the list at `path` without item `index`. An `optional` list left empty is removed, as
 * an optional field left empty is: the schema did not ask for an empty list. A required one stays,
 * empty, so the schema names it.
 */
export function removeAt(draft: unknown, path: readonly (string | number)[], index: number, optional = false): unknown {
  const list = getAt(draft, path);
  const rest = Array.isArray(list) ? list.filter((_, i) => i !== index) : [];
  return setAt(draft, path, optional && rest.length === 0 ? undefined : rest);
}

/** A copy of the list at `path` with `item` appended. */
export function appendAt(draft: unknown, path: readonly (string | number)[], item: unknown): unknown {
  const list = getAt(draft, path);
  return setAt(draft, path, [...(Array.isArray(list) ? list : []), item]);
}

/**
 * A number box's text as the scenario holds it: a number when it reads as one, undefined when empty
 * and `optional`, else the text itself, so the schema names the field as not a number.
 */
export function numberFromText(text: string, optional = false): unknown {
  const t = text.trim();
  if (t === '') return optional ? undefined : t;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** What a number box shows for a value. */
export function textFromNumber(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * A new draft from a template (a shipped scenario or an own one): a new id and title, version 1,
 * no expert reference (the reference set's figures were measured on the template's case, not this one).
 */
export function draftFromTemplate(template: unknown, id: string): unknown {
  const base = JSON.parse(JSON.stringify(template ?? {})) as Record<string, unknown>;
  const title = typeof base.title === 'string' ? base.title : 'Scenario';
  let next = setAt(base, ['id'], id);
  next = setAt(next, ['version'], 1);
  next = setAt(next, ['title'], `${title} (copy)`.slice(0, 120));
  next = setAt(next, ['scoring', 'expertReference'], undefined);
  return next;
}

/** A free id for a copy of `base`: `base-copy`, `base-copy-2`, ... not in `taken`. */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  const stem = `${base.replace(/-copy(-\d+)?$/, '')}-copy`.slice(0, 60);
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}
