// The mail policies beside DANE, one card each: MTA-STS and TLS-RPT (DANE and Inbound tests), SPF,
// DMARC and the asked-for DKIM key (Inbound). Each card shows the block's verdict and facts from the
// result document, then the findings of its step with what to change, in the reader's language.
import { useLocale, useTranslations } from "next-intl";
import type { ResultDocument, Step, StepStatus } from "@/lib/report/schema";
import { toUiLocale } from "./i18n/use-ui-locale";
import { findingText, stepFindings } from "./report-text";
import { StatusIcon } from "./StatusIcon";
import { stepAnchor } from "./tree-model";

type BlockName = "mtaSts" | "tlsRpt" | "spf" | "dmarc" | "dkim";
type Verdict = "pass" | "warning" | "fail";
type RecordWord = "valid" | "invalid" | "multiple" | "absent" | "revoked";
type Field =
  | "mode"
  | "delivery"
  | "maxAge"
  | "mx"
  | "rua"
  | "text"
  | "lookups"
  | "voidLookups"
  | "all"
  | "authorises"
  | "policy"
  | "subdomainPolicy"
  | "recordDomain"
  | "pct"
  | "reportDestinations"
  | "selector"
  | "keyType"
  | "keyBits"
  | "keys";
type Words = (key: string) => string;

interface Card {
  name: BlockName;
  stepId: string;
  verdict: Verdict;
  record: RecordWord;
  facts: [label: Field, value: string][];
}

const STEP_OF: Record<BlockName, string> = { mtaSts: "mta-sts", tlsRpt: "tls-rpt", spf: "spf", dmarc: "dmarc", dkim: "dkim" };

function statusOf(card: Card): StepStatus {
  if (card.verdict === "fail") return "error";
  if (card.verdict === "warning") return "warning";
  return card.record === "absent" ? "info" : "success";
}

/** The facts a card lists, as label keys and values (values are protocol tokens, shown as written; one line per item). */
function cards(result: ResultDocument, none: string, t: Words): Card[] {
  const out: Card[] = [];
  const or = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? none : String(v));
  const { mtaSts, tlsRpt, spf, dmarc, dkim } = result;
  if (mtaSts) {
    out.push({ name: "mtaSts", stepId: STEP_OF.mtaSts, verdict: mtaSts.verdict, record: mtaSts.record, facts: [["mode", or(mtaSts.mode)], ["delivery", mtaSts.delivery], ["maxAge", or(mtaSts.maxAge)], ["mx", or(mtaSts.mx?.join(", "))]] });
  }
  if (tlsRpt) out.push({ name: "tlsRpt", stepId: STEP_OF.tlsRpt, verdict: tlsRpt.verdict, record: tlsRpt.record, facts: [["rua", or(tlsRpt.rua.join(", "))]] });
  if (spf) {
    // What each a and mx term authorises: its hosts and their networks (RFC 7208 §5.3, §5.4).
    const authorises = (spf.mechanisms ?? []).map((m) => `${m.term}: ${m.hosts.length === 0 ? none : m.hosts.map((h) => `${h.name} ${h.networks.length > 0 ? h.networks.join(", ") : none}`).join("; ")}`);
    out.push({
      name: "spf",
      stepId: STEP_OF.spf,
      verdict: spf.verdict,
      record: spf.record,
      facts: [["text", or(spf.text)], ["lookups", `${spf.lookups} / 10`], ["voidLookups", `${spf.voidLookups} / 2`], ["all", or(spf.all)], ...(authorises.length > 0 ? [["authorises", authorises.join("\n")] as [Field, string]] : [])],
    });
  }
  if (dmarc) {
    out.push({
      name: "dmarc",
      stepId: STEP_OF.dmarc,
      verdict: dmarc.verdict,
      record: dmarc.record,
      facts: [
        ["policy", or(dmarc.policy)],
        ["subdomainPolicy", or(dmarc.subdomainPolicy)],
        ["recordDomain", or(dmarc.recordDomain)],
        ["pct", or(dmarc.pct ?? (dmarc.record === "valid" ? 100 : null))],
        ["rua", or(dmarc.rua.join(", "))],
        // RFC 7489 §7.1: whether each outside destination agreed to take the reports.
        ...(dmarc.reportDestinations?.length
          ? [["reportDestinations", dmarc.reportDestinations.map((d) => `${d.host}: ${t(`destination.${d.authorized === null ? "unknown" : d.authorized ? "authorized" : "unauthorized"}`)}`).join("\n")] as [Field, string]]
          : []),
      ],
    });
  }
  if (dkim) {
    // Several key records: each one, since a verifier may use any (RFC 6376 §3.6.2.2).
    const keys = (dkim.keys ?? []).map((k, i) => `${i + 1}. ${k.record === "valid" ? `${or(k.keyType)} ${or(k.keyBits)}` : t(`record.${k.record}`)}: ${t(`verdict.${k.verdict}`)}`);
    out.push({
      name: "dkim",
      stepId: STEP_OF.dkim,
      verdict: dkim.verdict,
      record: dkim.record,
      facts: [["selector", dkim.selector], ["keyType", or(dkim.keyType)], ["keyBits", or(dkim.keyBits)], ...(keys.length > 0 ? [["keys", keys.join("\n")] as [Field, string]] : [])],
    });
  }
  return out;
}

function CardView({ card, step }: { card: Card; step: Step | undefined }) {
  const t = useTranslations("policies");
  const locale = toUiLocale(useLocale());
  const findings = (step ? stepFindings(step) : []).map((f) => findingText(locale, f)).filter((f) => f !== null);
  const title = t(`block.${card.name}`);
  return (
    <section className="rounded-md border border-slate-300 bg-white p-3" aria-label={title} data-testid={`policy-${card.name}`} data-verdict={card.verdict}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">
          <a href={stepAnchor(card.stepId)} className="hover:underline">
            {title}
          </a>
        </h3>
        <StatusIcon status={statusOf(card)} label={t(`verdict.${card.verdict}`)} />
      </div>
      <p className="mt-1 text-sm">{t(`record.${card.record}`)}</p>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {card.facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{t(`field.${label}`)}</dt>
            <dd className="whitespace-pre-line break-words font-mono [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
      {findings.length > 0 && (
        <ul className="mt-2 space-y-2 text-sm">
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} data-severity={f.severity} className="border-l-4 border-slate-300 pl-2 data-[severity=error]:border-red-500 data-[severity=warning]:border-amber-500">
              {f.message && <p>{f.message}</p>}
              {f.remediation && (
                <p className="mt-0.5 text-slate-700">
                  <span className="font-semibold">{t("fix")} </span>
                  {f.remediation}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PolicyBlocks({ result, steps }: { result: ResultDocument; steps: ReadonlyMap<string, Step> }) {
  const t = useTranslations("policies");
  // The cards word a few tokens (a destination's consent, a key's record and verdict) with the section's keys.
  const list = cards(result, t("none"), (key) => t(key as Parameters<typeof t>[0]));
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="policy-heading" data-testid="policies" className="space-y-2">
      <h2 id="policy-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-700">{t(result.test === "inbound" ? "introInbound" : "introDane")}</p>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 md:grid-cols-2">
        {list.map((card) => (
          <CardView key={card.name} card={card} step={steps.get(card.stepId)} />
        ))}
      </div>
    </section>
  );
}
