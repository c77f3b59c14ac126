import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WatchView } from "./WatchView";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("watch.view");
  return { title: t("pageTitle") };
}

export default async function WatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("watch.view");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <WatchView id={id} />
    </div>
  );
}
