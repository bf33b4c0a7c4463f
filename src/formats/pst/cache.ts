/**
 * A small least-recently-used cache bounded by entry count and by total weight (bytes), so
 * reading a huge file keeps memory flat. Map iteration order gives the recency.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  /** `maxEntries` and `maxWeight` bound the cache; an entry heavier than `maxWeight` is not kept. */
  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
  ) {}

  /** The cached value, refreshed as most recently used. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** Stores a value, evicting the least recently used entries past the bounds. */
  set(key: K, value: V, weight = 1): void {
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.totalWeight -= old.weight;
    }
    if (weight > this.maxWeight || this.maxEntries <= 0) return;
    this.map.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.map.size > this.maxEntries || this.totalWeight > this.maxWeight) {
      const first = this.map.entries().next();
      if (first.done) break;
      this.map.delete(first.value[0]);
      this.totalWeight -= first.value[1].weight;
    }
  }

  /** Number of cached entries. */
  get size(): number {
    return this.map.size;
  }

  /** Total weight of the cached entries. */
  get weight(): number {
    return this.totalWeight;
  }

  /** Empties the cache. */
  clear(): void {
    this.map.clear();
    this.totalWeight = 0;
  }
}
