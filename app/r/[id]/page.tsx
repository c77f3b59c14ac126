import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/PageHeading";
import { StoredRunView } from "@/components/StoredRunView";
import { runTitle } from "@/components/run-title";
import { serverEnv } from "@/lib/server/env";
import { getStoredRun } from "@/lib/server/results";

// A link opened mid-run follows it for the run's own time limit and a margin for a slow store:
// past that the run is stuck or its server gone, and further polls only cost requests.
const POLL_MARGIN_MS = 5 * 60_000;

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const robots = { index: false, follow: false };
  const run = await getStoredRun((await params).id);
  const verdict = await getTranslations("verdict");
  const tests = await getTranslations("tests");
  if (!run) return { title: verdict("notFound"), robots };
  const key = run.result?.verdict ?? (run.status === "done" ? "error" : run.status);
  return { title: { absolute: runTitle(run.input, verdict(key), tests(`${run.test}.short`)) }, robots };
}

export default async function ResultPage({ params }: Props) {
  const run = await getStoredRun((await params).id);
  if (!run) notFound();
  const tests = await getTranslations("tests");
  return (
    <div className="space-y-3">
      <PageHeading title={tests(`${run.test}.name`)} />
      <StoredRunView initial={run} pollLimitMs={serverEnv().runTimeoutMs + POLL_MARGIN_MS} />
    </div>
  );
}
