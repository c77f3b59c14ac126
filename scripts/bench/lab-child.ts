// The lab in a child process for the benchmarks (scripts/bench/lab-process.ts starts it): its DNS
// encoding and server-side TLS then use another core instead of the event loop being measured.
// Speaks over the IPC channel only; exits when told to stop or when the parent goes away.
import { startLab } from "../../lib/lab";
import { LabReply, LabRequest, type LabReady } from "./lab-protocol";

function send(message: LabReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const delay = Number(process.env.BENCH_LAB_DNS_DELAY_MS ?? "0");
  const lab = await startLab({ dnsDelayMs: Number.isFinite(delay) && delay > 0 ? delay : 0 });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= lab.stop().then(() => process.disconnect?.());
    return stopping;
  };
  process.on("disconnect", () => void stop());
  process.on("message", (raw: unknown) => {
    const parsed = LabRequest.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data.type === "stats") {
      const s = lab.dns.stats();
      send({ type: "stats", udp: s.udp, tcp: s.tcp });
    } else {
      void stop();
    }
  });
  const ready: LabReady = {
    type: "ready",
    resolver: lab.resolver,
    smtpPort: lab.smtpPort,
    trustAnchorText: lab.trustAnchorText,
    now: lab.now.toISOString(),
  };
  send(ready);
}

main().catch((err: unknown) => {
  send({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
  process.disconnect?.();
});
