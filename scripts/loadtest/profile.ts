// Where the built server's CPU went, from a V8 .cpuprofile (`npm run loadtest -- --cpu-prof DIR`):
// self time per sample, each frame mapped back to its source file through the build's source maps
// (.next/server/chunks/*.js.map), grouped into the shares the load test reports (engine, store,
// serialisation, Next.js and HTTP, sockets and TLS, crypto, GC, ...), per run. Also runs on its
// own: `npx tsx scripts/loadtest/profile.ts FILE.cpuprofile RUNS [CPU_MS_PER_RUN]`.
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One share of the CPU: ms per run. */
export interface Share {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  /** Ms per run of busy samples (idle excluded): wall time between samples, so more than CPU on a loaded machine. */
  sampledMs: number;
  /** What the shares add up to: `cpuMsPerRun` when given (the process's CPU from /proc), else sampledMs. */
  busyMs: number;
  byArea: Share[];
  byFile: Share[];
  byFunction: Share[];
}

// First match wins: a source path (or node: module, or V8 pseudo-frame) and its area.
const AREAS: readonly [RegExp, string][] = [
  [/^\(idle\)$/, "idle"],
  [/^\(garbage collector\)$/, "garbage collection"],
  [/^\(program\)$/, "V8 and native, unattributed"],
  [/^lib\/store\/|better-sqlite3|node_modules\/pg/, "store (SQLite/PostgreSQL writes and reads)"],
  [/^lib\/server\/(runs|run-driver|event-channel|engine-events|engine-pool|engine-worker)\.ts$/, "run driver, engine pool and NDJSON serialisation (lib/server)"],
  [/^lib\/server\//, "server wiring and limits (lib/server)"],
  [/^lib\/jobs\//, "job runner (lib/jobs)"],
  [/^lib\/lab\/|dns-packet/, "lab: DNS, SMTP and HTTPS servers (lib/lab, dns-packet)"],
  [/^lib\/(dns|dnssec)\//, "engine: DNS and DNSSEC (lib/dns, lib/dnssec)"],
  [/^lib\/(dane|x509\.ts)|@peculiar|asn1js|pkijs/, "engine: certificates and DANE (lib/dane)"],
  [/^lib\/(smtp|https)\//, "engine: SMTP, TLS and HTTPS clients (lib/smtp, lib/https)"],
  [/^lib\/(checks|policies)\//, "engine: checks, steps and policies (lib/checks, lib/policies)"],
  [/^lib\/report\/|zod|intl-messageformat|@formatjs/, "engine: result model, zod parsing, i18n (lib/report)"],
  [/^node:internal\/crypto|^node:crypto/, "node:crypto (signatures, X509Certificate, keys)"],
  [/^node:(net|dgram|tls|_tls_wrap|_tls_common|internal\/(net|dgram|stream_base_commons))|^native:(writev|writeUtf8String|writeBuffer|close|connect|send|recv)/, "sockets and TLS (node:net, node:dgram, node:tls)"],
  [/^node:internal\/(webstreams|deps\/undici)|^node:(_http|http|zlib|internal\/http)/, "HTTP, web streams and compression (node:http, undici)"],
  [/next\/dist|^\[turbopack\]|^\.next\/|react|^app\/|^proxy\.ts|^instrumentation\.ts/, "Next.js (routing, route runtime, app/, proxy)"],
  [/^node:internal\/(modules|vm)|^node:vm|^native:compileFunction/, "module loading (start-up)"],
  [/^node:(internal\/)?async_hooks|^node:internal\/process\/task_queues|^native:runMicrotasks|^\(anon\)$/, "promises, microtasks and async hooks"],
  [/^node:inspector/, "the profiler itself (node:inspector)"],
  [/^node:/, "other node built-ins"],
];

function areaOf(file: string): string {
  for (const [pattern, area] of AREAS) if (pattern.test(file)) return area;
  return "other";
}

/** Maps (url, line, column) of a frame to the source file it was built from, through the chunk's .map when there is one. */
function sourceMapper(): (frame: CallFrame) => string {
  const maps = new Map<string, SourceMap | null>();
  const load = (file: string): SourceMap | null => {
    let map = maps.get(file);
    if (map !== undefined) return map;
    map = null;
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      // No source map beside it (node_modules, Next's own runtime): the file stands for itself.
    }
    maps.set(file, map);
    return map;
  };
  return (frame) => {
    if (frame.url === "") return frame.functionName.startsWith("(") ? frame.functionName : `native:${frame.functionName}`;
    if (!frame.url.startsWith("file://")) return frame.url;
    const file = fileURLToPath(frame.url);
    const nm = file.lastIndexOf("node_modules/");
    if (nm >= 0) return file.slice(nm);
    const map = load(file);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry && "originalSource" in entry && entry.originalSource) {
      const source = entry.originalSource.replace(/^file:\/\//, "");
      const i = source.search(/(^|\/)(lib|app|components|node_modules|proxy\.ts|instrumentation\.ts)(\/|$)/);
      return i >= 0 ? source.slice(source[i] === "/" ? i + 1 : i) : source;
    }
    const next = file.indexOf(".next/");
    if (next >= 0) return file.slice(next);
    // Run from the sources (the lab under tsx): the path in the repository.
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith("..") ? file : relative;
  };
}

function top(counts: Map<string, number>, msPerUs: number, n: number): Share[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us * msPerUs }));
}

/**
 * Shares per run. A sample's weight is the wall time since the one before, which on a loaded
 * machine includes time the process waited for a core: with `cpuMsPerRun` (measured from /proc
 * over the same window) the shares are scaled to add up to it, so they read as CPU.
 */
export function summariseProfile(file: string | readonly string[], runs: number, limit = 25, cpuMsPerRun?: number): ProfileSummary {
  // Several profiles (a process's threads) are read as one: their node ids are made distinct.
  const profiles = (typeof file === "string" ? [file] : file).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as CpuProfile);
  const nodes = new Map<number, ProfileNode>();
  const selfUs = new Map<number, number>();
  const parent = new Map<number, ProfileNode>();
  profiles.forEach((profile, p) => {
    const key = (id: number): number => id * profiles.length + p;
    for (const n of profile.nodes) nodes.set(key(n.id), { ...n, id: key(n.id), children: n.children?.map(key) });
    profile.samples.forEach((id, i) => selfUs.set(key(id), (selfUs.get(key(id)) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  });
  for (const n of nodes.values()) for (const child of n.children ?? []) parent.set(child, n);
  const mapSource = sourceMapper();
  // A native function (a better-sqlite3 statement, OpenSSL's parse, a socket write) counts in the
  // area of the JavaScript that called it.
  const areaSource = (node: ProfileNode): string => {
    let at: ProfileNode | undefined = node;
    while (at && at.callFrame.url === "" && !at.callFrame.functionName.startsWith("(")) at = parent.get(at.id);
    return mapSource((at ?? node).callFrame);
  };
  const byArea = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (!node) continue;
    const source = mapSource(node.callFrame);
    const area = areaOf(areaSource(node));
    if (area === "idle") continue;
    busyUs += us;
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    byFile.set(source, (byFile.get(source) ?? 0) + us);
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${source.startsWith("native:") ? `(native, from ${areaSource(node)})` : source}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const sampledMs = busyUs / 1000 / runs;
  const busyMs = cpuMsPerRun ?? sampledMs;
  const msPerUs = busyUs > 0 ? busyMs / busyUs : 0;
  return { sampledMs, busyMs, byArea: top(byArea, msPerUs, 100), byFile: top(byFile, msPerUs, limit), byFunction: top(byFunction, msPerUs, limit) };
}

export function formatShares(shares: readonly Share[], totalMs: number, indent = "  "): string {
  return shares.map((s) => `${indent}${s.ms.toFixed(2).padStart(7)} ms ${((100 * s.ms) / totalMs).toFixed(1).padStart(5)} %  ${s.name}`).join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, runsText, cpuText] = process.argv.slice(2);
  const runs = Number(runsText ?? "1");
  const cpu = cpuText === undefined ? undefined : Number(cpuText);
  if (!file || !Number.isInteger(runs) || runs < 1 || (cpu !== undefined && !(cpu > 0))) {
    console.error("usage: npx tsx scripts/loadtest/profile.ts FILE.cpuprofile RUNS [CPU_MS_PER_RUN]");
    process.exit(2);
  }
  const s = summariseProfile(file, runs, 25, cpu);
  console.log(`per run: ${s.sampledMs.toFixed(1)} ms sampled, shown as ${s.busyMs.toFixed(1)} ms\nby area:\n${formatShares(s.byArea, s.busyMs)}`);
  console.log(`by source file:\n${formatShares(s.byFile, s.busyMs)}\nby function:\n${formatShares(s.byFunction, s.busyMs)}`);
}
