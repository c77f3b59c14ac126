// RFC 5321 §5.1 over the lab: a name with no MX RRset is its own implicit MX; when it has no A/AAAA
// either (proven by DNSSEC), it is no mail destination, which the verdict and the forecast must say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { runOnLab } from "./lab-run";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
}, 30_000);

afterAll(async () => {
  await lab?.stop();
});

describe("implicit MX", () => {
  it("a signed name with neither MX nor address records fails, and Exchange Online returns the mail at once", async () => {
    // The apex of the lab's child zone hosting.cname-mx.test. holds only SOA, NS and DNSKEY.
    const { result, error } = await runOnLab(lab, "dane", "hosting.cname-mx.test");
    expect(error).toBeNull();
    expect(result?.verdict).toBe("fail");
    expect(result?.exchangeOnline).toMatchObject({ outcome: "no-mail", code: null });
    expect(result?.exchangeOnline.reason).toBe("no-address");
  }, 30_000);

  it("a name with no MX but its own address still takes mail (no-mx.test)", async () => {
    const { result } = await runOnLab(lab, "dane", "no-mx.test");
    expect(result?.verdict).toBe("pass");
    expect(result?.exchangeOnline.outcome).toBe("deliver");
  }, 30_000);
});
