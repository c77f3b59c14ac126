import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/PageHeading";
import { RunForm } from "@/components/RunForm";
import { testInfo } from "@/components/test-catalog";
import { TestKind } from "@/lib/report/schema";

type Props = { params: Promise<{ kind: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = TestKind.safeParse((await params).kind);
  return { title: kind.success ? testInfo(kind.data).name : "Unknown test" };
}

export default async function TestPage({ params, searchParams }: Props) {
  const kind = TestKind.safeParse((await params).kind);
  if (!kind.success) notFound();
  const info = testInfo(kind.data);
  const query = await searchParams;
  const input = typeof query.input === "string" ? query.input.slice(0, 320) : "";
  return (
    <div className="space-y-4">
      <PageHeading title={info.name} blurb={info.blurb} />
      <RunForm test={kind.data} initialInput={input} autoRun={query.run === "1" && input !== ""} />
    </div>
  );
}
