// Property: in any closed NSEC chain, every name of the zone is either an owner or covered by
// exactly one NSEC, including past the last owner where the chain wraps to the apex (the case
// dnssec-prover got wrong, see tests/vectors/real-world/PROVENANCE.md).
import { describe, expect, it } from "vitest";
import { compareCanonical, namesEqual } from "../../lib/dns/name";
import { nsecCovers } from "../../lib/dnssec/nsec";

const ZONE = "example.";
// Labels that stress canonical order: case, octet extremes, hyphen, digits, the wildcard label.
const LABELS = ["a", "B", "z", "0", "-", "\\000", "\\255", "*", "ab"];
const NAMES = [
  ...LABELS.map((l) => `${l}.${ZONE}`),
  ...LABELS.flatMap((l1) => LABELS.map((l2) => `${l1}.${l2}.${ZONE}`)),
];

describe("NSEC chain covering (property over 300 zones drawn from 90 names)", () => {
  it("each in-zone name is an owner or covered by exactly one NSEC", () => {
    for (let round = 1; round <= 300; round++) {
      // A deterministic spread of subsets: sparse, dense, and everything between.
      const owners = [ZONE, ...NAMES.filter((_, i) => ((i + 1) * 7919 * round) % 97 < round % 40)]
        .sort(compareCanonical)
        .filter((n, i, all) => i === 0 || !namesEqual(n, all[i - 1] as string));
      const chain = owners.map((owner, i) => ({ owner, next: owners[(i + 1) % owners.length] as string }));
      for (const name of [ZONE, ...NAMES]) {
        const isOwner = owners.some((o) => namesEqual(o, name));
        const covering = chain.filter((n) => !namesEqual(n.owner, name) && nsecCovers(n.owner, n.next, name));
        expect(covering.length, `${name} in [${owners.join(" ")}]`).toBe(isOwner ? 0 : 1);
      }
    }
  });
});
