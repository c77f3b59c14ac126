// The three tests as the picker and the test pages present them.
import type { TestKind } from "@/lib/report/schema";

export interface TestInfo {
  kind: TestKind;
  name: string;
  blurb: string;
  inputLabel: string;
  placeholder: string;
}

export const TESTS: readonly TestInfo[] = [
  {
    kind: "inbound",
    name: "Inbound SMTP Email",
    blurb:
      "Finds the mail servers of a domain, connects to every MX address on port 25 and checks the greeting, EHLO, STARTTLS and the certificate, as a sending server would.",
    inputLabel: "Domain or e-mail address",
    placeholder: "example.com or user@example.com",
  },
  {
    kind: "dane",
    name: "DANE Validation (including DNSSEC)",
    blurb:
      "Validates the DNSSEC chain of the MX and TLSA records and matches each MX host's certificate against its TLSA records (RFC 7672), with the Exchange Online outcome beside the verdict.",
    inputLabel: "Domain or e-mail address",
    placeholder: "example.com or user@example.com",
  },
  {
    kind: "dnssec",
    name: "DNSSEC Validation",
    blurb:
      "Follows the chain of trust from the root to a domain's MX records and says whether the answer is secure, insecure or bogus, and why.",
    inputLabel: "Domain name",
    placeholder: "example.com",
  },
];

export function testInfo(kind: TestKind): TestInfo {
  const info = TESTS.find((t) => t.kind === kind);
  if (!info) throw new Error(`unknown test ${kind}`);
  return info;
}
