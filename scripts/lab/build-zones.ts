// Builds the lab's zones from the catalog and signs them with external signers, ldns-signzone and
// BIND's dnssec-signzone, in the styles operators use (TEST KEYS ONLY):
//   npx tsx scripts/lab/build-zones.ts
// Needs ldns-keygen, ldns-key2ds, ldns-signzone (Debian ldnsutils) and dnssec-signzone (bind9-utils).
// Output, committed so tests need no signer:
//   lib/lab/zones/            the default set: every scenario, each zone signed as the catalog says
//                             (lib/lab/signer-sets.ts `signerOf`; the root and test. by dnssec-signzone);
//   lib/lab/zones/<style>/    one set per signer style (SIGNER_SETS): the root, test. and every pass
//                             scenario's zones, all signed in that style with that set's algorithm.
// Each set: <zone>.signed (or .zone when served unsigned), manifest.json, trust-anchor.zone, and
// keys/ (reused across runs so trust anchors and DS records stay stable; delete keys/ to roll them).
// Zones are signed bottom-up (children first) because a parent publishes its children's DS. The
// hierarchy is general: the root, the world's TLDs and provider zones (lib/lab/world.ts) and the
// scenario zones; each zone's parent is the deepest zone above it, each record goes into the
// deepest zone that holds its name.
// A zone whose inputs (unsigned text, signer, keys, windows) did not change since the last build
// keeps its signed file: sign-inputs.json holds each file's input digest, so a rebuild only touches
// the zones the catalog change reached (signers randomise signatures: re-signing rewrites them all).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scenarios } from "../../lib/lab/catalog";
import type { DsMode, MxHostSpec, RecordSpec, Scenario, SignerStyle, SigningSpec, TlsaSpec, ZoneSpec } from "../../lib/lab/catalog-types";
import { tlsaAssociationData } from "../../lib/lab/pki";
import { passScenarios, SIGNER_SETS, signerOf, type SignerSet } from "../../lib/lab/signer-sets";
import { NS_HOST, worldZones } from "../../lib/lab/world";
import { ZONES_DIR, zoneFileBase, zoneSetDir, type ZoneManifestEntry } from "../../lib/lab/zone-files";

// Ends before 2038: some tools (ldns-verify-zone) compare RRSIG times as signed 32-bit numbers.
const GOOD_WINDOW = { inception: "20250101000000", expiration: "20370101000000" };
const WINDOWS = {
  expired: { inception: "20200101000000", expiration: "20210101000000" },
  "not-yet-valid": { inception: "20360101000000", expiration: "20370101000000" },
} as const;
const TTL = 3600;
const SERIAL = 2025010101;
/** Where each set records the input digest of every signed file (see the header). */
const INPUTS_FILE = "sign-inputs.json";
const ALG_NAME: Record<SigningSpec["algorithm"], string> = { 7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256", 13: "ECDSAP256SHA256", 14: "ECDSAP384SHA384", 15: "ED25519" };
const DEFAULT_SIGNING: SigningSpec = { algorithm: 13, denial: { kind: "nsec" } };
/** The default set's root: BIND's default style (as its TLDs, lib/lab/world.ts), so every scenario's chain starts in it. */
const DEFAULT_ROOT_SIGNING: SigningSpec = { algorithm: 13, denial: { kind: "nsec" }, signer: "bind-default" };

/** dnssec-signzone styles (the rest are ldns-signzone). */
const BIND_STYLES = new Set<SignerStyle>(["bind-default", "bind-x", "csk", "bind-nsec3-optout"]);

interface Keys {
  ksk: string;
  /** Null for a CSK: the one key signs everything. */
  zsk: string | null;
  spare: string;
}

interface BuildZone {
  spec: ZoneSpec;
  parent: string | null;
  lines: string[];
}

/** A record line and its owner, before it is placed into a zone. */
interface Placed {
  owner: string;
  line: string;
  /** Who asked for it, for the error when no zone holds it. */
  from: string;
}

const rr = (name: string, type: string, rdata: string, ttl = TTL) => `${name}\t${ttl}\tIN\t${type}\t${rdata}`;

/** TXT RDATA as character-strings of at most 255 octets each (RFC 1035 §3.3.14; a DKIM key is longer). */
function txtRdata(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  const parts: string[] = [];
  for (let i = 0; i < bytes.length || parts.length === 0; i += 255) parts.push(bytes.subarray(i, i + 255).toString("utf8"));
  return parts.map((p) => JSON.stringify(p)).join(" ");
}

function tlsaRdata(t: TlsaSpec): string {
  return `${t.usage} ${t.selector} ${t.matchingType} ${Buffer.from(tlsaAssociationData(t)).toString("hex").toUpperCase()}`;
}

function recordLine(r: RecordSpec): string {
  switch (r.type) {
    case "A":
    case "AAAA":
      return rr(r.name, r.type, r.address);
    case "TXT":
      return rr(r.name, "TXT", txtRdata(r.text));
    case "MX":
      return rr(r.name, "MX", `${r.preference} ${r.exchange}`);
    case "CNAME":
    case "DNAME":
      return rr(r.name, r.type, r.target);
    case "TLSA":
      return rr(r.name, "TLSA", tlsaRdata(r.tlsa));
  }
}

const isUnder = (name: string, origin: string) => origin === "." || name.toLowerCase() === origin || name.toLowerCase().endsWith(`.${origin}`);

/** The records a scenario's MX hosts need, as RecordSpecs (placed into zones by owner name). */
function hostRecords(h: MxHostSpec): RecordSpec[] {
  const out: RecordSpec[] = [];
  const target = h.cnameTo ?? h.host;
  if (h.dname) out.push({ name: h.dname.owner, type: "DNAME", target: h.dname.target });
  else if (h.cnameTo) out.push({ name: h.host, type: "CNAME", target: h.cnameTo });
  const addrOwner = h.wildcard ?? target;
  for (const a of h.addresses) out.push({ name: addrOwner, type: a.ip.includes(":") ? "AAAA" : "A", address: a.ip });
  const tlsaOwner = h.wildcard ?? `_25._tcp.${h.tlsaAtAlias ? h.host : target}`;
  for (const t of h.tlsa) out.push({ name: tlsaOwner, type: "TLSA", tlsa: t });
  return out;
}

/** A scenario's own zones and every record it publishes (MX, its hosts', extra zone records), unplaced. */
function scenarioParts(s: Scenario): { zones: ZoneSpec[]; records: Placed[] } {
  const records: Placed[] = [];
  const add = (owner: string, line: string) => records.push({ owner, line, from: s.name });
  if (s.mxMode === "explicit") for (const h of s.mx) add(s.domain, rr(s.domain, "MX", `${h.preference} ${h.host}`, s.mxTtl));
  if (s.mxMode === "null") add(s.domain, rr(s.domain, "MX", "0 .", s.mxTtl));
  for (const r of [...s.mx.flatMap(hostRecords), ...s.zones.flatMap((z) => z.records ?? [])]) add(r.name, recordLine(r));
  return { zones: s.zones, records };
}

/** The deepest of `zones` that holds `name` (the root holds everything). */
function deepestZone<T extends { spec: ZoneSpec }>(zones: readonly T[], name: string): T | undefined {
  return zones.filter((z) => isUnder(name, z.spec.origin)).sort((a, b) => labels(b.spec.origin) - labels(a.spec.origin))[0];
}

const labels = (origin: string) => (origin === "." ? 0 : origin.split(".").length - 1);

/**
 * The zones of a set: the root, `test.`, the world zones some scenario's name falls under, and the
 * scenario zones, each with its parent and its records (a zone's DS and NS lines are added later).
 */
function setZones(scenarioList: readonly Scenario[], rootSigning: SigningSpec): BuildZone[] {
  const parts = scenarioList.map(scenarioParts);
  const ownZones = parts.flatMap((p) => p.zones);
  const records = parts.flatMap((p) => p.records);
  const names = [...ownZones.map((z) => z.origin), ...records.map((r) => r.owner)];
  const world = worldZones.filter((w) => w.origin === "test." || names.some((n) => isUnder(n, w.origin)));
  const root: ZoneSpec = { origin: ".", signing: rootSigning, ds: "valid" };
  const specs = [root, ...world, ...ownZones];
  const seen = new Set<string>();
  for (const z of specs) {
    if (seen.has(z.origin)) throw new Error(`two zones claim ${z.origin}`);
    seen.add(z.origin);
  }
  const zones: BuildZone[] = specs.map((spec) => ({ spec, parent: null, lines: [] }));
  for (const z of zones) {
    if (z.spec.origin === ".") continue;
    const above = deepestZone(
      zones.filter((p) => p !== z && labels(p.spec.origin) < labels(z.spec.origin)),
      z.spec.origin,
    );
    z.parent = above?.spec.origin ?? ".";
  }
  for (const w of world) for (const r of w.records ?? []) records.push({ owner: r.name, line: recordLine(r), from: w.origin });
  for (const r of records) {
    const z = deepestZone(zones, r.owner);
    if (!z || z.spec.origin === ".") throw new Error(`${r.from}: ${r.owner} is in none of the lab's zones`);
    // Shared hosts may be published by several scenarios: one line each.
    if (!z.lines.includes(r.line)) z.lines.push(r.line);
  }
  return zones;
}

function ensureKeys(keysDir: string, origin: string, signing: SigningSpec): Keys {
  const dir = path.join(keysDir, zoneFileBase(origin));
  mkdirSync(dir, { recursive: true });
  const find = (flags: string, role: string) => {
    const marker = path.join(dir, `${role}.name`);
    if (existsSync(marker)) {
      const base = readFileSync(marker, "utf8").trim();
      if (base.includes(`+${String(signing.algorithm).padStart(3, "0")}+`)) return path.join(dir, base);
    }
    const args = ["-a", ALG_NAME[signing.algorithm]];
    if (signing.algorithm === 7 || signing.algorithm === 8) args.push("-b", "2048");
    if (flags === "ksk") args.push("-k");
    args.push(origin);
    const base = execFileSync("ldns-keygen", args, { cwd: dir, encoding: "utf8" }).trim();
    // ldns-keygen also writes a .ds file we do not need.
    rmSync(path.join(dir, `${base}.ds`), { force: true });
    writeFileSync(marker, `${base}\n`);
    return path.join(dir, base);
  };
  const csk = signerOf(signing) === "csk";
  return { ksk: find("ksk", "ksk"), zsk: csk ? null : find("zsk", "zsk"), spare: find("ksk", "spare") };
}

function dsRecords(origin: string, keys: { ksk: string; spare: string }, mode: DsMode): string[] {
  if (mode === "none") return [];
  const dsOf = (key: string) => {
    const out = execFileSync("ldns-key2ds", ["-n", "-2", `${key}.key`], { encoding: "utf8" }).trim();
    const fields = out.split(/\s+/);
    const [tag, alg, digestType, digest] = fields.slice(-4);
    if (!tag || !alg || !digestType || !digest) throw new Error(`ldns-key2ds: ${out}`);
    return { tag, alg, digestType, digest: digest.toUpperCase() };
  };
  const ds = dsOf(keys.ksk);
  switch (mode) {
    case "valid":
      return [rr(origin, "DS", `${ds.tag} ${ds.alg} ${ds.digestType} ${ds.digest}`)];
    case "bad-digest": {
      const flipped = (ds.digest[0] === "0" ? "1" : "0") + ds.digest.slice(1);
      return [rr(origin, "DS", `${ds.tag} ${ds.alg} ${ds.digestType} ${flipped}`)];
    }
    case "no-matching-key": {
      const other = dsOf(keys.spare);
      return [rr(origin, "DS", `${other.tag} ${other.alg} ${other.digestType} ${other.digest}`)];
    }
    case "unknown-algorithm":
      return [rr(origin, "DS", `${ds.tag} 253 ${ds.digestType} ${ds.digest}`)];
    case "unknown-digest-type":
      return [rr(origin, "DS", `${ds.tag} ${ds.alg} 253 ${ds.digest}`)];
  }
}

function zoneText(z: BuildZone, childDs: string[]): string {
  const o = z.spec.origin;
  const head = [
    `$ORIGIN ${o}`,
    `$TTL ${TTL}`,
    rr(o, "SOA", `${NS_HOST} hostmaster.${o === "." ? "" : o} ${SERIAL} 7200 3600 1209600 300`),
    rr(o, "NS", NS_HOST),
  ];
  return [...head, ...z.lines, ...childDs, ""].join("\n");
}

function sign(z: BuildZone, unsignedPath: string, keys: Keys, window: { inception: string; expiration: string }, out: string) {
  const signing = z.spec.signing ?? DEFAULT_SIGNING;
  const style = signerOf(signing);
  const denial = signing.denial;
  const keyFiles = [keys.ksk, ...(keys.zsk ? [keys.zsk] : [])];
  if (BIND_STYLES.has(style)) {
    // dnssec-signzone wants the DNSKEYs in the zone; it signs the DNSKEY RRset with every key
    // unless -x (KSK only); -z lets the one KSK of a CSK zone sign everything. -A (opt-out)
    // leaves insecure delegations out of the NSEC3 chain, which is what makes opt-out observable.
    const withKeys = `${unsignedPath}.keys`;
    writeFileSync(withKeys, readFileSync(unsignedPath, "utf8") + keyFiles.map((k) => readFileSync(`${k}.key`, "utf8")).join(""));
    const args = ["-O", "full", "-d", path.dirname(out), "-s", window.inception, "-e", window.expiration, "-o", z.spec.origin, "-f", out];
    if (style === "bind-x") args.push("-x");
    if (style === "csk") args.push("-z");
    if (denial.kind === "nsec3") {
      args.push("-3", denial.salt === "" ? "-" : denial.salt, "-H", String(denial.iterations));
      if (denial.optOut) args.push("-A");
    }
    if (keys.zsk) args.push("-k", keys.ksk, withKeys, keys.zsk);
    else args.push(withKeys, keys.ksk);
    execFileSync("dnssec-signzone", args, { stdio: ["ignore", "ignore", "inherit"] });
    return;
  }
  // ldns-signzone: the DNSKEY RRset is signed by the KSK only (its "minimal" default, no -A).
  const args = ["-i", window.inception, "-e", window.expiration, "-o", z.spec.origin, "-f", out];
  if (denial.kind === "nsec3") {
    args.push("-n", "-a", "1", "-t", String(denial.iterations));
    // ldns-signzone rejects "-" and ""; without -s the salt is empty.
    if (denial.salt !== "") args.push("-s", denial.salt);
    // -p flags every NSEC3 opt-out but still chains the insecure delegations.
    if (denial.optOut) args.push("-p");
  }
  args.push(unsignedPath, ...keyFiles.reverse());
  execFileSync("ldns-signzone", args, { stdio: ["ignore", "inherit", "inherit"] });
}

/** Replaces, in the signed text, the RDATA of each forged record; its RRSIG stays (and no longer verifies). */
function applyForgeries(z: BuildZone, signedText: string): string {
  let out = signedText;
  for (const f of z.spec.forgedAfterSigning ?? []) {
    let replaced = 0;
    out = out
      .split("\n")
      .map((line) => {
        const fields = line.split(/\s+/);
        if ((fields[0] ?? "").toLowerCase() !== f.name.toLowerCase() || fields[3] !== f.type) return line;
        replaced += 1;
        return rr(f.name, "TLSA", tlsaRdata(f.tlsa));
      })
      .join("\n");
    if (replaced !== 1) throw new Error(`${z.spec.origin}: ${replaced} ${f.type} records at ${f.name} to forge, want 1`);
  }
  return out;
}

/** Replaces the RRSIGs of the listed RRsets by those of a zone signed with another window. */
function applySignatureOverrides(z: BuildZone, signedText: string, resignedText: string): string {
  const overrides = z.spec.signatureOverrides ?? [];
  if (overrides.length === 0) return signedText;
  const key = (line: string) => {
    const f = line.split(/\s+/);
    return f[3] === "RRSIG" ? `${(f[0] ?? "").toLowerCase()} ${f[4]}` : null;
  };
  const wanted = new Set(overrides.map((o) => `${o.name.toLowerCase()} ${o.type}`));
  const replacements = resignedText.split("\n").filter((l) => wanted.has(key(l) ?? ""));
  // dnssec-signzone may sign one RRset with two keys (the DNSKEY RRset): at least one RRSIG each.
  if (new Set(replacements.map(key)).size !== overrides.length) throw new Error(`${z.spec.origin}: override RRSIGs not found`);
  const kept = signedText.split("\n").filter((l) => !wanted.has(key(l) ?? ""));
  return [...kept.filter((l) => l !== ""), ...replacements, ""].join("\n");
}

interface SetPlan {
  dir: string;
  /** What goes into the set's zones: scenario zones, and the root and TLD. */
  scenarios: readonly Scenario[];
  /** The signing of a signed zone in this set (the catalog's, or the set's style). */
  restyle: (signing: SigningSpec) => SigningSpec;
  rootSigning: SigningSpec;
}

function buildSet(plan: SetPlan): { zones: number; kept: number } {
  mkdirSync(plan.dir, { recursive: true });
  const keysDir = path.join(plan.dir, "keys");
  const restyled = (spec: ZoneSpec): ZoneSpec => ({ ...spec, signing: spec.signing ? plan.restyle(spec.signing) : null });
  // Children before parents: deeper origins first.
  const all = setZones(plan.scenarios, plan.rootSigning)
    .map((z) => ({ ...z, spec: z.spec.origin === "." ? z.spec : restyled(z.spec) }))
    .sort((a, b) => labels(b.spec.origin) - labels(a.spec.origin));
  const inputsPath = path.join(plan.dir, INPUTS_FILE);
  const previousInputs: Record<string, string> = existsSync(inputsPath) ? (JSON.parse(readFileSync(inputsPath, "utf8")) as Record<string, string>) : {};
  const inputs: Record<string, string> = {};
  let kept = 0;
  const dsByParent = new Map<string, string[]>();
  const manifest: ZoneManifestEntry[] = [];
  const work = mkdtempSync(path.join(tmpdir(), "lab-zones-"));
  let trustAnchor = "";
  try {
    for (const z of all) {
      const o = z.spec.origin;
      const childLines = dsByParent.get(o) ?? [];
      const unsigned = zoneText(z, childLines);
      const base = zoneFileBase(o);
      const signing = z.spec.signing;
      if (z.parent && o !== ".") {
        // The delegation (NS) is published whatever the DS mode.
        const list = dsByParent.get(z.parent) ?? [];
        list.push(rr(o, "NS", NS_HOST));
        dsByParent.set(z.parent, list);
      }
      if (!signing) {
        writeFileSync(path.join(plan.dir, `${base}.zone`), unsigned);
        manifest.push({ origin: o, file: `${base}.zone`, signed: false, signer: null });
        continue;
      }
      const keys = ensureKeys(keysDir, o, signing);
      if (z.parent) dsByParent.get(z.parent)?.push(...dsRecords(o, keys, z.spec.ds));
      if (z.spec.serveUnsigned) {
        writeFileSync(path.join(plan.dir, `${base}.zone`), unsigned);
        manifest.push({ origin: o, file: `${base}.zone`, signed: false, signer: null });
        continue;
      }
      const signedFile = path.join(plan.dir, `${base}.signed`);
      const digest = signInputs(z, unsigned, keys);
      inputs[`${base}.signed`] = digest;
      if (previousInputs[`${base}.signed`] === digest && existsSync(signedFile)) {
        kept += 1;
      } else {
        const unsignedPath = path.join(work, `${base}.zone`);
        writeFileSync(unsignedPath, unsigned);
        const signedPath = path.join(work, `${base}.signed`);
        sign(z, unsignedPath, keys, GOOD_WINDOW, signedPath);
        let signed = readFileSync(signedPath, "utf8");
        for (const window of new Set((z.spec.signatureOverrides ?? []).map((ov) => ov.window))) {
          const resignedPath = path.join(work, `${base}.${window}.signed`);
          sign(z, unsignedPath, keys, WINDOWS[window], resignedPath);
          const only = { ...z, spec: { ...z.spec, signatureOverrides: (z.spec.signatureOverrides ?? []).filter((ov) => ov.window === window) } };
          signed = applySignatureOverrides(only, signed, readFileSync(resignedPath, "utf8"));
        }
        writeFileSync(signedFile, applyForgeries(z, signed));
      }
      manifest.push({ origin: o, file: `${base}.signed`, signed: true, signer: signerOf(signing) });
      if (o === ".") {
        const ksk = readFileSync(`${keys.ksk}.key`, "utf8").trim();
        const ds = dsRecords(".", keys, "valid");
        trustAnchor = [
          "; The mailsec lab root's trust anchor (TEST KEY ONLY): use with --trust-anchor / MAILSEC_TRUST_ANCHOR.",
          ...ds,
          ksk.replace(/\s+/g, " ").replace(/^\. /, `.\t${TTL}\t`).replace(/\t(\d+)\tIN /, `\t$1\tIN\t`),
          "",
        ].join("\n");
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Drop files of zones the catalog no longer has (and dsset files dnssec-signzone leaves).
  const live = new Set(manifest.map((m) => m.file));
  for (const f of readdirSync(plan.dir)) {
    if ((/\.(signed|zone)$/.test(f) && f !== "trust-anchor.zone" && !live.has(f)) || f.startsWith("dsset-")) rmSync(path.join(plan.dir, f));
  }
  manifest.sort((a, b) => a.origin.localeCompare(b.origin));
  writeFileSync(path.join(plan.dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(plan.dir, "trust-anchor.zone"), trustAnchor);
  writeFileSync(inputsPath, `${JSON.stringify(Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`);
  return { zones: manifest.length, kept };
}

/**
 * The digest of everything a signed file depends on: the unsigned text (which holds the children's
 * DS), the signer style and denial, the keys, the validity windows, the overrides and forgeries.
 */
function signInputs(z: BuildZone, unsigned: string, keys: Keys): string {
  const keyText = [keys.ksk, keys.zsk, keys.spare].flatMap((k) => (k ? [readFileSync(`${k}.key`, "utf8"), readFileSync(`${k}.private`, "utf8")] : []));
  const forged = (z.spec.forgedAfterSigning ?? []).map((f) => rr(f.name, "TLSA", tlsaRdata(f.tlsa)));
  const signing = z.spec.signing;
  return createHash("sha256")
    .update(
      JSON.stringify({
        unsigned,
        style: signing ? signerOf(signing) : null,
        signing,
        keyText,
        windows: [GOOD_WINDOW, WINDOWS],
        overrides: z.spec.signatureOverrides ?? [],
        forged,
      }),
    )
    .digest("hex");
}

function styledSigning(set: SignerSet): SigningSpec {
  return { algorithm: set.algorithm, denial: set.denial, signer: set.style };
}

function main() {
  const only = process.argv.slice(2);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted("default")) {
    const n = buildSet({ dir: ZONES_DIR, scenarios, restyle: (s) => s, rootSigning: DEFAULT_ROOT_SIGNING });
    console.log(`built ${n.zones} zones into ${ZONES_DIR} (${n.kept} signed files unchanged)`);
  }
  for (const set of SIGNER_SETS) {
    if (!wanted(set.style)) continue;
    const signing = styledSigning(set);
    const dir = zoneSetDir(set.style);
    const n = buildSet({ dir, scenarios: passScenarios(), restyle: () => signing, rootSigning: signing });
    console.log(`built ${n.zones} zones (${set.style}) into ${dir} (${n.kept} signed files unchanged)`);
  }
}

main();
