// What the engine needs from its caller. The CLI builds this from argv, lib/server from the
// environment; tests build it pointed at the lab.
import type { ZoneCache } from "../dnssec/zone-cache";
import type { RunEvent, RunRequest } from "../report/schema";
import type { ParsedDomain } from "./input";

export interface ResolverAddress {
  host: string;
  port: number;
}

export interface EngineConfig {
  /** Recursive resolvers, queried with RD+CD+DO; mailsec validates every answer itself. */
  resolvers: ResolverAddress[];
  /** Trust anchors as zone-file text (DS and/or DNSKEY); null means the built-in IANA root anchors. */
  trustAnchors: string | null;
  smtpPort: number;
  /** Port of the MTA-STS policy hosts (RFC 8461 §3.3: 443; the lab serves another). */
  httpsPort?: number | undefined;
  /** Extra trusted CA certificates (PEM text of --ca-file / MAILSEC_CA_FILE) for every WebPKI check. */
  caPem?: string | null | undefined;
  /** Allow loopback/private/reserved targets (the lab only). */
  allowPrivate: boolean;
  /** Validation time; the clock when absent. */
  now?: (() => Date) | undefined;
  /** Bound on the whole run. */
  timeoutMs: number;
  /**
   * Zone states shared across runs (lib/dnssec/zone-cache.ts): the server keeps one for its
   * lifetime; absent (the CLI, the tests), every run validates from the trust anchor down.
   */
  zoneCache?: ZoneCache | undefined;
  /**
   * Asked before every SMTP connection: false when the destination's connection budget across
   * runs is spent (the server's lib/server/destination-budget.ts); absent, every connection is made.
   */
  admitConnection?: ((ip: string) => Promise<boolean>) | undefined;
}

export interface RunInput extends RunRequest {
  /** The run's id (at least 128 random bits, base64url), chosen by the caller. */
  id: string;
  /** DNSSEC Validation only: the record type to validate (mnemonic or TYPEnnn); MX when absent. */
  rrType?: string | undefined;
  /** The input as the door already parsed it (lib/checks/target.ts); parsed from `input` when absent. */
  target?: ParsedDomain | undefined;
}

/** Runs one test and yields its events in order: "run", "step"..., then "done" or "error". */
export type RunTest = (input: RunInput, config: EngineConfig, signal?: AbortSignal) => AsyncGenerator<RunEvent>;
