// Starting and stopping `next start` for the browser tests: its own process group, so stopping it
// by PID also stops anything it spawned; bounded waits both ways.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** What the lab is listening on, handed from global-setup to the specs through the environment. */
export interface LabSettings {
  resolver: string;
  trustAnchorFile: string;
  smtpPort: number;
  /**
   * The MTA-STS policy hosts' HTTPS port and a PEM file of the lab's TEST root: without them a run's
   * policy fetch goes to port 443 and fails, so no policy is ever read. The load test's servers
   * leave them out (their runs need no policy).
   */
  httpsPort?: number;
  caFile?: string;
}

export const LAB_ENV = "MAILSEC_E2E_LAB";

export function labSettings(): LabSettings {
  const text = process.env[LAB_ENV];
  if (!text) throw new Error(`${LAB_ENV} is not set: run the specs through playwright.config.ts (global-setup starts the lab)`);
  return JSON.parse(text) as LabSettings;
}

export function appEnv(lab: LabSettings, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    MAILSEC_RESOLVER: lab.resolver,
    MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
    MAILSEC_SMTP_PORT: String(lab.smtpPort),
    ...(lab.httpsPort !== undefined ? { MAILSEC_HTTPS_PORT: String(lab.httpsPort) } : {}),
    ...(lab.caFile !== undefined ? { MAILSEC_CA_FILE: lab.caFile } : {}),
    MAILSEC_ALLOW_PRIVATE: "1",
    MAILSEC_DATA_DIR: dataDir,
    MAILSEC_RUN_TIMEOUT_SECONDS: "60",
    // The suite starts many runs from one address; limits.spec.ts starts its own server with them on.
    MAILSEC_RATE_LIMIT: "off",
    // The lab sends every mail-auth, MTA-STS and gateway scenario to one MX address (127.0.1.1,
    // mx1.dane-ee.test): policies.spec.ts alone makes 10 connections to it, 7 of them in one minute
    // on a loaded machine, and the default 12 a minute would turn a DANE pass into "warning"
    // (SMTP_CONNECTION_BUDGET). The budget's own tests are tests/server and tests/smtp.
    MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: "10000",
    DATABASE_URL: "",
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface NextServer {
  url: string;
  process: ChildProcess;
  log: string;
}

/** `nodeArgs`: flags for the server's node (the load test's `--cpu-prof`). */
export async function startNext(port: number, env: NodeJS.ProcessEnv, log: string, nodeArgs: readonly string[] = []): Promise<NextServer> {
  // A server left on the port by an earlier, killed run would answer the readiness probe below
  // while the new one dies of EADDRINUSE: every spec would then talk to a server whose lab is gone.
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`something already answers on 127.0.0.1:${port} (a server left by an earlier run?): stop it, or set MAILSEC_E2E_PORT to a free port`);
  const logFd = fs.openSync(log, "a");
  const child = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env,
  });
  fs.closeSync(logFd);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${fs.readFileSync(log, "utf8")}`);
    try {
      if ((await fetch(`${url}/`)).ok) return { url, process: child, log };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopNext({ url, process: child, log });
  throw new Error(`next start did not answer ${url} within ${READY_TIMEOUT_MS} ms: ${fs.readFileSync(log, "utf8")}`);
}

/** SIGTERM (or SIGKILL, to simulate a crash) to the server's process group; waits until it is gone. */
export async function stopNext(server: NextServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  const child = server.process;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, signal);
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
