/**
 * A map written as a layer over a frozen base map: reads look in the layer, then the base;
 * writes and deletes touch the layer only. `freeze()` merges both into a new frozen base (a
 * snapshot), and a new LayeredMap over a frozen base is a restore: O(1) however large the
 * base. Iteration follows Map order (base keys in their places, then new keys).
 */
const GONE: unique symbol = Symbol('gone');

/** A copy-on-write map over a frozen base (see the file comment). Values must not be undefined. */
export class LayeredMap<K, V> {
  private own = new Map<K, V | typeof GONE>();
  private count: number;

  /** @param base a map nobody changes any more (a {@link freeze} result, or a new Map). */
  constructor(private base: ReadonlyMap<K, V> = new Map()) {
    this.count = base.size;
  }

  get(k: K): V | undefined {
    const v = this.own.get(k);
    if (v !== undefined) return v === GONE ? undefined : v;
    return this.base.get(k);
  }

  has(k: K): boolean {
    return this.get(k) !== undefined;
  }

  set(k: K, v: V): this {
    if (!this.has(k)) this.count++;
    this.own.set(k, v);
    return this;
  }

  delete(k: K): boolean {
    if (!this.has(k)) return false;
    this.count--;
    if (this.base.has(k)) this.own.set(k, GONE);
    else this.own.delete(k);
    return true;
  }

  get size(): number {
    return this.count;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [k, v] of this.base) {
      const o = this.own.get(k);
      if (o === undefined) yield [k, v];
      else if (o !== GONE) yield [k, o];
    }
    for (const [k, o] of this.own) if (o !== GONE && !this.base.has(k)) yield [k, o];
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  /** The current content as a map nobody may change (the same object while nothing was written since the last freeze); it becomes the new base. */
  freeze(): ReadonlyMap<K, V> {
    if (this.own.size === 0) return this.base;
    const merged = new Map(this.entries());
    this.base = merged;
    this.own = new Map();
    return merged;
  }
}
