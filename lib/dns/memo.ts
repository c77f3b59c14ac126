// A bounded memo for pure functions that one process repeats across runs (a name's labels, a
// DNSKEY's imported key, a signature's verdict): the same few names, keys and signatures come
// back in every run a server makes, and recomputing them was a measured share of a run's CPU.
// Only results of pure functions go in, so an entry can never be stale; the bound keeps a hostile
// stream of distinct inputs from growing it (the oldest entry goes first).
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
