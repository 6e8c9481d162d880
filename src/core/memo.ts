/**
 * A function that works each distinct argument out once: a 50k-row sheet repeats a few hundred
 * days and tag texts, and Maps beat redoing the work (or making a Date) per cell.
 */
export function memoized<K, V>(fn: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let v = made.get(key);
    if (v === undefined) {
      v = fn(key);
      made.set(key, v);
    }
    return v;
  };
}
