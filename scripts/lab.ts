// `npm run lab`: the simulated mail internet on fixed loopback ports for a person to try, and the
// web app pointed at it. Ctrl-C stops everything.
//   npm run lab                      lab + `next dev` on port 3000
//   npm run lab -- --no-app          only the lab (use the printed env with the CLI)
//   npm run lab -- --prod            lab + `next build && next start`
//   --dns-port N (default 5353, env LAB_DNS_PORT), --smtp-port N (default 25 as root, else 2525,
//   env LAB_SMTP_PORT), --app-port N (default 3000)
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import pc from "picocolors";
import { startLab, type Lab } from "../lib/lab";

const { values } = parseArgs({
  options: {
    "dns-host": { type: "string", default: "127.0.0.1" },
    "dns-port": { type: "string", default: process.env.LAB_DNS_PORT ?? "5353" },
    "smtp-port": { type: "string", default: process.env.LAB_SMTP_PORT ?? (process.getuid?.() === 0 ? "25" : "2525") },
    "app-port": { type: "string", default: "3000" },
    "no-app": { type: "boolean", default: false },
    prod: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("usage: npm run lab [-- --no-app] [--prod] [--dns-port N] [--smtp-port N] [--app-port N] [--dns-host ADDR]");
  process.exit(0);
}

function port(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${name}: "${text}" is not a port number`);
    process.exit(2);
  }
  return n;
}

const dnsPort = port("dns-port", values["dns-port"]);
const smtpPort = port("smtp-port", values["smtp-port"]);
const appPort = port("app-port", values["app-port"]);

const verdictColour = { pass: pc.green, warning: pc.yellow, fail: pc.red } as const;

function describeLab(lab: Lab): string {
  const env = {
    MAILSEC_RESOLVER: lab.resolverString,
    MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
    MAILSEC_SMTP_PORT: String(lab.smtpPort),
    MAILSEC_ALLOW_PRIVATE: "1",
  };
  const width = Math.max(...lab.catalog.map((s) => s.domain.length));
  const lines = [
    pc.bold("mailsec lab is running") + pc.dim(" (TEST keys only, loopback only)"),
    "",
    pc.bold("Environment for the app or the CLI:"),
    ...Object.entries(env).map(([k, v]) => `  export ${k}=${v}`),
    "",
    pc.bold("CLI example:"),
    `  npx mailsec dane dane-ee.test --resolver ${lab.resolverString} --trust-anchor ${lab.trustAnchorFile} --smtp-port ${lab.smtpPort} --allow-private`,
    "",
    pc.bold(`Scenario domains (${lab.catalog.length}), with the verdict mailsec should give:`),
    ...lab.catalog.map((s) => {
      const v = s.expect.verdict;
      const code = s.expect.exchangeOnline.code ? ` ${s.expect.exchangeOnline.code}` : "";
      return `  ${s.domain.padEnd(width)}  ${verdictColour[v](v.padEnd(7))}${pc.dim(code.padEnd(8))} ${s.description}`;
    }),
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  let lab: Lab;
  try {
    lab = await startLab({ dnsHost: values["dns-host"], dnsPort, smtpPort });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint =
      e.code === "EADDRINUSE"
        ? ` (a port is taken: choose others with --dns-port / --smtp-port)`
        : e.code === "EACCES"
          ? ` (ports below 1024 need root: use --smtp-port 2525)`
          : "";
    console.error(`could not start the lab: ${e.message}${hint}`);
    process.exit(1);
  }
  console.log(describeLab(lab));

  let child: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null && child.pid) {
      // The child runs in its own process group (detached) so npx and next's workers go with it.
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
    await lab.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  if (values["no-app"]) {
    console.log(`\n${pc.dim("Lab only (--no-app). Ctrl-C stops it.")}`);
    return;
  }
  const env = {
    ...process.env,
    MAILSEC_RESOLVER: lab.resolverString,
    MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
    MAILSEC_SMTP_PORT: String(lab.smtpPort),
    MAILSEC_ALLOW_PRIVATE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const command = values.prod
    ? `npx next build && npx next start -H 127.0.0.1 -p ${appPort}`
    : `npx next dev -H 127.0.0.1 -p ${appPort}`;
  console.log(`\n${pc.bold("Starting the app:")} ${command}\n${pc.bold("Open")} http://127.0.0.1:${appPort}  ${pc.dim("(Ctrl-C stops the app and the lab)")}\n`);
  child = spawn("sh", ["-c", command], { env, stdio: "inherit", detached: true });
  child.on("exit", (code) => void stop(code ?? 0));
}

void main();
