// SMTP TLS Reporting (RFC 8460 §3): the `_smtp._tls.<domain>` TXT record that tells senders where
// to report failed TLS and DANE/MTA-STS negotiations. Pure: the TXT answer in; the record's state,
// its report URIs and the findings out. A broken record loses the reports, never the mail.
import { policyFinding, type PolicyFinding } from "../report/findings/policies";
import { worst, type BlockVerdict, type RecordState } from "./mta-sts";
import { isHostName, readTaggedRecord, recordsTagged, type TxtAnswer } from "./txt";

export const TLSRPT_RECORD_PREFIX = "_smtp._tls";

/** The result document's `tlsRpt` block, plus the findings behind it. */
export interface TlsRptAssessment {
  record: RecordState;
  rua: string[];
  verdict: BlockVerdict;
  findings: PolicyFinding[];
}

const MAX_URIS = 20;

/** Why a rua URI is not one a sender can use, or null: `mailto:` with an address, or `https:` with a host. */
export function ruaProblem(uri: string): { bare: true } | { bare: false; problem: string } | null {
  const colon = uri.indexOf(":");
  const scheme = colon > 0 ? uri.slice(0, colon).toLowerCase() : "";
  if (scheme !== "mailto" && scheme !== "https") {
    if (colon < 0 && uri.includes("@")) return { bare: true };
    return { bare: false, problem: "scheme" };
  }
  if (scheme === "mailto") {
    // RFC 6068: the address part before any "?"; commas between addresses would be %2C (RFC 8460 §3).
    const address = decodeURIComponentSafe(uri.slice(colon + 1).split("?")[0] ?? "");
    const at = address.lastIndexOf("@");
    if (at <= 0 || !isHostName(address.slice(at + 1).replace(/^\[.*\]$/, "x"))) return { bare: false, problem: "mailto-address" };
    return null;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { bare: false, problem: "https-url" };
  }
  if (url.hostname === "" || !uri.toLowerCase().startsWith("https://")) return { bare: false, problem: "https-url" };
  return null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function assessTlsRpt(answer: TxtAnswer, domain: string): TlsRptAssessment {
  if (answer.outcome === "failed") {
    return { record: "invalid", rua: [], verdict: "warning", findings: [policyFinding("POLICY_TXT_LOOKUP_FAILED", { name: answer.name, status: answer.status })] };
  }
  const records = recordsTagged(answer.texts, "v=TLSRPTv1");
  if (records.length === 0) return { record: "absent", rua: [], verdict: "pass", findings: [policyFinding("TLSRPT_RECORD_ABSENT", { domain })] };
  if (records.length > 1) {
    return { record: "multiple", rua: [], verdict: "warning", findings: [policyFinding("TLSRPT_RECORD_MULTIPLE", { name: answer.name, count: records.length })] };
  }
  const record = records[0]!;
  const invalid = (finding: PolicyFinding, rua: string[] = []): TlsRptAssessment => ({ record: "invalid", rua, verdict: worst("pass", [finding]), findings: [finding] });
  const syntax = (problem: string) => invalid(policyFinding("TLSRPT_RECORD_SYNTAX", { name: answer.name, record, problem }));
  const read = readTaggedRecord(record, "v=TLSRPTv1", ["rua"]);
  if (!read.ok) return syntax(read.problem);
  const ruaText = read.fields.get("rua");
  const rua = ruaText === undefined ? null : ruaText.split(",").map((u) => u.replace(/^[ \t]+|[ \t]+$/g, "")).slice(0, MAX_URIS);
  if (rua === null) return invalid(policyFinding("TLSRPT_RUA_MISSING", { name: answer.name }));
  const findings: PolicyFinding[] = [];
  for (const uri of rua) {
    const problem = ruaProblem(uri);
    if (problem === null) continue;
    findings.push(problem.bare ? policyFinding("TLSRPT_RUA_BARE_ADDRESS", { uri }) : policyFinding("TLSRPT_RUA_INVALID", { uri, problem: problem.problem }));
  }
  // Some good URI among bad ones still gets reports; none at all makes the record useless.
  const good = rua.length - findings.length;
  return { record: good > 0 ? "valid" : "invalid", rua, verdict: worst("pass", findings), findings };
}
