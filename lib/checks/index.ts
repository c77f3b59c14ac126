// The engine's entry point (the contract in engine.ts): the web server and the CLI call runTest.
import { createCachingTransport } from "../dns/cache";
import { createNetworkTransport } from "../dns/transport";
import type { RunTest } from "./engine";
import { createRunTest } from "./run";

export type { EngineConfig, ResolverAddress, RunInput, RunTest } from "./engine";
export { parseDnsName, parseInput, displayDomain, type ParsedInput } from "./input";

/** Questions one run may send: enough for a domain with several MX hosts and their chains. */
const MAX_QUERIES_PER_RUN = 400;

// Three tries: a lone lost datagram (seen even on loopback under load) must not turn a pass into a
// warning, and an unanswered question still ends within 6 s.
export const runTest: RunTest = createRunTest((config) =>
  createCachingTransport(createNetworkTransport({ servers: config.resolvers, timeoutMs: 2000, attempts: 3 }), { maxQueries: MAX_QUERIES_PER_RUN }),
);
