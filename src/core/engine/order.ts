/** Places in lists kept in order (the store's file-ordered lists): found by halving, not by scanning. */

/** Each item's place in a list, indexed once per list (a list is not changed once made). */
const places = new WeakMap<readonly object[], Map<object, number>>();

export function placeIn<T extends object>(list: readonly T[], item: T): number | undefined {
  let at = places.get(list);
  if (!at) places.set(list, (at = new Map(list.map((x, i) => [x, i]))));
  return at.get(item);
}

/** The first place in a sorted list where `before` no longer holds. */
export function sortedIndex<T>(list: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
