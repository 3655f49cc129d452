/**
 * React keys for a list whose entries carry no id: each entry's key is its own content, and a
 * repeat of the same content gets a running count, so keys are unique and the same data always
 * gets the same keys (unlike array indexes, which shift when entries are added or removed).
 */
export function keyedByContent<T>(items: readonly T[], contentOf: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const content = contentOf(item);
    const repeat = seen.get(content) ?? 0;
    seen.set(content, repeat + 1);
    return { key: repeat === 0 ? content : `${content}#${repeat}`, item };
  });
}
