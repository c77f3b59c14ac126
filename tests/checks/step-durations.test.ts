// Each SMTP stage's step carries its own duration (issue 14): the five conversation steps are
// declared together to fix their order, but connect, banner, EHLO, STARTTLS and TLS must not all
// show the whole conversation's time. slow-banner.test holds its 220 back for 1.5 s, so the banner
// step must carry that wait and the EHLO step (a loopback round trip) must not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { allSteps, resultOnLab } from "./lab-run";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(() => lab?.stop());


describe("SMTP stage steps: their own durations", () => {
  it("slow-banner.test: the banner step holds the 1.5 s wait, EHLO and STARTTLS do not", async () => {
    const steps = allSteps((await resultOnLab(lab, "dane", "slow-banner.test")).steps);
    const stage = (name: string) => {
      const step = steps.find((s) => s.id.endsWith(`/127.0.1.55/${name}`));
      if (!step) throw new Error(`no ${name} step`);
      return step;
    };
    const address = steps.find((s) => s.id.endsWith("/127.0.1.55"));
    expect(stage("banner").elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(stage("ehlo").elapsedMs).toBeLessThan(stage("banner").elapsedMs);
    expect(stage("starttls").elapsedMs).toBeLessThan(stage("banner").elapsedMs);
    expect(stage("connect").elapsedMs).toBeLessThan(stage("banner").elapsedMs);
    // The address step spans the whole conversation, so it is at least the banner's wait.
    expect(address?.elapsedMs ?? 0).toBeGreaterThanOrEqual(stage("banner").elapsedMs);
  }, 60_000);
});
