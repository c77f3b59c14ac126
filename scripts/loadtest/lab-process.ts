// The lab in a process of its own for the load test, so its CPU (the DNS server's encoding, the
// SMTP servers' TLS handshakes) is read from /proc apart from the HTTP clients'. Prints one JSON
// line with what the server and the engine need, then serves until stdin closes or SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLab } from "../../lib/lab";

export interface LabProcessSettings {
  resolver: { host: string; port: number };
  resolverString: string;
  trustAnchorFile: string;
  trustAnchorText: string;
  smtpPort: number;
}

async function main(): Promise<void> {
  const lab = await startLab();
  const settings: LabProcessSettings = {
    resolver: lab.resolver,
    resolverString: lab.resolverString,
    trustAnchorFile: lab.trustAnchorFile,
    trustAnchorText: lab.trustAnchorText,
    smtpPort: lab.smtpPort,
  };
  process.stdout.write(`${JSON.stringify(settings)}\n`);
  const stop = (): void => {
    void lab.stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.stdin.once("close", stop);
  process.stdin.resume();
}

export interface LabProcess {
  settings: LabProcessSettings;
  child: ChildProcess;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** Starts this file as a child (under the same tsx loader as the caller), with `nodeArgs` for its node. */
export async function spawnLab(nodeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<LabProcess> {
  const child = spawn(process.execPath, [...process.execArgv, ...nodeArgs, fileURLToPath(import.meta.url)], { stdio: ["pipe", "pipe", "inherit"], env });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`the lab did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.stdout?.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        const end = text.indexOf("\n");
        if (end >= 0) {
          clearTimeout(timer);
          resolve(text.slice(0, end));
        }
      });
      child.once("exit", (code) => reject(new Error(`the lab exited with ${code} before it was ready`)));
    });
    return { settings: JSON.parse(line) as LabProcessSettings, child, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  });
}
