import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/PageHeading";
import { StoredRunView } from "@/components/StoredRunView";
import { testInfo } from "@/components/test-catalog";
import { getStoredRun } from "@/lib/server/results";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Result", robots: { index: false, follow: false } };

export default async function ResultPage({ params }: Props) {
  const run = await getStoredRun((await params).id);
  if (!run) notFound();
  return (
    <div className="space-y-4">
      <PageHeading title={testInfo(run.test).name} />
      <StoredRunView initial={run} />
    </div>
  );
}
