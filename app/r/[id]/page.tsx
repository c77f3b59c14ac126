import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/PageHeading";
import { StoredRunView } from "@/components/StoredRunView";
import { testInfo } from "@/components/test-catalog";
import { serverEnv } from "@/lib/server/env";
import { getStoredRun } from "@/lib/server/results";

// A link opened mid-run follows it for the run's own time limit and a margin for a slow store:
// past that the run is stuck or its server gone, and further polls only cost requests.
const POLL_MARGIN_MS = 5 * 60_000;

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Result", robots: { index: false, follow: false } };

export default async function ResultPage({ params }: Props) {
  const run = await getStoredRun((await params).id);
  if (!run) notFound();
  return (
    <div className="space-y-4">
      <PageHeading title={testInfo(run.test).name} />
      <StoredRunView initial={run} pollLimitMs={serverEnv().runTimeoutMs + POLL_MARGIN_MS} />
    </div>
  );
}
