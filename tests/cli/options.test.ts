// Option values the CLI refuses before any query: the message names the option as typed, so a
// person knows which of several numbers was wrong (the resolver is a port nobody listens on).
import { describe, expect, it } from "vitest";
import { mailsec } from "../helpers/cli";


describe.concurrent("option values out of range name the option", () => {
  it.each([
    ["a port above 65535", ["--smtp-port", "99999"], "--smtp-port: must be a port number from 1 to 65535"],
    ["a port of 0", ["--smtp-port", "0"], "--smtp-port: must be a port number from 1 to 65535"],
    ["a port that is not a number", ["--smtp-port", "seventy"], "--smtp-port: must be a port number from 1 to 65535"],
    ["a timeout above an hour", ["--timeout", "5000"], "--timeout: must be a number of seconds"],
    ["a negative timeout", ["--timeout=-1"], "--timeout: must be a number of seconds"],
    ["a bad record type", ["--type", "M X"], "--type: must be a record type"],
  ])("%s", async (_, option, message) => {
    const run = await mailsec(["dane", "example.com", "--resolver", "127.0.0.1:9", ...option]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain("Too big");
    expect(run.stdout).toBe("");
  });
});
