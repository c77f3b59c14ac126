// The overall verdict of a run. The DNSSEC test reads it off its step tree; the DANE and Inbound
// tests follow RFC 7672 as the lab's expectation rules state it (lib/lab/README.md): a failing
// backup host shows red steps, yet mail still flows, so the verdict is a warning, not a failure.
import type { DaneOutcome, DnssecStatus, ExchangeOutcome, Step, StepStatus, Verdict } from "./schema";
import { worseStatus } from "./status";

function worstInTree(steps: readonly Step[]): StepStatus | null {
  let worst: StepStatus | null = null;
  for (const step of steps) {
    const status = step.children.length > 0 ? worseStatus(step.status, worstInTree(step.children)) : step.status;
    worst = worseStatus(worst, status);
  }
  return worst;
}

/**
 * fail if any step failed, warning if any warned, else pass. A step still "running" when the
 * verdict is asked for never finished, which is a failure of the run.
 */
export function verdictFromSteps(steps: readonly Step[]): Verdict {
  const worst = worstInTree(steps);
  if (worst === "error" || worst === "running") return "fail";
  if (worst === "warning") return "warning";
  return "pass";
}

/** CLI exit status per docs/ARCHITECTURE.md: 0 pass or warning, 1 fail. (2, could not run, is decided before a verdict exists.) */
export function exitCodeForVerdict(verdict: Verdict): 0 | 1 {
  return verdict === "fail" ? 1 : 0;
}

export interface MailVerdictInput {
  /** How the MX lookup ended: records, implicit MX, null MX, NXDOMAIN or no usable answer. */
  mxKind: "records" | "implicit" | "null-mx" | "nxdomain" | "failed";
  mxDnssec: DnssecStatus;
  exchange: ExchangeOutcome;
  /** Per MX host, the DANE outcome of each address. */
  hosts: readonly (readonly DaneOutcome[])[];
  /** Some step warned or failed (an expired DANE-EE leaf, a deprecated algorithm, a failing backup). */
  flagged: boolean;
}

/**
 * fail when mail cannot flow (bogus or unanswerable MX data, no such domain, no MX and no address,
 * every host failing);
 * pass only when every address of every host passes DANE and nothing was flagged; else warning.
 */
export function mailVerdict(input: MailVerdictInput): Verdict {
  if (input.mxKind === "nxdomain" || input.mxKind === "failed" || input.mxDnssec === "bogus" || input.exchange.outcome === "defer") return "fail";
  // No MX and no address: the domain receives no mail at all (RFC 5321 §5.1), unlike a declared null MX.
  if (input.mxKind === "implicit" && input.exchange.outcome === "no-mail") return "fail";
  if (input.mxKind === "null-mx") return "warning";
  const everyPass = input.hosts.length > 0 && input.hosts.every((h) => h.length > 0 && h.every((d) => d === "pass"));
  return everyPass && !input.flagged ? "pass" : "warning";
}
