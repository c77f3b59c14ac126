// The one place a finding or a message key becomes text in a reader's language. The CLI, the
// server and the UI all call these two functions, so a stored run re-renders in any language.
//
// A text that is missing or will not format is loud: under test (vitest, or MAILSEC_I18N_STRICT=1)
// it throws, so a forgotten translation fails the suite; in production the reader gets the English
// text with the key in brackets, so nothing vanishes and the gap is visible and reportable.
import { CHAIN_SEPARATOR, parseCertChain, parseCertDescription, UNREADABLE_IN_CHAIN, type CertDescription } from "../cert-description";
import { findingSpec, referenceLink, type RenderedFinding } from "../findings";
import { cliEn } from "./en/cli";
import { enFindings } from "./en/findings";
import { enSteps } from "./en/steps";
import { formatIcu, icuArguments } from "./icu";
import { ptCli } from "./pt-PT/cli";
import { ptFindings } from "./pt-PT/findings";
import { ptSteps } from "./pt-PT/steps";
import { DEFAULT_LOCALE, type FindingTexts, type Locale, type Message, type MessageParams } from "./types";

export type { Locale } from "./types";

/** A finding as the core emits it and a result document stores it (typed or loose). */
export interface FindingInput {
  code: string;
  params: Readonly<MessageParams>;
}

export interface RenderOptions {
  /** Throw on a missing or unformattable text instead of falling back to English (default: under test). */
  strict?: boolean;
}

export class MissingTranslationError extends Error {
  override name = "MissingTranslationError";
}

/** One language's texts: finding texts by code, message texts by key (ICU MessageFormat). */
export interface LocaleTexts {
  findings: Readonly<Partial<Record<string, FindingTexts>>>;
  messages: Readonly<Partial<Record<string, string>>>;
}

const catalogues: Readonly<Record<Locale, LocaleTexts>> = {
  en: { findings: enFindings, messages: { ...enSteps, ...cliEn } },
  "pt-PT": { findings: ptFindings, messages: { ...ptSteps, ...ptCli } },
};

/** The raw texts of a language, for the completeness tests and tools; render with the functions below. */
export function catalogueFor(locale: Locale): LocaleTexts {
  return catalogues[locale];
}

function strictByDefault(): boolean {
  // `process` is absent in a browser bundle; there the fallback applies.
  const env = typeof process === "undefined" ? undefined : process.env;
  return env?.VITEST !== undefined || env?.MAILSEC_I18N_STRICT === "1";
}

function fail(strict: boolean, problem: string, fallback: () => string): string {
  if (strict) throw new MissingTranslationError(problem);
  return fallback();
}

/**
 * Formats the locale's text for `key`; when it is missing or will not format, the English text
 * with ` [key]` appended (or, should that fail too, the raw English source), so a reader always
 * sees something and the key that needs fixing.
 */
function formatOrFallBack(locale: Locale, source: string | undefined, english: string, params: Readonly<MessageParams>, key: string, strict: boolean): string {
  const englishFallback = () => {
    let text: string;
    try {
      text = formatIcu(DEFAULT_LOCALE, english, params);
    } catch {
      text = english;
    }
    return `${text} [${key}]`;
  };
  if (source === undefined) return fail(strict, `${locale} has no text for ${key}`, englishFallback);
  try {
    return formatIcu(locale, source, params);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(strict, `the ${locale} text for ${key} does not format: ${why}`, () => withPlaceholders(locale, source, params, key) ?? englishFallback());
  }
}

/**
 * A finding stored by schema version 1 has its code but no params: rather than drop to English,
 * the reader's text is shown with each missing text argument as its `{name}`, and the key. Null
 * when a missing argument is a number or date (nothing honest can stand in for it).
 */
function withPlaceholders(locale: Locale, source: string, params: Readonly<MessageParams>, key: string): string | null {
  const filled: MessageParams = { ...params };
  for (const { name, kind } of icuArguments(locale, source)) {
    if (filled[name] !== undefined) continue;
    if (kind !== "text") return null;
    filled[name] = `{${name}}`;
  }
  try {
    return `${formatIcu(locale, source, filled)} [${key}]`;
  } catch {
    return null;
  }
}

/**
 * A parameter some texts show as a clause of its own ({detail}, {problem}), which the core gives
 * as tokens and values instead (`from` names the token parameter): the clause is the text of `key`
 * over the same params, in the reader's language. A run stored before the tokens existed carries
 * the clause as written (English free text) and no token, and is shown as it was.
 */
interface DerivedParam {
  param: string;
  from: string;
  key: string;
  /** The name `key`'s text selects on, when it is not `from` (one text serves a step note and a finding). */
  as?: string;
}

// In order: a later entry may read what an earlier one derived.
const DERIVED: readonly DerivedParam[] = [
  // The SMTP probe's error (lib/smtp SmtpProblem, flattened by lib/checks smtpProblemParams): the
  // stage's words first, then the clause; {then} is smtp.tls's name for the same clause.
  { param: "smtpWaited", from: "smtpStage", key: "smtp.stage" },
  { param: "detail", from: "smtpProblem", key: "smtp.problem" },
  { param: "then", from: "smtpProblem", key: "smtp.problem" },
  // The MTA-STS policy fetch's problem (lib/policies FetchProblem), after the TLS clause above.
  { param: "problem", from: "fetchProblem", key: "mtaSts.fetchProblem" },
  // The Exchange Online forecast's hosts that could not be tested.
  { param: "detail", from: "untested", key: "exchange.untested" },
  // Why a denial proof fails (lib/dnssec DenialDetail): DENIAL_INVALID's {problem}.
  { param: "problem", from: "denial", key: "dnssec.denial" },
  // Why a zone's DNSKEY set is not authenticated (lib/dnssec zonekeys): DNSKEY_MISSING's {problem}.
  { param: "problem", from: "dnskeyProblem", key: "dnssec.dnskeyProblem" },
  // A response the validator cannot use (validator.ts): NETWORK_FAILURE's and UNEXPECTED_RESPONSE's {problem}.
  { param: "problem", from: "responseProblem", key: "dnssec.responseProblem" },
  // Why the door refuses an input (lib/checks/input.ts InputProblem): input.refused's {problem}.
  { param: "problem", from: "inputProblem", key: "input.problem" },
  // Why a query got no usable answer (lib/dns DnsTransportFailure): NETWORK_FAILURE's {problem}, over
  // {attemptsText} (LISTS). Inside one attempt of the list, a malformed response's WireProblem: where, then what.
  { param: "problem", from: "transportProblem", key: "dns.failure" },
  { param: "wireWhere", from: "part", key: "dns.wireWhere" },
  { param: "wireText", from: "wire", key: "dns.wire" },
  // Why a TLSA record is unusable (lib/dane TlsaUnusableReason): the TLSA step's note words it too.
  { param: "reason", from: "unusable", key: "tlsaRecord.unusable", as: "reason" },
  // lib/dane's noun phrases (match.ts, certificate.ts): the trust anchor first, as daneTa.broken reads {anchor}.
  { param: "anchor", from: "anchorSource", key: "dane.anchor" },
  { param: "certNames", from: "certNameList", key: "cert.presentedNames" },
  { param: "names", from: "referenceCount", key: "dane.referenceNames" },
  { param: "chain", from: "chainSent", key: "daneTa.sentChain" },
  // A certificate's signature algorithm: the certificate step's key line and CERT_SHA1_SIGNATURE.
  { param: "signature", from: "signatureScheme", key: "cert.signature" },
  { param: "algorithm", from: "signatureScheme", key: "cert.signature" },
  // Where a DANE-TA chain breaks (lib/dane match.ts ChainBreak).
  { param: "reason", from: "broken", key: "daneTa.broken" },
  // Why the WebPKI check found no path, and where the sent chain is out of order (lib/dane certificate.ts).
  { param: "reason", from: "untrusted", key: "cert.untrusted" },
  { param: "detail", from: "disorder", key: "cert.disorder" },
];

/**
 * A list param (entries of flat scalars) whose text is each entry worded by `key`, joined: the
 * entries go through DERIVED first, with `defaults` for the optional values `key`'s text selects on.
 */
interface ListParam {
  param: string;
  from: string;
  key: string;
  defaults: Readonly<MessageParams>;
}

const LISTS: readonly ListParam[] = [
  // What each try of a failed query met (lib/dns DnsAttempt): dns.failure's {attemptsText}.
  { param: "attemptsText", from: "attempts", key: "dns.attempt", defaults: { section: "", index: 0, rrType: "", field: "" } },
  // What the API refuses in a request body (lib/server/request-refusal.ts): request.refused's {requestProblemsText}.
  { param: "requestProblemsText", from: "requestProblems", key: "request.problem", defaults: { expected: "", options: "", origin: "", bound: 0, rrType: "" } },
];

/**
 * Params that name certificates in lib/report/cert-description.ts's machine form: each certificate
 * is worded by cert.described (the language's quotes, and its words for an empty subject); chainSent
 * lists several. A value that is not wholly that form is shown as written.
 */
const CERT_PARAMS: readonly string[] = ["cert", "leaf", "issuer", "child", "top", "anchorCert"];
const CERT_CHAIN_PARAMS: readonly string[] = ["chainSent"];

/** Between the entries of a list: a separator both languages write alike. */
const LIST_SEPARATOR = "; ";

/** Select params a text gained after runs were stored with it: an older run lacks them and reads as this value. */
const ADDED_SELECTS: Readonly<Record<string, string>> = {
  // detail.dnskey: "KSK (matches DS)" was one English role, now role + designated.
  designated: "no",
};

function withDerived(catalogues: Readonly<Record<Locale, LocaleTexts>>, locale: Locale, given: Readonly<MessageParams>, strict: boolean): Readonly<MessageParams> {
  let params = given;
  for (const [name, value] of Object.entries(ADDED_SELECTS)) if (params[name] === undefined) params = { ...params, [name]: value };
  let out: MessageParams | null = null;
  const certEnglish = catalogues.en.messages["cert.described"];
  const wordCert = (cert: CertDescription | null): string =>
    cert === null || certEnglish === undefined
      ? UNREADABLE_IN_CHAIN
      : formatOrFallBack(locale, catalogues[locale].messages["cert.described"], certEnglish, { subject: cert.subject, fingerprint: cert.fingerprint }, "cert.described", strict);
  for (const name of certEnglish === undefined ? [] : CERT_PARAMS) {
    const value = params[name];
    const cert = typeof value === "string" ? parseCertDescription(value) : null;
    if (cert) params = { ...params, [name]: wordCert(cert) };
  }
  for (const name of certEnglish === undefined ? [] : CERT_CHAIN_PARAMS) {
    const value = params[name];
    const chain = typeof value === "string" ? parseCertChain(value) : null;
    if (chain) params = { ...params, [name]: chain.map(wordCert).join(CHAIN_SEPARATOR) };
  }
  for (const { param, from, key, defaults } of LISTS) {
    const entries = params[from];
    if (!Array.isArray(entries) || params[param] !== undefined) continue;
    const english = catalogues.en.messages[key];
    if (english === undefined) continue;
    out ??= { ...params };
    out[param] = (entries as readonly Readonly<MessageParams>[])
      .map((entry) => formatOrFallBack(locale, catalogues[locale].messages[key], english, withDerived(catalogues, locale, { ...defaults, ...entry }, strict), key, strict))
      .join(LIST_SEPARATOR);
  }
  for (const { param, from, key, as } of DERIVED) {
    const current: Readonly<MessageParams> = out ?? params;
    const token = current[from];
    if (token === undefined || current[param] !== undefined) continue;
    const english = catalogues.en.messages[key];
    if (english === undefined) continue;
    out ??= { ...params };
    const over = as === undefined ? current : { ...current, [as]: token };
    out[param] = formatOrFallBack(locale, catalogues[locale].messages[key], english, over, key, strict);
  }
  return out ?? params;
}

export interface Renderer {
  renderFinding(locale: Locale, finding: FindingInput, options?: RenderOptions): RenderedFinding;
  renderMessage(locale: Locale, message: Message, options?: RenderOptions): string;
}

/** A renderer over given catalogues; the app uses the one below, tests build one with a gap in it. */
export function createRenderer(catalogues: Readonly<Record<Locale, LocaleTexts>>): Renderer {
  return {
    renderFinding(locale, finding, options = {}) {
      const strict = options.strict ?? strictByDefault();
      const spec = findingSpec(finding.code);
      const english = catalogues.en.findings[finding.code];
      if (!spec || !english) {
        // A stored run from another version may name a code this one does not know.
        const message = fail(strict, `unknown finding code ${finding.code}`, () => `[${finding.code}]`);
        return { code: finding.code, severity: "error", message, why: "", remediation: "", references: [] };
      }
      const texts = catalogues[locale].findings[finding.code];
      const params = withDerived(catalogues, locale, finding.params, strict);
      const field = (name: keyof FindingTexts): string => {
        // An empty English text (an informational finding has no fix) stays empty in every language.
        if (english[name] === "") return "";
        return formatOrFallBack(locale, texts?.[name], english[name], params, `${finding.code}.${name}`, strict);
      };
      const rendered: RenderedFinding = {
        code: finding.code,
        severity: spec.severity,
        message: field("message"),
        why: field("why"),
        remediation: field("remediation"),
        references: spec.references.map(referenceLink),
      };
      if (spec.ede !== undefined) rendered.ede = spec.ede;
      return rendered;
    },
    renderMessage(locale, message, options = {}) {
      const strict = options.strict ?? strictByDefault();
      const english = catalogues.en.messages[message.key];
      if (english === undefined) return fail(strict, `unknown message key ${message.key}`, () => `[${message.key}]`);
      const params = withDerived(catalogues, locale, message.params, strict);
      return formatOrFallBack(locale, catalogues[locale].messages[message.key], english, params, message.key, strict);
    },
  };
}

const renderer = createRenderer(catalogues);

/** A finding's message, why, fix (in `locale`), severity, RFC links and EDE code. */
export const renderFinding: Renderer["renderFinding"] = renderer.renderFinding;

/** A step title, summary or other keyed sentence in `locale`. */
export const renderMessage: Renderer["renderMessage"] = renderer.renderMessage;
