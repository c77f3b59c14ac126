// The per-run cache in front of a DnsTransport: one run never asks the same question twice,
// concurrent askers share one in-flight query, and a budget bounds how many questions a run may
// send at all, so a validator walking a hostile chain cannot loop forever.
import { DnsTransportError, type DnsExchange, type DnsTransport, type Question, type QueryOptions } from "./types";
import { questionKey } from "./wire";

export interface CachingTransportOptions {
  /** Questions sent to the inner transport in this run, at most. */
  maxQueries: number;
}

export interface CacheStats {
  /** Questions sent to the inner transport. */
  queries: number;
  /** Answers served from the cache or from a query already in flight. */
  cacheHits: number;
}

export type CachingTransport = DnsTransport & { stats(): CacheStats };

export function createCachingTransport(inner: DnsTransport, options: CachingTransportOptions): CachingTransport {
  const entries = new Map<string, Promise<DnsExchange>>();
  let queries = 0;
  let cacheHits = 0;

  function query(question: Question, queryOptions?: QueryOptions): Promise<DnsExchange> {
    const key = questionKey(question);
    const cached = entries.get(key);
    if (cached) {
      cacheHits++;
      return cached;
    }
    if (queries >= options.maxQueries) {
      return Promise.reject(new DnsTransportError({ kind: "budget", queries }, question));
    }
    queries++;
    const pending = inner.query(question, queryOptions);
    entries.set(key, pending);
    // A cancelled query says nothing about the answer: forget it so a later ask may retry. Other
    // failures stay cached, so a dead resolver costs its timeout once per question, not per ask.
    pending.catch((err: unknown) => {
      if (err instanceof DnsTransportError && err.kind === "aborted" && entries.get(key) === pending) entries.delete(key);
    });
    return pending;
  }

  return { query, stats: () => ({ queries, cacheHits }) };
}
