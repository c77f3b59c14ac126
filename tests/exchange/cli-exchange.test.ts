// `mailsec exchange` as a user runs it (the compiled CLI) against the lab: the readiness step in
// the tree with its codes' texts, the exchangeReadiness block with --json, and --expected-mx
// checked by the API's own parser.
import { describe, expect, it } from "vitest";
import { ResultDocument } from "../../lib/report/schema";
import { labForCliTests, mailsec } from "../helpers/cli";

const lab = labForCliTests();

describe.concurrent("mailsec exchange", () => {
  it("prints the readiness step of a migration in progress: stage, codes with their fix, next step", async () => {
    const run = await mailsec(["exchange", "exoadded.test", "--expected-mx", "ExoAdded-Test.O-V1.mx.microsoft", ...lab.args()], 60_000);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Checking the Exchange Online inbound DANE readiness of 'exoadded.test'.");
    expect(run.stdout).toContain("The new mx.microsoft MX is in place beside the legacy one. Next: swap the MX preferences.");
    expect(run.stdout).toContain("EX006: exoadded-test.mail.protection.outlook.com is preferred over the expected MX exoadded-test.o-v1.mx.microsoft.");
  });

  it("prints the exchangeReadiness block with --json, and the cmdlet to run next", async () => {
    const run = await mailsec(["exchange", "exoonly.test", "--json", ...lab.args()], 60_000);
    const result = ResultDocument.parse(JSON.parse(run.stdout));
    expect(result.test).toBe("exchange");
    expect(result.exchangeReadiness).toMatchObject({ stage: "new-mx-only", codes: [], newMx: "exoonly-test.o-v1.mx.microsoft", legacyMx: [], nextStep: "enable-dane", cmdlet: "Enable-SmtpDaneInbound" });
  });

  it("refuses --expected-mx for another test, and a value that is no host name", async () => {
    const other = await mailsec(["dane", "exoonly.test", "--expected-mx", "a.b.mx.microsoft"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("--expected-mx works with the exchange test");
    const bad = await mailsec(["exchange", "exoonly.test", "--expected-mx", "not a host"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--expected-mx: Give the expected MX as a host name");
  });
});
