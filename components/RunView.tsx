// One run as a person reads it: verdict and forecast on top, then the step tree.
import { ExchangeForecast } from "./ExchangeForecast";
import { RunActions } from "./RunActions";
import { StepTree } from "./StepTree";
import { VerdictBanner } from "./VerdictBanner";
import type { RunViewModel } from "./run-model";

export function RunView({ run }: { run: RunViewModel }) {
  return (
    <div className="space-y-4">
      <div className="grid items-start gap-4 md:grid-cols-[3fr_2fr]">
        <VerdictBanner run={run} />
        <ExchangeForecast outcome={run.result?.exchangeOnline ?? null} />
      </div>
      {run.id && <RunActions id={run.id} test={run.test} input={run.input} />}
      <StepTree steps={run.steps} live={run.status === "running"} />
    </div>
  );
}
