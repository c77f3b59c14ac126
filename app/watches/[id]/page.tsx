import type { Metadata } from "next";
import { WatchView } from "./WatchView";

export const metadata: Metadata = { title: "Watch · mailsec" };

export default async function WatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Watch</h1>
      <WatchView id={id} />
    </div>
  );
}
