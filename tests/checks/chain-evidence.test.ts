// The chain-of-trust step shows each zone's DS and DNSKEY evidence once per run, however many
// lookups of the run walked the zone (a DANE run walks the root and test. for the MX, A, AAAA
// and TLSA lookups alike). The counts are held against the result's trustChain, which is
// projected from the validator's evidence, not from the step's lines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import type { Detail, ResultDocument } from "../../lib/report/schema";
import { plain, resultOnLab } from "./lab-run";

let lab: Lab;
let result: ResultDocument;

beforeAll(async () => {
  lab = await startLab();
  const scenario = lab.catalog.find((s) => s.name === "dane-ee");
  if (!scenario) throw new Error("no dane-ee scenario");
  result = await resultOnLab(lab, "dane", plain(scenario.domain));
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

const keyed = (lines: readonly Detail[], key: string) => lines.filter((l) => typeof l !== "string" && l.key === key);

describe("the chain of trust step of a DANE run (lab scenario dane-ee)", () => {
  it("walked each zone for several lookups", () => {
    // MX, A, AAAA and TLSA: more than one lookup met the root, so repetition was possible.
    const hostSteps = result.steps.filter((s) => s.id.startsWith("mx-host:"));
    expect(hostSteps).toHaveLength(1);
    expect(result.trustChain?.zones.map((z) => z.name)).toEqual(expect.arrayContaining([".", "test."]));
  });

  it.each([".", "test."])("shows zone %s's DS and DNSKEY lines once each", (name) => {
    const chain = result.steps.find((s) => s.id === "dnssec");
    const zone = chain?.children.find((c) => c.title.params.zone === name);
    if (!zone) throw new Error(`no zone step for ${name}`);
    const pictured = result.trustChain?.zones.find((z) => z.name === name);
    const dnskeys = keyed(zone.details, "detail.dnskey");
    const ds = keyed(zone.details, "detail.ds");
    expect(dnskeys.length).toBeGreaterThan(0);
    expect(dnskeys).toHaveLength(pictured?.keys.length ?? -1);
    expect(ds).toHaveLength(pictured?.ds.length ?? -1);
    // No line at all repeats in a zone step.
    const all = zone.details.map((l) => JSON.stringify(l));
    expect(new Set(all).size).toBe(all.length);
  });
});
