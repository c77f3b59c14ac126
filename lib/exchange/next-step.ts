// The next step of the seed's procedure for a domain at a given stage, the Exchange Online cmdlet it
// needs, the TTL advice and how long to wait before the step after it. Pure: the assessment in,
// tokens and findings out.
//
// The procedure (Microsoft's, in our order): lower the MX TTL (as low as the DNS host allows, never
// under 30 s) and wait out the old TTL; put MTA-STS in `testing` and wait out its max_age; run
// Enable-DnssecForVerifiedDomain for the DnssecMxValue (Get-DnssecStatusForVerifiedDomain shows it
// again); add that MX at preference 20; check it takes mail; swap the preferences (new 0, legacy
// 30); delete the legacy MX and raise the TTL to 3600 s; run Enable-SmtpDaneInbound and wait
// 15–30 minutes for the TLSA records; put MTA-STS back to `enforce`. Rolling back:
// Disable-SmtpDaneInbound for DANE, Disable-DnssecForVerifiedDomain (after re-adding the legacy
// MX) for the new MX.
import { finding, type Finding } from "../report/findings";
import type { Cmdlet, NextStep, TtlAdvice } from "../report/exchange-readiness-block";
import type { ReadinessAssessment, StsFacts } from "./readiness";

/** The seed's floor for the MX TTL during the migration. */
export const MIN_MIGRATION_TTL = 30;
/** Above this the TTL is worth lowering before a step (the seed says "as low as possible"; the bound is ours). */
export const MIGRATION_TTL_TARGET = 300;
/** The seed's MX TTL once the migration is done. */
export const FINAL_TTL = 3600;
/** Exchange provisions the TLSA records within 15–30 minutes of Enable-SmtpDaneInbound. */
export const TLSA_PROPAGATION_SECONDS = 1800;

export const CMDLET_OF: Readonly<Record<NextStep, Cmdlet | null>> = {
  none: null,
  "use-custom-domain": null,
  "fix-dns": null,
  "add-mx": null,
  "gateway-smarthost": "Enable-DnssecForVerifiedDomain",
  "lower-ttl": null,
  "sts-testing": null,
  "enable-dnssec": "Enable-DnssecForVerifiedDomain",
  "add-new-mx": "Get-DnssecStatusForVerifiedDomain",
  "swap-priorities": null,
  "delete-legacy": null,
  "fix-mx": "Get-DnssecStatusForVerifiedDomain",
  "raise-ttl": null,
  "enable-dane": "Enable-SmtpDaneInbound",
  "rollback-dnssec": "Disable-DnssecForVerifiedDomain",
  "disable-dane": "Disable-SmtpDaneInbound",
  "sts-enforce": null,
  done: null,
};

export interface NextStepPlan {
  nextStep: NextStep;
  cmdlet: Cmdlet | null;
  ttlAdvice: TtlAdvice;
  waitSeconds: number | null;
  findings: Finding[];
}

const MIGRATING = new Set(["legacy-only", "new-mx-added", "new-mx-primary"]);
const DONE = new Set(["new-mx-only", "dane-enabled"]);

function ttlAdviceOf(a: ReadinessAssessment): { advice: TtlAdvice; findings: Finding[] } {
  const ttl = a.mxTtl;
  if (ttl === null || !(MIGRATING.has(a.stage) || DONE.has(a.stage))) return { advice: "not-applicable", findings: [] };
  if (MIGRATING.has(a.stage)) {
    if (ttl < MIN_MIGRATION_TTL) return { advice: "below-minimum", findings: [finding("EXR_TTL_BELOW_MINIMUM", { ttl, minimum: MIN_MIGRATION_TTL })] };
    if (ttl <= MIGRATION_TTL_TARGET) return { advice: "ok", findings: [] };
    // Before the first change the TTL is advice for what comes; once the new MX is in, a warning.
    const code = a.stage === "legacy-only" ? "EXR_TTL_LOWER_FIRST" : "EXR_TTL_LOWER";
    return { advice: "lower", findings: [finding(code, { ttl, target: MIGRATION_TTL_TARGET })] };
  }
  return ttl < FINAL_TTL ? { advice: "raise", findings: [finding("EXR_TTL_RAISE", { ttl, target: FINAL_TTL })] } : { advice: "ok", findings: [] };
}

function chooseStep(a: ReadinessAssessment, sts: StsFacts, ttl: TtlAdvice, givenExpected: boolean): NextStep {
  const has = (code: string) => a.codes.includes(code as never);
  const findingOf = (code: string) => a.findings.some((f) => f.code === code);
  switch (a.stage) {
    case "unsupported":
      return has("DomainNotSupported") ? "use-custom-domain" : "fix-dns";
    case "not-exchange":
      if (has("EX012")) return "add-mx";
      return a.gateway ? "gateway-smarthost" : "none";
    default:
      break;
  }
  if (findingOf("EXR_TLSA_NO_MATCH") || findingOf("EXR_TLSA_FAILED")) return "disable-dane";
  if (has("ED003")) return "rollback-dnssec";
  if (has("ES001")) return "sts-testing";
  if (MIGRATING.has(a.stage)) {
    if (ttl === "lower" || ttl === "below-minimum") return "lower-ttl";
    if (sts.policy && sts.mode === "enforce") return "sts-testing";
  }
  switch (a.stage) {
    case "legacy-only":
      return givenExpected ? "add-new-mx" : "enable-dnssec";
    case "new-mx-added":
      return has("EX002") ? "fix-mx" : "swap-priorities";
    case "new-mx-primary":
      return has("EX002") ? "fix-mx" : "delete-legacy";
    case "new-mx-only":
      if (["EX002", "EX003", "EX004", "EX005", "EX006"].some(has)) return "fix-mx";
      return ttl === "raise" ? "raise-ttl" : "enable-dane";
    case "dane-enabled":
      return sts.policy && sts.mode === "testing" ? "sts-enforce" : "done";
  }
  return "none";
}

/** How long to wait, once the next change is made, before the step after it can rely on it. */
function waitOf(step: NextStep, a: ReadinessAssessment, sts: StsFacts): number | null {
  switch (step) {
    case "lower-ttl":
    case "add-new-mx":
    case "swap-priorities":
    case "delete-legacy":
    case "fix-mx":
    case "raise-ttl":
      // Resolvers keep the records they hold until the TTL they got with them runs out.
      return a.mxTtl;
    case "sts-testing":
      // Senders keep a cached policy for its max_age.
      return sts.maxAge;
    case "enable-dane":
      return TLSA_PROPAGATION_SECONDS;
    default:
      return null;
  }
}

export function planNextStep(a: ReadinessAssessment, sts: StsFacts, givenExpected: boolean): NextStepPlan {
  const ttl = ttlAdviceOf(a);
  const nextStep = chooseStep(a, sts, ttl.advice, givenExpected);
  return { nextStep, cmdlet: CMDLET_OF[nextStep], ttlAdvice: ttl.advice, waitSeconds: waitOf(nextStep, a, sts), findings: ttl.findings };
}
