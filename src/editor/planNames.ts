/** The expert plans the app ships (levels/plans/*.json, their names without .json), for the expert plan select. */
export function planNames(): string[] {
  return Object.keys(import.meta.glob('../../levels/plans/*.json'))
    .map((p) => p.slice(p.lastIndexOf('/') + 1, -5))
    .sort();
}
