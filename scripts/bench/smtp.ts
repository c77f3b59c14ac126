// The SMTP reply reader under a flood: one megabyte of pipelined replies fed in 1-byte and 7-byte
// chunks, as a server that trickles or fragments its output would deliver it. Before the reader
// kept its pending bytes in one growing buffer, 7-byte chunks piled up cost ~19 s of CPU (issue 15).
import { ReplyReader } from "../../lib/smtp/reply-reader";
import { measureSync, type BenchResult, type Budget } from "./harness";

const LINE = "250 2.0.0 a pipelined reply of forty bytes\r\n";
const STREAM = Buffer.from(LINE.repeat(Math.ceil((1024 * 1024) / LINE.length)), "latin1");

/** `readAsItComes`: the reader is asked after every chunk; otherwise the megabyte piles up first (the old quadratic case). */
function feedAll(chunkBytes: number, readAsItComes: boolean): number {
  const reader = new ReplyReader({ maxLineBytes: 2048, maxReplyLines: 100 });
  let replies = 0;
  const drain = () => {
    for (let o = reader.next(); o.kind === "reply"; o = reader.next()) replies++;
  };
  for (let at = 0; at < STREAM.length; at += chunkBytes) {
    reader.feed(STREAM.subarray(at, at + chunkBytes));
    if (readAsItComes) drain();
  }
  drain();
  return replies;
}

/** Each operation is a whole megabyte, so the budget is a handful of iterations, whatever the profile. */
export function replyReaderBenchmarks(budget: Budget): BenchResult[] {
  const small: Budget = { warmup: 1, iterations: Math.min(budget.iterations, 10), maxMs: Math.max(budget.maxMs, 1500), minIterations: 2 };
  const mib = (STREAM.length / 1024 / 1024).toFixed(2);
  return [1, 7].flatMap((size) =>
    [true, false].map((asItComes) =>
      measureSync("smtp", `ReplyReader ${mib} MiB of replies in ${size}-byte chunks, ${asItComes ? "read as they come" : "piled up, then read"}`, () => feedAll(size, asItComes), small),
    ),
  );
}
