// `mailsec worker` as a separate process, as it is deployed: started from source (tsx), pointed at
// the lab, stopped by PID (SIGTERM, or SIGKILL to play a crashed machine). Waits are bounded.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Lab } from "../../lib/lab";

const ROOT = path.resolve(import.meta.dirname, "../..");
const READY_MS = 30_000;
const EXIT_MS = 20_000;

export interface WorkerProcess {
  child: ChildProcess;
  /** The run store owner id of this worker (every run it starts carries it). */
  instanceId: string;
  log: () => string;
  kill9(): void;
  /** SIGTERM, then the exit code (bounded; SIGKILL after the bound). */
  stop(): Promise<number | null>;
}

/** `timeoutSeconds` is the run bound of each job (--timeout). */
export async function startWorker(lab: Lab, env: Record<string, string>, concurrency: number, timeoutSeconds = 5): Promise<WorkerProcess> {
  const args = [
    "--import", "tsx", path.join(ROOT, "bin/mailsec.ts"), "worker",
    "--concurrency", String(concurrency),
    "--resolver", lab.resolverString,
    "--trust-anchor", lab.trustAnchorFile,
    "--smtp-port", String(lab.smtpPort),
    "--allow-private",
    "--timeout", String(timeoutSeconds),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const instanceId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready within ${READY_MS} ms:\n${log}`)), READY_MS);
    const look = (): void => {
      const m = /\(instance ([0-9a-f-]{36})\)/.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stderr?.on("data", look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`worker exited before it was ready:\n${log}`));
    });
  });
  return {
    child,
    instanceId,
    log: () => log,
    kill9: () => {
      child.kill("SIGKILL");
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), EXIT_MS).unref());
      const code = await Promise.race([exited, timeout]);
      if (code === "timeout") {
        child.kill("SIGKILL");
        return null;
      }
      return code;
    },
  };
}
