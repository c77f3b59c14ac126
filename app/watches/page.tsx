import type { Metadata } from "next";
import { WatchForm } from "./WatchForm";

export const metadata: Metadata = { title: "Watch a domain · mailsec" };

export default function WatchesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Watch a domain</h1>
      <p className="text-sm text-slate-700">
        The test runs again on the interval you choose. Each run is compared with the one before: a changed verdict, a finding that appeared or
        cleared, a certificate about to expire with no TLSA record ready for its replacement, or a DNSSEC signature about to expire, is shown on the
        watch&apos;s page and sent to the webhook.
      </p>
      <WatchForm />
    </div>
  );
}
