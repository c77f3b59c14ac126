// `npm run lab`: the simulated mail internet on loopback for a person to try, and the web app
// pointed at it. Ctrl-C stops everything.
//   npm run lab                      lab + the production app (`next build`, then `next start`) on 127.0.0.1:3000
//   npm run lab -- --dev             lab + `next dev` instead (recompiles on change; first pages are slow)
//   npm run lab -- --no-app          only the lab (use the printed command with the CLI)
//   --dns-port N (default 5353, env LAB_DNS_PORT), --smtp-port N (default: 2525 when it is free on
//   every lab address, else a free high port; env LAB_SMTP_PORT), --app-port N (default 3000),
//   --app-host ADDR (default 127.0.0.1), --signer STYLE (serve the zone set re-signed in that
//   signer style instead of the default one: bind-default, bind-x, csk, ldns-nsec3-salt, ...)
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import pc from "picocolors";
import { SIGNER_STYLES, startLab, type Lab } from "../lib/lab";
import { PKI_DIR } from "../lib/lab/pki";

/** The lab's TEST root CA: trusted by the app and the CLI (--ca-file) so MTA-STS policy hosts validate. */
const LAB_CA_FILE = `${PKI_DIR}root.cert.pem`;

const { values } = parseArgs({
  options: {
    "dns-host": { type: "string", default: "127.0.0.1" },
    "dns-port": { type: "string", default: process.env.LAB_DNS_PORT ?? "5353" },
    "smtp-port": { type: "string", default: process.env.LAB_SMTP_PORT ?? "" },
    "app-port": { type: "string", default: "3000" },
    "app-host": { type: "string", default: "127.0.0.1" },
    "no-app": { type: "boolean", default: false },
    dev: { type: "boolean", default: false },
    signer: { type: "string", default: "" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("usage: npm run lab [-- --no-app] [--dev] [--dns-port N] [--smtp-port N] [--app-port N] [--app-host ADDR] [--dns-host ADDR] [--signer STYLE]");
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

// The port README's example uses; any free high port when something else holds it.
const PREFERRED_SMTP_PORT = 2525;

const dnsPort = port("dns-port", values["dns-port"]);
const smtpPort = values["smtp-port"] === "" ? null : port("smtp-port", values["smtp-port"]);
const appPort = port("app-port", values["app-port"]);
const appHost = values["app-host"];
const signer = SIGNER_STYLES.find((s) => s === values.signer);
if (values.signer !== "" && !signer) {
  console.error(`--signer: "${values.signer}" is not one of ${SIGNER_STYLES.join(", ")}`);
  process.exit(2);
}

// The scenarios the home page offers (MAILSEC_LAB_EXAMPLES): one of each kind of outcome.
const EXAMPLES = [
  "dane-ee.test",
  "dane-ta-spki.test",
  "one-mx-fails.test",
  "tlsa-mismatch.test",
  "dane-ta-expired.test",
  "no-starttls.test",
  "expired-rrsig.test",
  "bad-ds.test",
  "tlsa-bogus.test",
  "unsigned.test",
];

const verdictColour = { pass: pc.green, warning: pc.yellow, fail: pc.red } as const;

function describeLab(lab: Lab): string {
  const env = {
    MAILSEC_RESOLVER: lab.resolverString,
    MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
    MAILSEC_SMTP_PORT: String(lab.smtpPort),
    MAILSEC_HTTPS_PORT: String(lab.httpsPort),
    MAILSEC_CA_FILE: LAB_CA_FILE,
    MAILSEC_ALLOW_PRIVATE: "1",
  };
  const width = Math.max(...lab.catalog.map((s) => s.domain.length));
  const lines = [
    pc.bold("mailsec lab is running") + pc.dim(" (TEST keys only, loopback only)"),
    `  DNS on ${lab.resolverString} (UDP and TCP), SMTP on port ${lab.smtpPort} of 127.0.1.0/24 and ::1`,
    "",
    pc.bold("Environment for the app or the CLI:"),
    ...Object.entries(env).map(([k, v]) => `  export ${k}=${v}`),
    "",
    pc.bold("CLI example:"),
    `  npx mailsec dane dane-ee.test --resolver ${lab.resolverString} --trust-anchor ${lab.trustAnchorFile} --smtp-port ${lab.smtpPort} --https-port ${lab.httpsPort} --ca-file ${LAB_CA_FILE} --allow-private`,
    "",
    pc.bold(`Scenario domains (${lab.catalog.length}), with the verdict mailsec should give:`),
    ...lab.catalog.map((s) => {
      const v = s.expect.verdict;
      const code = s.expect.exchangeOnline.code ? ` ${s.expect.exchangeOnline.code}` : "";
      // The Exchange Online readiness test's stage and codes, where the catalog pins them.
      const ready = s.expect.exchangeReadiness;
      const exchange = ready ? pc.dim(` [exchange: ${ready.stage}${ready.codes.length ? ` ${ready.codes.join(",")}` : ""}]`) : "";
      return `  ${s.domain.padEnd(width)}  ${verdictColour[v](v.padEnd(7))}${pc.dim(code.padEnd(8))} ${s.description}${exchange}`;
    }),
  ];
  return lines.join("\n");
}

async function start(): Promise<Lab> {
  const options = { dnsHost: values["dns-host"], dnsPort, ...(signer ? { signer } : {}) };
  if (smtpPort !== null) return startLab({ ...options, smtpPort });
  try {
    return await startLab({ ...options, smtpPort: PREFERRED_SMTP_PORT });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EADDRINUSE" && code !== "EACCES") throw err;
    // 0: the lab finds one port free on every MX address.
    return startLab({ ...options, smtpPort: 0 });
  }
}

async function main(): Promise<void> {
  let lab: Lab;
  try {
    lab = await start();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint =
      e.code === "EADDRINUSE"
        ? ` (a port is taken: choose others with --dns-port / --smtp-port)`
        : e.code === "EACCES"
          ? ` (ports below 1024 need root: leave --smtp-port out for a free high port)`
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
  const examples = EXAMPLES.filter((domain) => lab.catalog.some((s) => s.domain === domain));
  const env = {
    ...process.env,
    MAILSEC_RESOLVER: lab.resolverString,
    MAILSEC_TRUST_ANCHOR: lab.trustAnchorFile,
    MAILSEC_SMTP_PORT: String(lab.smtpPort),
    MAILSEC_HTTPS_PORT: String(lab.httpsPort),
    MAILSEC_CA_FILE: LAB_CA_FILE,
    MAILSEC_ALLOW_PRIVATE: "1",
    MAILSEC_LAB_EXAMPLES: examples.join(","),
    MAILSEC_RATE_LIMIT: process.env.MAILSEC_RATE_LIMIT ?? "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const command = values.dev
    ? `npx next dev -H ${appHost} -p ${appPort}`
    : `npx next build && npx next start -H ${appHost} -p ${appPort}`;
  const mode = values.dev
    ? "development server (next dev: recompiles on change; the first page of each route takes seconds)"
    : "production build (next build first, ~20 s; --dev serves next dev instead)";
  console.log(`\n${pc.bold("Starting the app:")} ${mode}\n  ${pc.dim(command)}\n${pc.bold("Open")} http://${appHost.includes(":") ? `[${appHost}]` : appHost}:${appPort}  ${pc.dim("(Ctrl-C stops the app and the lab)")}\n`);
  child = spawn("sh", ["-c", command], { env, stdio: "inherit", detached: true });
  child.on("exit", (code) => void stop(code ?? 0));
}

void main();
