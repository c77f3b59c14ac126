// The SMTP client's public surface: the probe, its result types, the SSRF guard and the parser.
export { probeSmtp, dotStuff } from "./client";
export { checkTarget, type GuardVerdict, type GuardOptions } from "./guard";
export { ReplyReader, ehloExtensions, hasExtension, formatReply, type ReadOutcome, type ReplyReadError, type ReplyReaderLimits } from "./reply-reader";
export { handshakeProblem, sentChain } from "./tls-upgrade";
export * from "./types";
