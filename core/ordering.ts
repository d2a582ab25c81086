// Ordering rules for the console's lists. Pure, so they are tested on their own.

export type Direction = "up" | "down";

/** The list with `id` moved one place; unchanged at either end or when the id is absent. */
export function moveOne<T extends string>(ids: readonly T[], id: T, direction: Direction): T[] {
  const list = [...ids];
  const from = list.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= list.length) return list;
  [list[from], list[to]] = [list[to], list[from]];
  return list;
}

/** A proposed new order is acceptable only if it names exactly the current items, each once. */
export function isPermutationOf(proposed: readonly string[], current: readonly string[]): boolean {
  if (proposed.length !== current.length) return false;
  const set = new Set(proposed);
  return set.size === proposed.length && current.every((id) => set.has(id));
}
