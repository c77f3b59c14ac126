"use client";
// The chain of trust drawn as DNSViz made familiar: zones as boxes with their DS records and
// DNSKEYs (role, key tag, algorithm), DS → DNSKEY edges, RRSIG edges from the signing key to what
// it signs. Only what breaks the chain is red; every colour also has a line style and a word, and
// the same facts are listed as text for screen readers and print. Downloadable as SVG.
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef } from "react";
import type { TrustChain } from "@/lib/report/trust-chain";
import { buildChainGraph, nodeTextFrom, type GraphEdge, type Tone } from "./chain-graph";
import { toUiLocale } from "./i18n/use-ui-locale";
import { messageText } from "./report-text";

// Presentation attributes, not classes: the downloaded SVG must look the same on its own.
const STROKE: Record<Tone, string> = { ok: "#15803d", warn: "#b45309", broken: "#b91c1c", neutral: "#64748b" };
const FILL: Record<Tone, string> = { ok: "#f0fdf4", warn: "#fffbeb", broken: "#fef2f2", neutral: "#f8fafc" };
const DASH: Record<Tone, string | undefined> = { ok: undefined, warn: "5 3", broken: "2 2", neutral: "4 4" };

function path(edge: GraphEdge): string {
  return edge.points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

function middle(edge: GraphEdge): { x: number; y: number } {
  return edge.points[Math.floor(edge.points.length / 2)] ?? { x: 0, y: 0 };
}

export function TrustChainPicture({ chain, domain }: { chain: TrustChain; domain: string }) {
  const t = useTranslations("chain");
  const locale = toUiLocale(useLocale());
  const svgRef = useRef<SVGSVGElement>(null);
  // The boxes' lines in the reader's language (messages/<locale>.json chain.node).
  const graph = useMemo(() => buildChainGraph(chain, nodeTextFrom(t)), [chain, t]);
  if (chain.zones.length === 0 || graph.width === 0) return null;
  // lib/dnssec's problem tokens ("not-yet-valid") as ICU select keys ("not_yet_valid").
  const problem = (token: string | null | undefined) => t("problem", { problem: (token ?? "malformed").replace(/-/g, "_") });
  const broken = graph.edges.filter((e) => e.tone === "broken").length + graph.nodes.filter((n) => n.kind === "missing").length;

  const download = () => {
    const svg = svgRef.current;
    if (!svg) return;
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${domain.replace(/[^A-Za-z0-9.-]/g, "_")}-chain-of-trust.svg`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-labelledby="chain-heading" className="chain-picture rounded-md border border-slate-300 bg-white p-3" data-testid="trust-chain" data-broken={broken}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="chain-heading" className="mr-auto text-lg font-semibold">
          {t("heading")}
        </h2>
        <button type="button" onClick={download} className="no-print rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100">
          {t("download")}
        </button>
      </div>
      <p className="mb-2 text-sm text-slate-700">{broken > 0 ? t("brokenLead", { count: broken }) : t("okLead")}</p>
      <div className="overflow-x-auto">
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          width={graph.width}
          height={graph.height}
          className="mx-auto block h-auto max-w-full"
          role="img"
          aria-labelledby="chain-title chain-desc"
          fontFamily="ui-sans-serif, system-ui, sans-serif"
          fontSize="11"
        >
          <title id="chain-title">{t("title", { domain })}</title>
          <desc id="chain-desc">{t("desc")}</desc>
          <defs>
            {(Object.keys(STROKE) as Tone[]).map((tone) => (
              <marker key={tone} id={`arrow-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill={STROKE[tone]} />
              </marker>
            ))}
          </defs>
          {graph.zones.map((zone) => (
            <g key={zone.name} data-zone={zone.name} data-status={zone.tone}>
              <rect x={zone.x - zone.width / 2} y={zone.y - zone.height / 2} width={zone.width} height={zone.height} rx="6" fill="#f8fafc" stroke={STROKE[zone.tone]} strokeWidth="1.5" strokeDasharray={DASH[zone.tone]} />
              <text x={zone.x - zone.width / 2 + 4} y={zone.y - zone.height / 2 - 6} fontWeight="600" fontSize="12" fill="#0f172a">
                {zone.name} · {t(`zoneStatus.${zone.status}`)}
              </text>
            </g>
          ))}
          {graph.edges.map((edge) => (
            <g key={edge.id} data-edge={edge.kind} data-status={edge.tone}>
              <path d={path(edge)} fill="none" stroke={STROKE[edge.tone]} strokeWidth={edge.tone === "broken" ? 2.5 : 1.3} strokeDasharray={DASH[edge.tone]} markerEnd={`url(#arrow-${edge.tone})`} />
              {edge.label && (
                <text x={middle(edge).x + 4} y={middle(edge).y - 3} fill={STROKE[edge.tone]} fontWeight="600" fontSize="10">
                  {edge.tone === "broken" ? "✗ " : "! "}
                  {problem(edge.label)}
                </text>
              )}
            </g>
          ))}
          {graph.nodes.map((node) => (
            <g key={node.id} data-node={node.kind} data-status={node.tone}>
              <rect
                x={node.x - node.width / 2}
                y={node.y - node.height / 2}
                width={node.width}
                height={node.height}
                rx={node.kind === "rrset" ? 2 : 10}
                fill={FILL[node.tone]}
                stroke={STROKE[node.tone]}
                strokeWidth={node.tone === "broken" ? 2.5 : 1.2}
                strokeDasharray={node.kind === "missing" ? "4 3" : undefined}
              />
              <text x={node.x} y={node.y - 3} textAnchor="middle" fontWeight="600" fill="#0f172a">
                {node.lines[0]}
              </text>
              <text x={node.x} y={node.y + 11} textAnchor="middle" fill="#334155" fontSize="10">
                {node.lines[1]}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
        <span>
          <span className="font-semibold text-green-700">━</span> {t("legend.ok")}
        </span>
        <span>
          <span className="font-semibold text-amber-700">╍</span> {t("legend.warn")}
        </span>
        <span>
          <span className="font-semibold text-red-700">┅ ✗</span> {t("legend.broken")}
        </span>
      </p>
      <details className="chain-text mt-2 text-sm">
        <summary className="cursor-pointer text-blue-700">{t("textVersion")}</summary>
        <ol className="mt-1 ml-5 list-decimal space-y-1">
          {chain.zones.map((zone) => (
            <li key={zone.name}>
              <span className="font-mono">{zone.name}</span> — {t(`zoneStatus.${zone.status}`)}
              <ul className="ml-4 list-disc">
                {zone.ds.map((ds) => (
                  <li key={`ds-${ds.keyTag}-${ds.algorithm}-${ds.digestType}`}>
                    {t(ds.matched ? "text.dsMatched" : "text.dsUnmatched", { anchor: zone.anchor ? "yes" : "no", tag: ds.keyTag, alg: ds.algorithm })}
                  </li>
                ))}
                {zone.keys.map((key) => (
                  <li key={`key-${key.keyTag}-${key.algorithm}`}>{t("text.key", { role: key.role, tag: key.keyTag, alg: key.algorithm })}</li>
                ))}
                {zone.signatures.map((sig, i) => (
                  <li key={`sig-${i}`} className={sig.breaksChain ? "font-semibold text-red-800" : undefined}>
                    {t(sig.valid ? "text.sigValid" : sig.breaksChain ? "text.sigBroken" : "text.sigInvalid", { rrset: sig.rrset, tag: sig.keyTag, problem: problem(sig.problem) })}
                  </li>
                ))}
                {zone.note && <li>{typeof zone.note === "string" ? zone.note : messageText(locale, zone.note)}</li>}
              </ul>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
