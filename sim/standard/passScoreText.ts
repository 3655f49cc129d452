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
