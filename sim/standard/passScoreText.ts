/**
 * A scenario file's text with its scoring.passScore replaced by mark, everything else byte for
 * byte (the one-line and the spread scoring blocks of levels/*.json alike), so --write changes
 * only the number. Throws if the text has no passScore or more than one.
 */
export function withPassScore(text: string, mark: number): string {
  if (!Number.isInteger(mark) || mark < 0 || mark > 100)
    throw new RangeError(`a pass mark is a whole number 0..100, got ${mark}`);
  const pattern = /("passScore"\s*:\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  const found = text.match(pattern)?.length ?? 0;
  if (found !== 1) throw new Error(`expected one "passScore" in the scenario file, found ${found}`);
  return text.replace(pattern, `$1${mark}`);
}

/** A JSON value on one line with a space after each colon and comma ({ "a": 1, "b": [1, 2] }). */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** The index of the brace that closes the object opening at `open`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces in the scenario file');
}

/**
 * A scenario file's text with scoring.expertReference set to this reference (replaced if present,
 * else added as the scoring block's last field), everything else byte for byte.
 */
export function withExpertReference(text: string, reference: object): string {
  const value = oneLine(reference);
  const existing = text.indexOf('"expertReference"');
  if (existing >= 0) {
    const open = text.indexOf('{', existing);
    return text.slice(0, open) + value + text.slice(closingBrace(text, open) + 1);
  }
  const key = text.indexOf('"scoring"');
  if (key < 0) throw new Error('the scenario file has no "scoring" block');
  const open = text.indexOf('{', key);
  const close = closingBrace(text, open);
  const body = text.slice(open + 1, close);
  let last = close - 1;
  while (/\s/.test(text[last])) last--;
  if (body.includes('\n')) {
    const indent = /\n([ \t]*)"/.exec(body)?.[1] ?? '    ';
    return `${text.slice(0, last + 1)},\n${indent}"expertReference": ${value}${text.slice(last + 1)}`;
  }
  return `${text.slice(0, last + 1)}, "expertReference": ${value}${text.slice(last + 1)}`;
}

/** A scenario file's text with its top-level "version" set (added after "id" when absent), everything else byte for byte. */
export function withVersion(text: string, version: number): string {
  if (!Number.isInteger(version) || version < 1)
    throw new RangeError(`a version is a whole number from 1, got ${version}`);
  const pattern = /("version"\s*:\s*)\d+/;
  if (pattern.test(text)) return text.replace(pattern, `$1${version}`);
  const id = /\n([ \t]*)"id"\s*:\s*"[^"]*",/.exec(text);
  if (!id) throw new Error('the scenario file has no "id" line to put the version after');
  const end = id.index + id[0].length;
  return `${text.slice(0, end)}\n${id[1]}"version": ${version},${text.slice(end)}`;
}
