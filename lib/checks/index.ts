// The engine's entry point (the contract in engine.ts): the web server and the CLI call runTest.
import { createCachingTransport } from "../dns/cache";
import { createNetworkTransport } from "../dns/transport";
import type { RunTest } from "./engine";
import { createRunTest } from "./run";

export type { EngineConfig, ResolverAddress, RunInput, RunTest } from "./engine";
export { parseDnsName, parseInput, displayDomain, type ParsedInput } from "./input";

/** Questions one run may send: enough for a domain with several MX hosts and their chains. */
const MAX_QUERIES_PER_RUN = 400;

export const runTest: RunTest = createRunTest((config) =>
  createCachingTransport(createNetworkTransport({ servers: config.resolvers, timeoutMs: 2000, attempts: 2 }), { maxQueries: MAX_QUERIES_PER_RUN }),
);
