import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/PageHeading";
import { RunForm } from "@/components/RunForm";
import { dnssecType } from "@/components/input-hints";
import { TestKind } from "@/lib/report/schema";

type Props = { params: Promise<{ kind: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = TestKind.safeParse((await params).kind);
  const tests = await getTranslations("tests");
  return { title: kind.success ? tests(`${kind.data}.name`) : tests("unknown") };
}

export default async function TestPage({ params, searchParams }: Props) {
  const kind = TestKind.safeParse((await params).kind);
  if (!kind.success) notFound();
  const tests = await getTranslations("tests");
  const query = await searchParams;
  // Longer than any address, but kept whole so the form can say how long it is and what the limit is.
  const input = typeof query.input === "string" ? query.input.slice(0, 1000) : "";
  return (
    <div className="space-y-3">
      <PageHeading title={tests(`${kind.data}.name`)} blurb={tests(`${kind.data}.line`)} />
      <RunForm test={kind.data} initialInput={input} initialType={dnssecType(query.type)} initialExpectedMx={typeof query.expectedMx === "string" ? query.expectedMx.slice(0, 253) : ""} initialDkimSelector={typeof query.dkimSelector === "string" ? query.dkimSelector.slice(0, 200) : ""} autoRun={query.run === "1" && input !== ""} />
    </div>
  );
}
