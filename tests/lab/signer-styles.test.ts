// Issue 9 §2: the lab signs like the world. Every pass scenario must still pass, end to end, when
// the whole hierarchy (root, test., the scenario's zones) was signed by another external signer in
// another operator style: dnssec-signzone's default (the DNSKEY RRset signed by KSK and ZSK), -x
// (KSK only), a combined signing key, ldns-signzone NSEC3 with and without salt and with opt-out,
// across algorithms 8, 13, 14 and 15. First the zone files are checked to be what their style
// says (so a rebuild with the wrong flags cannot pass silently), then the DANE test is run on each.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { RRType, type ResourceRecord } from "../../lib/dns/types";
import { keyTag } from "../../lib/dnssec/keytag";
import { passScenarios, SIGNER_SETS, startLab, type Lab, type SignerSet } from "../../lib/lab";
import { readZoneManifest, zoneSetDir } from "../../lib/lab/zone-files";
import type { Step } from "../../lib/report/schema";
import { plain, pool, runOnLab } from "../checks/lab-run";

const ZONE_KEY = 0x0100;
const SEP = 0x0001;

const parsed = new Map<string, { text: string; records: ResourceRecord[] }>();
function zoneRecords(set: SignerSet, origin: string): { text: string; records: ResourceRecord[] } {
  const key = `${set.style} ${origin}`;
  const known = parsed.get(key);
  if (known) return known;
  const entry = readZoneManifest(set.style).find((e) => e.origin === origin);
  if (!entry) throw new Error(`${set.style}: no zone ${origin}`);
  const text = readFileSync(`${zoneSetDir(set.style)}${entry.file}`, "utf8");
  const zone = { text, records: parseZoneFile(text, { origin }) };
  parsed.set(key, zone);
  return zone;
}

/** Key tags of the keys whose RRSIGs cover the DNSKEY RRset, and the apex DNSKEYs. */
function dnskeySigners(records: ResourceRecord[], origin: string) {
  const apex = (rr: ResourceRecord) => rr.name.toLowerCase() === origin;
  const keys = records.filter((rr) => apex(rr) && rr.data.kind === "DNSKEY").map((rr) => (rr.data.kind === "DNSKEY" ? { flags: rr.data.flags, tag: keyTag(rr.rdata) } : null));
  const sigTags = records.filter((rr) => apex(rr) && rr.data.kind === "RRSIG" && rr.data.typeCovered === RRType.DNSKEY).map((rr) => (rr.data.kind === "RRSIG" ? rr.data.keyTag : -1));
  const otherSigTags = new Set(records.filter((rr) => rr.data.kind === "RRSIG" && rr.data.typeCovered !== RRType.DNSKEY).map((rr) => (rr.data.kind === "RRSIG" ? rr.data.keyTag : -1)));
  return { keys: keys.filter((k) => k !== null), sigTags, otherSigTags };
}

describe.each(SIGNER_SETS.map((s) => [s.style, s] as const))("zone set %s is signed as its style says", (style, set) => {
  const manifest = readZoneManifest(set.style);
  const origins = [".", "test.", ...passScenarios().flatMap((s) => s.zones.filter((z) => z.signing).map((z) => z.origin))];

  it("holds the root, test. and every pass scenario's zones, each signed in this style", () => {
    for (const o of origins) expect(manifest.find((e) => e.origin === o)?.signer, o).toBe(style);
  });

  it.each(origins.map((o) => [o]))("%s: tool, algorithm, keys and DNSKEY signers", (origin) => {
    const { text, records } = zoneRecords(set, origin);
    const bind = style === "bind-default" || style === "bind-x" || style === "csk";
    // dnssec-signzone stamps its output; ldns-signzone does not.
    expect(text.includes("dnssec_signzone version"), "made by dnssec-signzone").toBe(bind);
    const { keys, sigTags, otherSigTags } = dnskeySigners(records, origin);
    const ksks = keys.filter((k) => (k.flags & (ZONE_KEY | SEP)) === (ZONE_KEY | SEP));
    const zsks = keys.filter((k) => (k.flags & (ZONE_KEY | SEP)) === ZONE_KEY);
    for (const rr of records) if (rr.data.kind === "RRSIG") expect(rr.data.algorithm).toBe(set.algorithm);
    if (style === "csk") {
      expect(keys).toHaveLength(1);
      expect(ksks).toHaveLength(1);
      expect(sigTags).toEqual([ksks[0]?.tag]);
      expect([...otherSigTags]).toEqual([ksks[0]?.tag]);
      return;
    }
    expect(ksks).toHaveLength(1);
    expect(zsks).toHaveLength(1);
    // The point of the styles: BIND's default signs the DNSKEY RRset with the ZSK too.
    const expected = style === "bind-default" ? [ksks[0]?.tag, zsks[0]?.tag] : [ksks[0]?.tag];
    expect([...sigTags].sort()).toEqual([...expected].sort());
    expect([...otherSigTags]).toEqual([zsks[0]?.tag]);
  });

  it("denies existence as its style says (NSEC, or NSEC3 with its salt and opt-out)", () => {
    for (const o of origins) {
      const { records } = zoneRecords(set, o);
      const nsec3 = records.filter((rr) => rr.data.kind === "NSEC3");
      const param = records.find((rr) => rr.data.kind === "NSEC3PARAM");
      if (set.denial.kind === "nsec") {
        expect(nsec3, o).toHaveLength(0);
        expect(records.some((rr) => rr.type === RRType.NSEC), o).toBe(true);
        continue;
      }
      expect(nsec3.length, o).toBeGreaterThan(0);
      const want = set.denial;
      if (param?.data.kind !== "NSEC3PARAM") throw new Error(`${o}: no NSEC3PARAM`);
      expect(Buffer.from(param.data.salt).toString("hex").toUpperCase(), o).toBe(want.salt.toUpperCase());
      expect(param.data.iterations).toBe(want.iterations);
      for (const rr of nsec3) if (rr.data.kind === "NSEC3") expect(rr.data.flags & 1, `${o} opt-out flag`).toBe(want.optOut ? 1 : 0);
    }
  });
});

/** Every step whose status is warning or error, with its path of step ids. */
function badSteps(steps: readonly Step[], path: string[] = []): string[] {
  return steps.flatMap((s) => {
    const here = [...path, s.id];
    const self = s.status === "warning" || s.status === "error" ? [`${s.status}: ${here.join(" > ")}`] : [];
    return [...self, ...badSteps(s.children, here)];
  });
}

describe.each(SIGNER_SETS.map((s) => [s.style, s] as const))("every pass scenario passes on zones signed %s", (style, set) => {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await startLab({ signer: style });
  });
  afterAll(async () => {
    await lab?.stop();
  });
  const started = (): Lab => {
    if (!lab) throw new Error("the lab did not start");
    return lab;
  };

  it("DNSSEC Validation test: each domain's MX and the catalog's DNSSEC expectations, no warning or error step", async () => {
    const current = started();
    const cases = current.catalog.flatMap((s) =>
      [{ name: s.domain, type: "MX", status: s.expect.dnssec }, ...s.dnssecExpect].map((c) => ({ ...c, differs: set.differs?.find((d) => d.scenario === s.name) })),
    );
    const failures: string[] = [];
    await pool(cases, 8, async (c) => {
      const run = await runOnLab(current, "dnssec", plain(c.name), { rrType: c.type });
      const r = run.result;
      if (!r) return void failures.push(`${c.name} ${c.type}: no result (${run.error ?? "?"})`);
      // A documented change of outcome in this style (SignerSet.differs): pinned, warning at most.
      const status = c.differs?.dnssec[`${c.name} ${c.type}`] ?? c.status;
      if (r.dnssec !== status) failures.push(`${c.name} ${c.type}: ${r.dnssec}, want ${status}`);
      if (c.differs) {
        if (r.verdict === "fail") failures.push(`${c.name} ${c.type}: verdict fail`);
        for (const bad of badSteps(r.steps)) if (bad.startsWith("error")) failures.push(`${c.name} ${c.type}: ${bad}`);
      } else if (status === "secure") {
        if (r.verdict !== "pass") failures.push(`${c.name} ${c.type}: verdict ${r.verdict}`);
        for (const bad of badSteps(r.steps)) failures.push(`${c.name} ${c.type}: ${bad}`);
      }
    });
    expect(failures).toEqual([]);
  }, 60_000);

  it("DANE test: the catalog's expectation, verdict pass, no warning or error step", async () => {
    const current = started();
    expect(current.catalog.length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    await pool(current.catalog, 8, async (s) => {
      const run = await runOnLab(current, "dane", plain(s.domain));
      const r = run.result;
      if (!r) return void failures.push(`${s.name}: no result (${run.error ?? "?"})`);
      // A documented change of outcome in this style (SignerSet.differs): pinned, warning at most.
      const differs = set.differs?.find((d) => d.scenario === s.name);
      const verdict = differs?.verdict ?? s.expect.verdict;
      const got = { verdict: r.verdict, dnssec: r.dnssec, exchangeOnline: { outcome: r.exchangeOnline.outcome, code: r.exchangeOnline.code } };
      const want = { verdict, dnssec: s.expect.dnssec, exchangeOnline: s.expect.exchangeOnline };
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${s.name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      const hosts = r.mx.map((m) => ({ host: m.host, tlsa: m.tlsa.status, addresses: m.addresses.map((a) => ({ ip: a.ip, dane: a.dane })) }));
      const wantHosts = s.expect.mx.map((m) => ({
        host: plain(m.host),
        tlsa: differs?.tlsa ?? m.tlsa,
        addresses: differs ? m.addresses.map((a) => ({ ...a, dane: "not-applicable" })) : m.addresses,
      }));
      if (JSON.stringify(hosts) !== JSON.stringify(wantHosts)) failures.push(`${s.name}: hosts ${JSON.stringify(hosts)}, want ${JSON.stringify(wantHosts)}`);
      for (const bad of badSteps(r.steps)) if (!differs || bad.startsWith("error")) failures.push(`${s.name}: ${bad}`);
    });
    expect(failures).toEqual([]);
  }, 60_000);
});
