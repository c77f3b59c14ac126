import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchProgress } from "./BatchProgress";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("batch.result");
  return { title: t("pageTitle") };
}

export default async function BatchResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("batch.result");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <BatchProgress id={id} />
    </div>
  );
}
