import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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
      <nav className="no-print text-sm">
        <Link href="/" className="text-blue-700 underline">
          All tests
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{info.name}</h1>
      <p className="text-slate-700">{info.blurb}</p>
      <RunForm test={kind.data} initialInput={input} autoRun={query.run === "1" && input !== ""} />
    </div>
  );
}
