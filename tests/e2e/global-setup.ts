// Browser tests run against the real app over the lab: start the lab (DNS + SMTP on loopback,
// ephemeral ports), build the app, serve it with `next start` pointed at the lab, and hand
// Playwright a teardown that stops both by PID.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLab } from "../../lib/lab";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
export const E2E_PORT = Number(process.env.MAILSEC_E2E_PORT ?? "3999");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

async function waitForServer(url: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}; see ${log}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${url} within ${READY_TIMEOUT_MS} ms; see ${log}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Detached: the PID is also the group id, so the server's own children stop with it.
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (process.env.MAILSEC_E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env, stdio: "inherit", timeout: 300_000 });
    if (build.status !== 0) throw new Error(`next build failed (status ${build.status})`);
  }

  const lab = await startLab();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-e2e-"));
  const log = path.join(work, "next.log");
  const logFd = fs.openSync(log, "a");
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(E2E_PORT)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: {
      ...env,
      MAILSEC_RESOLVER: lab.resolverString,
      MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
      MAILSEC_SMTP_PORT: String(lab.smtpPort),
      MAILSEC_ALLOW_PRIVATE: "1",
      MAILSEC_DATA_DIR: path.join(work, "data"),
      MAILSEC_RUN_TIMEOUT_SECONDS: "60",
      DATABASE_URL: "",
    },
  });
  fs.closeSync(logFd);

  const teardown = async (): Promise<void> => {
    try {
      await stopProcessGroup(server);
    } finally {
      await lab.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  };
  try {
    await waitForServer(`http://127.0.0.1:${E2E_PORT}/`, server, log);
  } catch (err) {
    process.stderr.write(fs.readFileSync(log, "utf8"));
    await teardown();
    throw err;
  }
  return teardown;
}
