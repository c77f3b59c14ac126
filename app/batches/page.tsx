import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MAX_BATCH_INPUTS } from "@/lib/jobs/batches";
import { BatchForm } from "./BatchForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("batch");
  return { title: t("pageTitle") };
}

export default async function BatchPage() {
  const t = await getTranslations("batch");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="text-sm text-slate-700">{t("intro", { max: MAX_BATCH_INPUTS })}</p>
      <BatchForm maxInputs={MAX_BATCH_INPUTS} />
    </div>
  );
}
