// Starts the lab in a child process (lab-child.ts) and talks to it over IPC. Every wait is bounded;
// stop() ends the child, by its handle, if it does not leave when asked.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LabReply, type LabRequest } from "./lab-protocol";

export interface BenchLab {
  resolver: { host: string; port: number };
  smtpPort: number;
  trustAnchorText: string;
  /** A time inside every good signature and certificate window of the lab. */
  now: Date;
  /** Added by the lab's DNS server to every answer. */
  dnsDelayMs: number;
  /** Messages the lab's DNS server has received so far (UDP and TCP). */
  serverQueries(): Promise<number>;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./lab-child.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

function nextReply<T extends LabReply["type"]>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<LabReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, value?: Extract<LabReply, { type: T }>) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve(value as Extract<LabReply, { type: T }>);
    };
    const onMessage = (raw: unknown) => {
      const parsed = LabReply.safeParse(raw);
      if (!parsed.success) return;
      if (parsed.data.type === "failed") done(new Error(`the lab child failed: ${parsed.data.message}`));
      else if (parsed.data.type === type) done(null, parsed.data as Extract<LabReply, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`the lab child exited (code ${code}) before its "${type}" reply`));
    const timer = setTimeout(() => done(new Error(`no "${type}" reply from the lab child within ${timeoutMs} ms`)), timeoutMs);
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

function request(child: ChildProcess, message: LabRequest): void {
  if (child.connected) child.send(message);
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once("exit", onExit);
  });
}

export async function startLabProcess(dnsDelayMs: number): Promise<BenchLab> {
  const child = fork(CHILD, [], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_LAB_DNS_DELAY_MS: String(dnsDelayMs) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      request(child, { type: "stop" });
      if (!(await exited(child, STOP_TIMEOUT_MS))) {
        child.kill("SIGKILL");
        await exited(child, STOP_TIMEOUT_MS);
      }
    })();
    return stopping;
  };
  let ready;
  try {
    ready = await nextReply(child, "ready", START_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    resolver: ready.resolver,
    smtpPort: ready.smtpPort,
    trustAnchorText: ready.trustAnchorText,
    now: new Date(ready.now),
    dnsDelayMs,
    serverQueries: async () => {
      const reply = nextReply(child, "stats", REPLY_TIMEOUT_MS);
      request(child, { type: "stats" });
      const s = await reply;
      return s.udp + s.tcp;
    },
    stop,
  };
}

export async function withLabProcess<T>(dnsDelayMs: number, work: (lab: BenchLab) => Promise<T>): Promise<T> {
  const lab = await startLabProcess(dnsDelayMs);
  try {
    return await work(lab);
  } finally {
    await lab.stop();
  }
}
