// Property: in any closed NSEC chain, every name of the zone is either an owner or covered by
// exactly one NSEC, including past the last owner where the chain wraps to the apex (the case
// dnssec-prover got wrong, see tests/vectors/real-world/PROVENANCE.md).
import { describe, expect, it } from "vitest";
import { compareCanonical, namesEqual } from "../../lib/dns/name";
import { nsecCovers } from "../../lib/dnssec/nsec";

/** Small deterministic PRNG so a failure reproduces (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ["a", "b", "z", "0", "-", "\\000", "\\255", "A", "*"];

function randomName(next: () => number, zone: string): string {
  const depth = 1 + Math.floor(next() * 3);
  const labels: string[] = [];
  for (let i = 0; i < depth; i++) {
    const len = 1 + Math.floor(next() * 3);
    labels.push(Array.from({ length: len }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(""));
  }
  return `${labels.join(".")}.${zone}`;
}

describe("NSEC chain covering (property, 200 random zones)", () => {
  it("each in-zone name is an owner or covered by exactly one NSEC", () => {
    const next = rng(20261128);
    const zone = "example.";
    for (let round = 0; round < 200; round++) {
      const owners = [zone, ...Array.from({ length: 1 + Math.floor(next() * 6) }, () => randomName(next, zone))]
        .sort(compareCanonical)
        .filter((n, i, all) => i === 0 || !namesEqual(n, all[i - 1] as string));
      const chain = owners.map((owner, i) => ({ owner, next: owners[(i + 1) % owners.length] as string }));
      for (let q = 0; q < 20; q++) {
        const name = randomName(next, zone);
        const isOwner = owners.some((o) => namesEqual(o, name));
        const covering = chain.filter((n) => !namesEqual(n.owner, name) && nsecCovers(n.owner, n.next, name));
        expect(covering.length, `${name} in [${owners.join(" ")}]`).toBe(isOwner ? 0 : 1);
      }
    }
  });
});
