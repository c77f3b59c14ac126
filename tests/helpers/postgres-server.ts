// Starts a throwaway PostgreSQL 15 from Debian's package for one test file or e2e test (no vitest
// here: Playwright specs import it too; ./postgres.ts is the vitest wiring). initdb and pg_ctl
// refuse to run as root, so they run as the postgres user. The data directory lives in the OS temp
// dir, never in the repo: Tailwind scans the repo and chokes on the server's socket file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../e2e/next-server";

const PG_ROOT = "/usr/lib/postgresql";

export interface PostgresServer {
  url: string;
  stop(): void;
}

function binDir(): string | null {
  if (!fs.existsSync(PG_ROOT)) return null;
  const versions = fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, "bin", "initdb")));
  const preferred = versions.includes("15") ? "15" : versions.sort().at(-1);
  return preferred ? path.join(PG_ROOT, preferred, "bin") : null;
}

export const postgresMissing = binDir() === null ? `PostgreSQL not installed (${PG_ROOT} absent)` : null;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  if (!bin) throw new Error(postgresMissing ?? "PostgreSQL not installed");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const cmd = asRoot ? "runuser" : path.join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    execFileSync(cmd, argv, { stdio: "pipe", timeout: 60_000 });
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", root]);
  const data = path.join(root, "data");
  run("initdb", ["-D", data, "-U", "app", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  // Another test may grab the port between probing and binding: retry a few times.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await freePort();
    try {
      run("pg_ctl", [
        "-D", data, "-l", path.join(root, "log.txt"), "-w", "-t", "30", "start",
        "-o", `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${root}`,
      ]);
    } catch {
      continue;
    }
    return {
      url: `postgresql://app@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      },
    };
  }
  fs.rmSync(root, { recursive: true, force: true });
  throw new Error("PostgreSQL did not start on a free port after 5 attempts");
}
