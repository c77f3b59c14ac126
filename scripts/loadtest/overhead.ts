// Where a served run's CPU goes, measured apart from the HTTP load: the engine alone (runTest in
// this process against the same lab), the store writes of one run's events (a fresh SQLite store,
// as the server writes them) and their serialisation for the stream. Whatever the server spends
// per run beyond these is Next.js, HTTP and streams. Also the server's own CPU from /proc.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runTest, type EngineConfig } from "../../lib/checks";
import { createZoneCache } from "../../lib/dnssec/zone-cache";
import type { RunEvent } from "../../lib/report/schema";
import { openSqliteStore } from "../../lib/store";

export interface OverheadFigures {
  /** CPU ms per run of runTest alone (no server, no store), each run validating from the trust anchor down. */
  engineMs: number;
  /** The same with a zone cache shared across the runs, as the server keeps one. */
  engineWarmMs: number;
  /** CPU ms per run of runTest over the load test's mix of scenarios (one of each, at once), zone cache warm. */
  engineMixMs: number;
  /** CPU ms per run of writing its events to SQLite (createRun, each step event, finishRun), as the server asks for them. */
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

/** Where the engine finds the lab. */
export interface LabAddress {
  resolver: { host: string; port: number };
  trustAnchorText: string;
  smtpPort: number;
}

/** `runs` sequential runs of each part (after one warm-up), on `input`; and one pass over `mix` (after a warm-up pass). */
export async function measureOverhead(lab: LabAddress, input: string, runs: number, mix: readonly string[]): Promise<OverheadFigures> {
  const config: EngineConfig = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000 };
  const events = await collect(input, config, "warm-up");
  let t0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await collect(input, config, `engine-${i}`);
  const engineMs = cpuMs(t0) / runs;
  const warm: EngineConfig = { ...config, zoneCache: createZoneCache({ maxSeconds: 3600 }) };
  await collect(input, warm, "warm-up-cache");
  t0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await collect(input, warm, `engine-warm-${i}`);
  const engineWarmMs = cpuMs(t0) / runs;
  const pass = (tag: string) => Promise.all(mix.map((domain, i) => collect(domain, warm, `${tag}-${i}`)));
  await pass("mix-warm-up");
  t0 = process.cpuUsage();
  await pass("mix");
  const engineMixMs = cpuMs(t0) / Math.max(1, mix.length);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-overhead-"));
  const store = openSqliteStore(dir, "overhead");
  try {
    // As the server writes: every write asked for at once, committed together (group commit).
    const writeRun = async (id: string) => {
      const writes = [store.createRun({ id, test: "dane", input, startedAt: new Date() })];
      for (const event of events) {
        if (event.type === "step") writes.push(store.appendEvent(id, event, JSON.stringify(event)));
        else if (event.type === "done") writes.push(store.finishRun(id, { result: event.result }, new Date()));
      }
      await Promise.all(writes);
    };
    await writeRun("warm-up");
    t0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) await writeRun(`store-${i}`);
    const storeMs = cpuMs(t0) / runs;
    t0 = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < runs; i++) for (const event of events) bytes += `${JSON.stringify(event)}\n`.length;
    const serialiseMs = bytes > 0 ? cpuMs(t0) / runs : 0;
    return { engineMs, engineWarmMs, engineMixMs, storeMs, serialiseMs, events: events.length };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const USER_HZ = 100; // clock ticks per second in /proc on Linux

/** The fields of /proc/<pid>/stat after the command name: state(0) ppid(1) pgrp(2) … utime(11) stime(12). */
function statFields(pid: string | number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

const cpuSeconds = (fields: readonly string[]): number => (Number(fields[11]) + Number(fields[12])) / USER_HZ;

/** CPU seconds (user + system) one live process has used, from /proc. */
export function processCpuSeconds(pid: number): number {
  return cpuSeconds(statFields(pid));
}

/** CPU seconds (user + system) the process group `pgid` has used so far, from /proc (exited members are lost). */
export function groupCpuSeconds(pgid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[2]) === pgid) total += cpuSeconds(fields);
    } catch {
      // The process left between listing and reading.
    }
  }
  return total;
}
