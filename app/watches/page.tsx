import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WatchForm } from "./WatchForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("watch");
  return { title: t("pageTitle") };
}

export default async function WatchesPage() {
  const t = await getTranslations("watch");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <WatchForm />
    </div>
  );
}
