// When each DNS question went out and came back, to count the rounds of DNS a run waits through:
// wall time alone mixes network waits with CPU, and on a busy machine the CPU share swamps it.
import { rrTypeName } from "../../lib/dns/rrtypes";
import type { DnsExchange, DnsTransport, Question, QueryOptions } from "../../lib/dns/types";

export interface QuerySpan {
  /** "name TYPE" */
  query: string;
  /** performance.now() values, ms. */
  start: number;
  end: number;
}

export interface TimedTransport extends DnsTransport {
  spans(): QuerySpan[];
}

/** Records the span of every query that reaches `inner` (failed ones included). */
export function timedTransport(inner: DnsTransport): TimedTransport {
  const spans: QuerySpan[] = [];
  return {
    async query(question: Question, options?: QueryOptions): Promise<DnsExchange> {
      const start = performance.now();
      try {
        return await inner.query(question, options);
      } finally {
        spans.push({ query: `${question.name} ${rrTypeName(question.type)}`, start, end: performance.now() });
      }
    },
    spans: () => [...spans],
  };
}

/**
 * The longest chain of queries each sent after the previous one was answered: the number of DNS
 * round trips a run waited through one after another. With the lab adding a delay to every
 * answer, queries sent together overlap and count once; a chain of N means N × the delay at least.
 * It can only over-count dependence (a query may start late for reasons other than waiting).
 */
export function sequentialRounds(spans: readonly QuerySpan[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let longest = 0;
  for (const [i, s] of sorted.entries()) {
    let d = 1;
    for (let j = 0; j < i; j++) {
      const before = sorted[j] as QuerySpan;
      if (before.end <= s.start) d = Math.max(d, (depth[j] ?? 0) + 1);
    }
    depth.push(d);
    longest = Math.max(longest, d);
  }
  return longest;
}

/** The spans relative to the first query, rounded to 0.1 ms, in the order they were sent (for --json). */
export function relativeTimeline(spans: readonly QuerySpan[]): QuerySpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const origin = sorted[0]?.start ?? 0;
  const r = (v: number) => Math.round((v - origin) * 10) / 10;
  return sorted.map((s) => ({ query: s.query, start: r(s.start), end: r(s.end) }));
}
