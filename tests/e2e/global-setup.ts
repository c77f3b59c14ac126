// Browser tests run against the real app over the lab: start the lab (DNS, SMTP and the MTA-STS
// policy hosts' HTTPS on loopback, ephemeral ports), build the app, serve it with `next start`
// pointed at the lab (its TEST root trusted, as --ca-file does for the CLI), and hand Playwright a
// teardown that stops both by PID. MAILSEC_E2E_SKIP_BUILD=1 reuses the last build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLab } from "../../lib/lab";
import { appEnv, LAB_ENV, NEXT_BIN, ROOT, startNext, stopNext, type LabSettings } from "./next-server";

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.MAILSEC_E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
      timeout: 300_000,
    });
    if (build.status !== 0) throw new Error(`next build failed (status ${build.status})`);
  }

  const lab = await startLab();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-e2e-"));
  const port = Number(process.env.MAILSEC_E2E_PORT ?? "3999");
  try {
    const caFile = path.join(work, "lab-root.pem");
    fs.writeFileSync(caFile, lab.caPem);
    const settings: LabSettings = { resolver: lab.resolverString, trustAnchorFile: lab.trustAnchorFile, smtpPort: lab.smtpPort, httpsPort: lab.httpsPort, caFile };
    // Specs that start their own server (crash recovery) read the lab's addresses from here.
    process.env[LAB_ENV] = JSON.stringify(settings);
    const server = await startNext(port, appEnv(settings, path.join(work, "data")), path.join(work, "next.log"));
    return async () => {
      try {
        await stopNext(server);
      } finally {
        await lab.stop();
        fs.rmSync(work, { recursive: true, force: true });
      }
    };
  } catch (err) {
    await lab.stop();
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
