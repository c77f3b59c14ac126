// The test message the Inbound SMTP Email test sends when the user opts in (RFC 5322 headers and a
// two-line body). English by contract, whatever language the run is shown in: the reader is the
// receiving server's postmaster, who did not ask for it and must be able to tell what it is. The
// only literals in this file are that message (tests/i18n/no-english-in-lib.test.ts excludes it).
import { HELO_NAME } from "./address";

export function testMessage(to: string, now: Date, runId: string): string {
  return [
    `From: mailsec test <postmaster@${HELO_NAME}>`,
    `To: <${to}>`,
    `Subject: mailsec test message (Inbound SMTP Email test)`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${runId}@${HELO_NAME}>`,
    "Auto-Submitted: auto-generated",
    "X-Mailsec-Test: yes",
    "",
    "This is a test message sent by mailsec's Inbound SMTP Email test, at the request of",
    "someone who checked that this address can receive mail over TLS. No reply is needed.",
    "",
  ].join("\r\n");
}
