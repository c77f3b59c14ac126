// Where a served run's CPU goes, measured apart from the HTTP load: the engine alone (runTest in
// this process against the same lab), the store writes of one run's events (a fresh SQLite store,
// as the server writes them) and their serialisation for the stream. Whatever the server spends
// per run beyond these is Next.js, HTTP and streams. Also the server's own CPU from /proc.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runTest, type EngineConfig } from "../../lib/checks";
import type { Lab } from "../../lib/lab";
import type { RunEvent } from "../../lib/report/schema";
import { openSqliteStore } from "../../lib/store";

export interface OverheadFigures {
  /** CPU ms per run of runTest alone (no server, no store). */
  engineMs: number;
  /** CPU ms per run of writing its events to SQLite (createRun, each step event, finishRun). */
  storeMs: number;
  /** CPU ms per run of JSON.stringify for the NDJSON stream (the store serialises again, inside storeMs). */
  serialiseMs: number;
  /** Events one run produces. */
  events: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function collect(input: string, config: EngineConfig, id: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of runTest({ id, test: "dane", input, sendTestMessage: false }, config)) events.push(event);
  return events;
}

/** `runs` sequential runs of each part (after one warm-up), on `input`. */
export async function measureOverhead(lab: Lab, input: string, runs: number): Promise<OverheadFigures> {
  const config: EngineConfig = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000 };
  const events = await collect(input, config, "warm-up");
  let t0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await collect(input, config, `engine-${i}`);
  const engineMs = cpuMs(t0) / runs;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-overhead-"));
  const store = openSqliteStore(dir, "overhead");
  try {
    const writeRun = async (id: string) => {
      await store.createRun({ id, test: "dane", input, startedAt: new Date() });
      for (const event of events) {
        if (event.type === "step") await store.appendEvent(id, event);
        else if (event.type === "done") await store.finishRun(id, { result: event.result }, new Date());
      }
    };
    await writeRun("warm-up");
    t0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) await writeRun(`store-${i}`);
    const storeMs = cpuMs(t0) / runs;
    t0 = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < runs; i++) for (const event of events) bytes += `${JSON.stringify(event)}\n`.length;
    const serialiseMs = bytes > 0 ? cpuMs(t0) / runs : 0;
    return { engineMs, storeMs, serialiseMs, events: events.length };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system) the process group `pgid` has used so far, from /proc (exited members are lost). */
export function groupCpuSeconds(pgid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // The process left between listing and reading.
    }
  }
  return total;
}
