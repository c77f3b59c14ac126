// One run as a person reads it: the verdict (with its first cause) and the Exchange Online
// forecast, the summary matrix, the problems found, the mail policies, the chain of trust, then
// the step tree.
import { ExchangeForecast } from "./ExchangeForecast";
import { ExchangeReadiness, READINESS_STEP_ID } from "./ExchangeReadiness";
import { PolicyBlocks } from "./PolicyBlocks";
import { ProblemsList } from "./ProblemsList";
import { RunActions } from "./RunActions";
import { StepTree } from "./StepTree";
import { SummaryMatrix } from "./SummaryMatrix";
import { TrustChainPicture } from "./TrustChainPicture";
import { VerdictBanner } from "./VerdictBanner";
import type { RunViewModel } from "./run-model";
import { indexSteps, readingTree } from "./tree-model";

export function RunView({ run, since }: { run: RunViewModel; since?: ReadonlyMap<string, number> }) {
  const steps = readingTree(run.steps);
  const byId = indexSteps(steps);
  // The DNSSEC test validates one name: no mail flows, so Exchange Online has nothing to say.
  const exchange = run.test !== "dnssec";
  return (
    <div className="space-y-4">
      <div className={`grid grid-cols-[minmax(0,1fr)] items-start gap-4 ${exchange ? "md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" : ""}`}>
        <VerdictBanner run={{ ...run, steps }} />
        {exchange && <ExchangeForecast outcome={run.result?.exchangeOnline ?? null} finding={byId.get("exchange")?.findings?.[0]} />}
      </div>
      {run.result?.exchangeReadiness && <ExchangeReadiness result={run.result} step={byId.get(READINESS_STEP_ID)} />}
      {run.id && <RunActions id={run.id} test={run.test} input={run.input} rrType={run.result?.rrType} expectedMx={run.result?.exchangeReadiness?.expectedMx} dkimSelector={run.result?.dkim?.selector} />}
      {run.result && <SummaryMatrix result={run.result} steps={byId} />}
      {run.result && <ProblemsList steps={steps} />}
      {run.result && <PolicyBlocks result={run.result} steps={byId} />}
      {run.result?.trustChain && <TrustChainPicture chain={run.result.trustChain} domain={run.result.domain} />}
      <StepTree steps={steps} live={run.status === "running"} since={since} />
    </div>
  );
}
