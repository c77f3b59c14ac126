import { describe, expect, it } from "vitest";
import { ReplyReader, dotStuff, ehloExtensions, hasExtension } from "../../lib/smtp";

const limits = { maxLineBytes: 64, maxReplyLines: 5 };
const bytes = (s: string) => Buffer.from(s, "latin1");

function readAll(input: string | string[], l = limits) {
  const reader = new ReplyReader(l);
  const out = [];
  for (const chunk of Array.isArray(input) ? input : [input]) {
    reader.feed(bytes(chunk));
    for (;;) {
      const o = reader.next();
      if (o.kind === "incomplete") break;
      out.push(o);
      if (o.kind === "error") return { out, reader };
    }
  }
  return { out, reader };
}

describe("ReplyReader (RFC 5321 §4.2 reply grammar)", () => {
  it("reads a multiline reply split across chunks at arbitrary points", () => {
    const { out, reader } = readAll(["250-mx.exa", "mple greets\r\n250-PIPE", "LINING\r", "\n250 STARTTLS\r\n"]);
    expect(out).toEqual([{ kind: "reply", reply: { code: 250, lines: ["mx.example greets", "PIPELINING", "STARTTLS"] } }]);
    expect(reader.buffered).toBe(0);
  });

  it("reads two pipelined replies from one chunk and keeps nothing back", () => {
    const { out } = readAll("250 2.1.0 Ok\r\n550 5.1.1 no such user\r\n");
    expect(out.map((o) => (o.kind === "reply" ? o.reply.code : o.kind))).toEqual([250, 550]);
  });

  it("accepts a bare code as the last line and a bare LF line end", () => {
    const { out } = readAll("220-first\n220\n");
    expect(out).toEqual([{ kind: "reply", reply: { code: 220, lines: ["first", ""] } }]);
  });

  it("reports bytes left after a reply (what STARTTLS injection leaves behind)", () => {
    const { out, reader } = readAll("220 Ready\r\n250 injected\r\n".slice(0, 20));
    expect(out).toHaveLength(1);
    expect(reader.buffered).toBe(9);
  });

  it("refuses a multiline reply whose code changes", () => {
    const { out } = readAll("250-one\r\n251 two\r\n");
    expect(out.at(-1)).toMatchObject({ kind: "error", error: "protocol-error", problem: { reason: "code-changed", code: "250->251" } });
  });

  for (const bad of ["hello\r\n", "25 short\r\n", "650 out of range\r\n", "250_sep\r\n", "HTTP/1.1 400 Bad Request\r\n"]) {
    it(`refuses the non-reply line ${JSON.stringify(bad)}`, () => {
      expect(readAll(bad).out.at(-1)).toMatchObject({ kind: "error", error: "protocol-error" });
    });
  }

  it("cuts a line that grows past the limit before its line end arrives", () => {
    const { out, reader } = readAll(["220 ", "x".repeat(40), "x".repeat(40)]);
    expect(out.at(-1)).toMatchObject({ kind: "error", error: "line-too-long" });
    expect(reader.buffered).toBe(0);
  });

  it("cuts a complete line longer than the limit", () => {
    expect(readAll(`220 ${"y".repeat(61)}\r\n`).out.at(-1)).toMatchObject({ kind: "error", error: "line-too-long" });
    expect(readAll(`220 ${"y".repeat(60)}\r\n`).out.at(-1)).toMatchObject({ kind: "reply" });
  });

  it("cuts a multiline reply past the line count and keeps the partial reply", () => {
    const { out } = readAll("220-a\r\n".repeat(6));
    const last = out.at(-1);
    expect(last).toMatchObject({ kind: "error", error: "too-many-lines" });
    if (last?.kind === "error") expect(last.partial?.lines).toHaveLength(6);
  });

  it("stays failed after an error, whatever arrives next", () => {
    const reader = new ReplyReader(limits);
    reader.feed(bytes("nonsense\r\n"));
    expect(reader.next().kind).toBe("error");
    reader.feed(bytes("250 fine\r\n"));
    expect(reader.next().kind).toBe("error");
  });

  it("shows control characters as escapes so a reply cannot fake transcript lines", () => {
    const { out } = readAll("220 evil\u0008\u001b[2Jtext\r\n");
    expect(out[0]).toEqual({ kind: "reply", reply: { code: 220, lines: ["evil\\u0008\\u001B[2Jtext"] } });
  });

  it("shows C1 controls, bidi overrides and line separators in a UTF-8 banner as escapes", () => {
    const reader = new ReplyReader(limits);
    reader.feed(Buffer.from("220 mx \u202Eexe.txt\u202C \u0085 \u2028 \u2066x\u2069 ok\r\n", "utf8"));
    expect(reader.next()).toEqual({ kind: "reply", reply: { code: 220, lines: ["mx \\u202Eexe.txt\\u202C \\u0085 \\u2028 \\u2066x\\u2069 ok"] } });
  });
});

describe("ReplyReader in linear time (issue 15: 1 MiB in 7-byte chunks cost 16 s of CPU)", () => {
  // Work is counted in bytes copied, not seconds: npm run bench measures the time.
  const line = "250 2.0.0 a pipelined reply of forty bytes\r\n";
  const stream = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / line.length)), "latin1");

  it.each([1, 7, 4096])("copies each byte a bounded number of times when fed %i-byte chunks and read as it comes", (size) => {
    const reader = new ReplyReader({ maxLineBytes: 2048, maxReplyLines: 100 });
    let replies = 0;
    for (let at = 0; at < stream.length; at += size) {
      reader.feed(stream.subarray(at, at + size));
      for (let o = reader.next(); o.kind === "reply"; o = reader.next()) replies++;
    }
    expect(replies).toBe(stream.length / line.length);
    expect(reader.buffered).toBe(0);
    expect(reader.copiedBytes).toBeLessThanOrEqual(3 * stream.length);
  });

  it("copies each byte a bounded number of times when a megabyte piles up before anyone reads", () => {
    const reader = new ReplyReader({ maxLineBytes: 2048, maxReplyLines: 100 });
    for (let at = 0; at < stream.length; at += 7) reader.feed(stream.subarray(at, at + 7));
    expect(reader.buffered).toBe(stream.length);
    let replies = 0;
    for (let o = reader.next(); o.kind === "reply"; o = reader.next()) replies++;
    expect(replies).toBe(stream.length / line.length);
    expect(reader.copiedBytes).toBeLessThanOrEqual(3 * stream.length);
  });
});

describe("EHLO extensions", () => {
  const reply = { code: 250, lines: ["mx greets you", "PIPELINING", "SIZE 10240000", "starttls"] };
  it("lists the lines after the greeting and matches keywords case-insensitively", () => {
    expect(ehloExtensions(reply)).toEqual(["PIPELINING", "SIZE 10240000", "starttls"]);
    expect(hasExtension(ehloExtensions(reply), "STARTTLS")).toBe(true);
    expect(hasExtension(ehloExtensions(reply), "SIZE")).toBe(true);
    expect(hasExtension(ehloExtensions(reply), "8BITMIME")).toBe(false);
  });
});

describe("dotStuff (RFC 5321 §4.5.2)", () => {
  it("doubles leading dots, normalises line ends and appends the end marker", () => {
    expect(dotStuff("Subject: x\n\n.hidden\r\nend\r")).toBe("Subject: x\r\n\r\n..hidden\r\nend\r\n.\r\n");
    expect(dotStuff(".\n")).toBe("..\r\n.\r\n");
  });
});
