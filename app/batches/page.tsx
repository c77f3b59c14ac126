import type { Metadata } from "next";
import { BatchForm } from "./BatchForm";

export const metadata: Metadata = { title: "Batch run · mailsec" };

export default function BatchPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Test many domains at once</h1>
      <p className="text-sm text-slate-700">
        Up to 10,000 domains or addresses; each gets a normal run with its own link. The runs go through the job queue, so they finish even if you close
        this page.
      </p>
      <BatchForm />
    </div>
  );
}
