// The findings catalogue: every code mailsec can report, gathered from the area files, and the
// one place that turns a Finding (code + params) into the text a person reads.
import { certificateFindings } from "./certificate";
import { daneFindings } from "./dane";
import { dnssecFindings } from "./dnssec";
import { exchangeFindings } from "./exchange";
import { generalFindings } from "./general";
import { smtpFindings } from "./smtp";
import type { Finding, FindingDefinition, FindingParams, RfcReference, Severity } from "./types";

export type { Finding, FindingDefinition, FindingParams, RfcReference, Severity } from "./types";

const allDefinitions: FindingDefinition[] = [
  ...generalFindings,
  ...dnssecFindings,
  ...daneFindings,
  ...certificateFindings,
  ...smtpFindings,
  ...exchangeFindings,
];

function indexByCode(definitions: FindingDefinition[]): Map<string, FindingDefinition> {
  const byCode = new Map<string, FindingDefinition>();
  for (const definition of definitions) {
    // Two areas claiming one code would make a rendered message depend on import order.
    if (byCode.has(definition.code)) throw new Error(`duplicate finding code ${definition.code}`);
    byCode.set(definition.code, definition);
  }
  return byCode;
}

const catalogue = indexByCode(allDefinitions);

export function allFindingDefinitions(): readonly FindingDefinition[] {
  return allDefinitions;
}

export function findingDefinition(code: string): FindingDefinition | undefined {
  return catalogue.get(code);
}

export interface RenderedReference {
  label: string;
  url: string;
}

export interface RenderedFinding {
  code: string;
  severity: Severity;
  message: string;
  why: string;
  remediation: string;
  references: RenderedReference[];
  ede?: number;
}

export function referenceLink(reference: RfcReference): RenderedReference {
  const section = reference.section.trim();
  const label = section ? `RFC ${reference.rfc} §${section}` : `RFC ${reference.rfc}`;
  // rfc-editor anchors: "section-3.1.3", appendices "appendix-B".
  const anchor = !section ? "" : /^[A-Z](\.|$)/.test(section) ? `#appendix-${section}` : `#section-${section}`;
  return { label, url: `https://www.rfc-editor.org/rfc/rfc${reference.rfc}${anchor}` };
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fillTemplate(template: string, params: FindingParams): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Renders a finding; an unknown code still renders, as an error naming the code, so nothing is silently dropped. */
export function renderFinding(finding: Finding): RenderedFinding {
  const definition = catalogue.get(finding.code);
  if (!definition) {
    return {
      code: finding.code,
      severity: "error",
      message: `Unknown finding ${finding.code}`,
      why: "",
      remediation: "",
      references: [],
    };
  }
  const rendered: RenderedFinding = {
    code: definition.code,
    severity: definition.severity,
    message: fillTemplate(definition.message, finding.params),
    why: fillTemplate(definition.why, finding.params),
    remediation: fillTemplate(definition.remediation, finding.params),
    references: definition.references.map(referenceLink),
  };
  if (definition.ede !== undefined) rendered.ede = definition.ede;
  return rendered;
}
