// Bad input through the CLI door (issue 6): every one exits 2 with a message on stderr and
// nothing on stdout, before any query (the resolver is a loopback port nobody listens on).
import { describe, expect, it } from "vitest";
import { mailsec } from "../helpers/cli";

const NO_RESOLVER = ["--resolver", "127.0.0.1:9", "--timeout", "5"];


describe.concurrent("the CLI refuses bad input with exit 2", () => {
  it.each([
    ["an IPv4 literal", ["dane", "192.0.2.1"], "an IP address is not a mail domain"],
    ["an address at an IP literal", ["inbound", "postmaster@[192.0.2.1]"], "an IP address is not a mail domain"],
    ["an RTL override", ["dane", "exa\u202Emple.com"], "invisible or direction-changing character (U+202E)"],
    ["a zero-width space IDNA would drop", ["dane", "exa\u200Bmple.com"], "invisible or direction-changing character (U+200B)"],
    ["a zero-width space in a DNS name", ["dnssec", "exa\u200Bmple.com"], "invisible or direction-changing character (U+200B)"],
    ["nothing after the last @", ["dane", "a@b@"], "no domain after the '@'"],
    ["an unquoted second @", ["inbound", "a@b@example.com"], "more than one '@'"],
    ["an ESMTP parameter in the local part", ["inbound", "postmaster> NOTIFY=SUCCESS@example.com"], "contains '>'"],
    ["a 250-character local part", ["inbound", `${"a".repeat(250)}@example.com`], "a local part holds at most 64"],
    ["a space in the local part", ["inbound", "a b@example.com"], "contains a space"],
    ["an input longer than any address", ["dane", `${"a".repeat(330)}.com`], "320"],
    ["an unknown test", ["frob", "example.com"], "the test must be dane, inbound, dnssec or exchange"],
    ["an unknown option", ["dane", "example.com", "--frob"], "Unknown option '--frob'"],
    ["a port out of range", ["dane", "example.com", "--smtp-port", "99999"], "65535"],
    ["a bad time", ["dane", "example.com", "--now", "yesterday"], "--now: must be an ISO-8601 time"],
    ["a zero timeout", ["dane", "example.com", "--timeout=0"], "--timeout"],
    ["an unknown record type", ["dnssec", "example.com", "--type", "BOGUS"], "Unknown record type 'BOGUS'"],
    ["a resolver that is not an address", ["dane", "example.com", "--resolver", "dns.example"], "--resolver"],
  ])("%s", async (_, args, message) => {
    const run = await mailsec([...NO_RESOLVER, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    // Whatever is refused is never echoed with its hidden characters (they would make it lie).
    expect(run.stderr).not.toMatch(/[\u200B\u202E]/u);
  });
});

// One schema for the engine's flags (bin/engine-options.ts): the job commands refuse a bad one
// with the single run's words, before they open any store.
describe.concurrent("the job commands take the engine's flags from the same schema", () => {
  it.each([
    ["--smtp-port", "99999", "--smtp-port: must be a port number from 1 to 65535"],
    ["--https-port", "0", "--https-port: must be a port number from 1 to 65535"],
    ["--timeout", "0", "--timeout: must be a number of seconds, more than 0 and at most 3600"],
    ["--resolver", "dns.example", "--resolver:"],
  ])("%s %s", async (flag, value, message) => {
    const single = await mailsec(["dane", "example.com", flag, value]);
    const batch = await mailsec(["batch", "inputs.txt", flag, value]);
    const worker = await mailsec(["worker", flag, value]);
    for (const run of [single, batch, worker]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe("");
    }
  });
});
