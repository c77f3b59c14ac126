// The Exchange Online readiness assessment as one call: the stage and codes (readiness.ts), the
// next step with its cmdlet and the TTL advice (next-step.ts), and the result document's block.
import type { ExchangeReadinessBlock } from "../report/exchange-readiness-block";
import type { Finding } from "../report/findings";
import { planNextStep, type NextStepPlan } from "./next-step";
import { assessReadiness, type ReadinessAssessment, type ReadinessInput } from "./readiness";

export { CMDLET_OF, FINAL_TTL, MIGRATION_TTL_TARGET, MIN_MIGRATION_TTL, planNextStep } from "./next-step";
export { assessReadiness, NEW_MX_PREFERENCE_BESIDE_LEGACY, type MxOutcome, type MxRecord, type NewMxTlsa, type ReadinessInput, type StsFacts } from "./readiness";
export { bareName, findNewMx, isInitialDomain, isLegacyMx, isNewMxShape, legacyMxName, mxToken, verifiedForMicrosoft } from "./names";

export interface ExchangeReadiness {
  assessment: ReadinessAssessment;
  plan: NextStepPlan;
  block: ExchangeReadinessBlock;
  /** The assessment's findings, then the TTL advice. */
  findings: Finding[];
}

export function exchangeReadiness(input: ReadinessInput): ExchangeReadiness {
  const assessment = assessReadiness(input);
  const plan = planNextStep(assessment, input.sts, input.expectedMx !== null);
  const block: ExchangeReadinessBlock = {
    stage: assessment.stage,
    codes: assessment.codes,
    expectedMx: assessment.expectedMx,
    legacyMx: assessment.legacyMx,
    newMx: assessment.newMx,
    mxTtl: assessment.mxTtl,
    mxTtlSource: assessment.mxTtlSource,
    nextStep: plan.nextStep,
    cmdlet: plan.cmdlet,
    ttlAdvice: plan.ttlAdvice,
    waitSeconds: plan.waitSeconds,
    gateway: assessment.gateway,
  };
  return { assessment, plan, block, findings: [...assessment.findings, ...plan.findings] };
}
