import type { Metadata } from "next";
import { BatchProgress } from "./BatchProgress";

export const metadata: Metadata = { title: "Batch · mailsec" };

export default async function BatchResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Batch</h1>
      <p className="text-sm text-slate-700">
        The runs go on in the job queue whether or not this page is open. Each row of the results links to its run.
      </p>
      <BatchProgress id={id} />
    </div>
  );
}
