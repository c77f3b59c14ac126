// A lossy path to the resolver: the engine asks each question up to 3 times (2 s each), so a
// question whose first two copies are lost is still answered and the run passes; one whose three
// copies are all lost reads as unanswered, with the tries counted. A single lost datagram on
// loopback once turned dane-ee.test's "pass" into "warning" when the engine gave up after 2 tries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { allSteps, plain, runOnLab, type LabRun } from "./lab-run";

let lab: Lab;
let twoLost: LabRun;
let threeLost: LabRun;

beforeAll(async () => {
  lab = await startLab({
    extraFaults: [
      { name: "mx1.dane-ee.test.", type: "AAAA", fault: "lossy", drops: 2 },
      { name: "mx1.alg-13.test.", type: "AAAA", fault: "lossy", drops: 3 },
    ],
  });
  [twoLost, threeLost] = await Promise.all([runOnLab(lab, "dane", "dane-ee.test"), runOnLab(lab, "dane", "alg-13.test")]);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

/** Every finding of a run's steps, by code, with its params. */
const findings = (run: LabRun) => allSteps(run.result?.steps ?? []).flatMap((s) => s.findings ?? []);

describe("a question lost on the way", () => {
  it("is asked again: two lost copies of the MX host's AAAA question still end in a pass", () => {
    expect(twoLost.error).toBeNull();
    expect(twoLost.result?.verdict).toBe("pass");
    expect(twoLost.result?.mx.map((m) => ({ host: m.host, addresses: m.addresses.map((a) => a.dane) }))).toEqual([
      { host: plain("mx1.dane-ee.test."), addresses: ["pass"] },
    ]);
    expect(findings(twoLost).filter((f) => f.code === "DNSSEC_NETWORK_FAILURE")).toEqual([]);
  });

  it("after three lost copies reads as unanswered, saying how many tries of how long were made", () => {
    expect(threeLost.error).toBeNull();
    expect(threeLost.result?.verdict).toBe("warning");
    const server = lab.resolverString;
    expect(findings(threeLost).filter((f) => f.code === "DNSSEC_NETWORK_FAILURE")).toEqual([
      {
        code: "DNSSEC_NETWORK_FAILURE",
        params: {
          name: "mx1.alg-13.test.",
          type: "AAAA",
          transportProblem: "unanswered",
          transportCause: "timeout",
          servers: server,
          tries: 3,
          timeoutMs: 2000,
          attempts: [{ server, transport: "udp", times: 3, problem: "timeout", ms: 2000 }],
        },
      },
    ]);
  });
});
