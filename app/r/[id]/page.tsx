import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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
      <nav className="no-print text-sm">
        <Link href="/" className="text-blue-700 underline">
          All tests
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{testInfo(run.test).name}</h1>
      <StoredRunView initial={run} />
    </div>
  );
}
