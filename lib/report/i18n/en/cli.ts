// English texts of the terminal report's own lines (bin/render.ts): the banner, the forecast and
// the labels around findings. Steps and findings have their own catalogues. ICU MessageFormat.
// (A file of H4's inside en/, beside H3's: the CLI chrome is part of the English catalogue.)
export const cliEn = {
  "cli.test.dane": "DANE Validation (including DNSSEC)",
  "cli.test.inbound": "Inbound SMTP Email",
  "cli.test.dnssec": "DNSSEC Validation",
  "cli.test.exchange": "Exchange Online inbound DANE readiness",
  "cli.heading": "{test} — {domain}",
  "cli.headingWithInput": "{test} — {domain} (input: {input})",
  "cli.banner": "{verdict, select, pass {Test successful} warning {Test successful with warnings} other {Test failed}}",
  "cli.verdictLine":
    "RFC 7672 verdict: {verdict, select, pass {pass} warning {warning} other {fail}}; DNSSEC of the MX records: {dnssec, select, secure {secure} insecure {insecure} bogus {bogus} other {indeterminate}}",
  "cli.dnssecLine": "DNSSEC status: {dnssec, select, secure {secure} insecure {insecure} bogus {bogus} other {indeterminate}}",
  "cli.ran": "Ran {startedAt, date, instant}",
  "cli.ranTo": "Ran {startedAt, date, instant} to {finishedAt, date, instant}",
  "cli.exchange": "Exchange Online: {outcome, select, deliver {deliver} defer {defer} no_mail {no mail} other {inconclusive}}",
  "cli.retry": "Exchange Online retries after 15 minutes, again 15 minutes later, then every hour; after 24 hours it gives up and returns a non-delivery report to the sender.",
  "cli.why": "Why: {text}",
  "cli.fix": "Fix: {text}",
  "cli.see": "See: {links}",
  "cli.details": "Additional details ({ms, number} ms):",
  "cli.progress": "{count, plural, one {# step done} other {# steps done}}: {title}",
  "cli.couldNotRun": "mailsec: the test could not run: {reason}",
  "cli.batchRefused": "mailsec: input {n} refused: {input}: {problem}",
} as const;

export type CliKey = keyof typeof cliEn;
