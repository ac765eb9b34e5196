/**
 * Growing typed arrays: the one helper every column store here uses (the ranking table, the
 * spotter's tables, the search index's links). Capacity at least doubles, so appends cost O(1)
 * amortised; new slots are zero unless a fill value is given.
 */

export type GrowableArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/**
 * `array` if it already holds `size` elements, else a copy at least twice as long (and at least
 * `minimum`), its new slots set to `fill` when given.
 */
export function grow<T extends GrowableArray>(array: T, size: number, fill?: number, minimum = 64): T {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2, minimum));
  if (fill !== undefined && fill !== 0) next.fill(fill, array.length);
  next.set(array);
  return next;
}

/** `grow` for an Int32Array of links, new slots −1 ("none"). */
export function growInt32(array: Int32Array, size: number, fill = 0): Int32Array {
  return grow(array, size, fill, 1024);
}
