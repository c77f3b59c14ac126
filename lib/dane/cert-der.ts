// The fields of an X.509 certificate (RFC 5280 §4.1) that mailsec reads straight from the DER:
// the exact SubjectPublicKeyInfo bytes a "x 1 x" TLSA record hashes (a re-encoded key may differ),
// names, dates, serial, signature algorithm and the subjectAltName entries. Signatures, issuer
// checks, host-name matching and key details stay with node:crypto's X509Certificate (OpenSSL).
import ipaddr from "ipaddr.js";
import { visibleText } from "../report/text";
import { bufferOf, checkOid, childrenOf, latin1Of, contentOf, DerError, DerTag, encodingOf, expectTag, oidOctets, oidText, readNode, stringOf, timeOf, type DerNode } from "./der";

export interface CertFields {
  /** Lower-case hex of the serial number's INTEGER octets, as they are encoded. */
  serial: string;
  /** The signature algorithm's OID, and for RSASSA-PSS the OID of its hash (SHA-1 when absent). */
  signatureOid: string;
  pssHashOid: string | null;
  /** RFC 4514-style names in the order encoded, e.g. "CN=mx.example.com, O=Example". */
  subject: string;
  issuer: string;
  /** The names compared as X.500 compares them (types, then case- and space-folded values): for issuer lookups. */
  subjectKey: string;
  issuerKey: string;
  commonNames: string[];
  notBefore: Date;
  notAfter: Date;
  /** The SubjectPublicKeyInfo exactly as encoded in the certificate (a view into the DER). */
  spki: Uint8Array;
  /** subjectAltName dNSName entries, in order. */
  dnsNames: string[];
  /** subjectAltName dNSName and iPAddress entries as text, in order (the certificate details). */
  altNames: string[];
  /**
   * False when no basicConstraints extension says cA TRUE, so OpenSSL's X509_check_ca cannot be 1
   * and nothing needs to parse the certificate to know it is no CA; true when one does or cannot
   * be read (OpenSSL then decides).
   */
  mayBeCa: boolean;
}

// Extension and attribute types are compared as their encoded octets: decoding each OID to text
// was a tenth of reading a certificate.
const SAN_OCTETS = oidOctets("2.5.29.17");
const BASIC_CONSTRAINTS_OCTETS = oidOctets("2.5.29.19");
const OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
const OID_SHA1 = "1.3.14.3.2.26";
const OID_CN = "2.5.4.3";
const CN_OCTETS = oidOctets(OID_CN);

// Short names as RFC 4514 §3 and @peculiar/x509 (which showed these names before) print them.
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.6": "C",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "E",
  "2.5.4.42": "G",
  "2.5.4.43": "I",
  "2.5.4.4": "SN",
  "2.5.4.12": "T",
};
const ATTRIBUTE_BY_OCTETS = new Map(Object.entries(ATTRIBUTE_NAMES).map(([oid, name]) => [oidOctets(oid), name]));


/** GeneralName tags inside subjectAltName (RFC 5280 §4.2.1.6, context-specific, implicit). */
const SAN_DNS = 0x82;
const SAN_IP = 0x87;

interface TbsNodes {
  serial: DerNode;
  issuer: DerNode;
  validity: DerNode;
  subject: DerNode;
  spki: DerNode;
  extensions: DerNode | undefined;
  signatureAlgorithm: DerNode | undefined;
}

/** Where the fields of tbsCertificate are; throws DerError when the outline is not RFC 5280's. */
function locate(der: Uint8Array): TbsNodes {
  const certificate = expectTag(readNode(der, 0), DerTag.SEQUENCE, "Certificate");
  if (certificate.end !== der.length) throw new DerError(`${der.length - certificate.end} octet(s) after the certificate`);
  const [tbsNode, signatureAlgorithm] = childrenOf(der, certificate);
  const tbs = childrenOf(der, expectTag(tbsNode, DerTag.SEQUENCE, "tbsCertificate"));
  let at = 0;
  if (tbs[0]?.tag === 0xa0) at++; // [0] EXPLICIT version
  const serial = expectTag(tbs[at++], DerTag.INTEGER, "serialNumber");
  expectTag(tbs[at++], DerTag.SEQUENCE, "signature");
  const issuer = expectTag(tbs[at++], DerTag.SEQUENCE, "issuer");
  const validity = expectTag(tbs[at++], DerTag.SEQUENCE, "validity");
  const subject = expectTag(tbs[at++], DerTag.SEQUENCE, "subject");
  const spki = expectTag(tbs[at++], DerTag.SEQUENCE, "subjectPublicKeyInfo");
  return { serial, issuer, validity, subject, spki, extensions: tbs.slice(at).find((n) => n.tag === 0xa3), signatureAlgorithm };
}

/** Reads the fields; throws DerError when the certificate is not the DER RFC 5280 describes. */
export function readCertFields(der: Uint8Array): CertFields {
  const { serial, issuer, validity, subject, spki, extensions, signatureAlgorithm } = locate(der);
  const times = childrenOf(der, validity);
  const [notBefore, notAfter] = times;
  if (notBefore === undefined || notAfter === undefined || times.length !== 2) throw new DerError("validity must hold two times");
  const [algorithmOid, algorithmParams] = childrenOf(der, expectTag(signatureAlgorithm, DerTag.SEQUENCE, "signatureAlgorithm"));
  const signatureOid = oidText(contentOf(der, expectTag(algorithmOid, DerTag.OID, "signature algorithm")));
  const subjectName = readName(der, subject, true);
  const issuerName = readName(der, issuer, true);
  const alt = extensions ? extensionFields(der, extensions) : { dnsNames: [], altNames: [], mayBeCa: false };
  return {
    serial: bufferOf(der, serial).toString("hex"),
    signatureOid,
    pssHashOid: signatureOid === OID_RSASSA_PSS ? pssHash(der, algorithmParams) : null,
    // Shown to people (UI, JSON, terminal): the server chose these bytes, so they pass the one
    // sanitiser; the comparison keys and the names matched against the MX host stay raw.
    subject: visibleText(subjectName.text),
    issuer: visibleText(issuerName.text),
    subjectKey: subjectName.key,
    issuerKey: issuerName.key,
    commonNames: subjectName.commonNames,
    notBefore: timeOf(der, notBefore),
    notAfter: timeOf(der, notAfter),
    spki: encodingOf(der, spki),
    ...alt,
  };
}

/** The subject's comparison key alone (CertFields.subjectKey): what indexing a root store needs. */
export function readSubjectKey(der: Uint8Array): string {
  return nameKey(der, locate(der).subject);
}

interface NameFields {
  /** RFC 4514 text; "" when not asked for. */
  text: string;
  commonNames: string[];
  /** The comparison key (nameKey). */
  key: string;
}

/**
 * Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue): its RFC 4514
 * text (when `withText`) and its comparison key, from one walk over the attributes.
 *
 * The key is the Name as OpenSSL compares names (its canonical encoding, x509_name_canon):
 * attribute types exactly, string values with ASCII case, leading and trailing white space and
 * runs of it inside ignored, other values by their encoding. Kept cheap: a CLI run indexes the
 * whole root store.
 */
function readName(der: Uint8Array, name: DerNode, withText: boolean): NameFields {
  const rdns: string[] = [];
  const keys: string[] = [];
  const commonNames: string[] = [];
  for (const rdn of childrenOf(der, name)) {
    const texts: string[] = [];
    const atvs: string[] = [];
    for (const atv of childrenOf(der, expectTag(rdn, DerTag.SET, "RelativeDistinguishedName"))) {
      const [type, value] = attribute(der, atv);
      const typeOctets = latin1Of(der, type);
      const string = stringOf(der, value);
      atvs.push(`${typeOctets}=${string === null ? latin1Of(der, { ...value, contentStart: value.start }) : foldValue(string)}`);
      if (!withText) continue;
      // A known type by its octets; any other (or an unusual encoding of one) decoded, as before.
      const known = ATTRIBUTE_BY_OCTETS.get(typeOctets);
      const oid = known === undefined ? oidText(contentOf(der, type)) : null;
      if (string !== null && (typeOctets === CN_OCTETS || oid === OID_CN)) commonNames.push(string);
      const label = known ?? (oid !== null ? (ATTRIBUTE_NAMES[oid] ?? oid) : "");
      texts.push(`${label}=${string === null ? `#${Buffer.from(encodingOf(der, value)).toString("hex")}` : escapeValue(string)}`);
    }
    keys.push(atvs.length === 1 ? (atvs[0] as string) : atvs.sort().join("+"));
    if (withText) rdns.push(texts.join("+"));
  }
  return { text: rdns.join(", "), commonNames, key: keys.join("/") };
}

function nameKey(der: Uint8Array, name: DerNode): string {
  return readName(der, name, false).key;
}

function attribute(der: Uint8Array, atv: DerNode): [DerNode, DerNode] {
  const [type, value] = childrenOf(der, expectTag(atv, DerTag.SEQUENCE, "AttributeTypeAndValue"));
  if (value === undefined) throw new DerError("an attribute has no value");
  return [expectTag(type, DerTag.OID, "attribute type"), value];
}

/** RFC 4514 §2.4 escaping of an attribute value. */
function escapeValue(value: string): string {
  // Most values need no escape: skip the four replacements then.
  if (!/[,+"\\<>;\r\n\t]|^[ #]| $/.test(value)) return value;
  return value
    .replace(/([,+"\\<>;])/g, "\\$1")
    .replace(/^([ #])/, "\\$1")
    .replace(/ $/, "\\ ")
    .replace(/[\r\n\t]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`);
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function foldValue(value: string): string {
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += " ";
    pendingSpace = false;
    out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : value[i];
  }
  return out;
}

function extensionFields(der: Uint8Array, extensionsNode: DerNode): Pick<CertFields, "dnsNames" | "altNames" | "mayBeCa"> {
  const [list] = childrenOf(der, extensionsNode);
  let san: DerNode | null = null;
  let sans = 0;
  let mayBeCa = false;
  for (const extension of childrenOf(der, expectTag(list, DerTag.SEQUENCE, "extensions"))) {
    const parts = childrenOf(der, expectTag(extension, DerTag.SEQUENCE, "Extension"));
    const id = expectTag(parts[0], DerTag.OID, "extnID");
    checkOid(contentOf(der, id));
    const octets = latin1Of(der, id);
    // An arc padded with 0x80 octets (not DER) is the same OID to a decoder: decode those.
    const oid = octets.includes("\x80") ? oidOctets(oidText(contentOf(der, id))) : octets;
    if (oid === BASIC_CONSTRAINTS_OCTETS) mayBeCa ||= claimsCa(der, parts[parts.length - 1]);
    if (oid !== SAN_OCTETS) continue;
    // RFC 5280 §4.2: one instance of an extension. OpenSSL reads none of two (its host-name check
    // then falls back to the CN), and so does this reader.
    san = expectTag(parts[parts.length - 1], DerTag.OCTET_STRING, "extnValue");
    sans++;
  }
  const names = san === null || sans > 1 ? { dnsNames: [], altNames: [] } : generalNames(der, san);
  return { ...names, mayBeCa };
}

/**
 * BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL } (RFC 5280
 * §4.2.1.9): false only when the value is read and its cA is absent or zero (OpenSSL, decoding BER,
 * takes any other octet as TRUE); anything this reader cannot walk counts as a claim.
 */
function claimsCa(der: Uint8Array, value: DerNode | undefined): boolean {
  try {
    const extnValue = expectTag(value, DerTag.OCTET_STRING, "extnValue");
    const constraints = expectTag(readNode(der, extnValue.contentStart, extnValue.end), DerTag.SEQUENCE, "BasicConstraints");
    const [first] = childrenOf(der, constraints);
    if (first?.tag !== DerTag.BOOLEAN) return false;
    return first.end - first.contentStart !== 1 || der[first.contentStart] !== 0;
  } catch {
    return true;
  }
}

function generalNames(der: Uint8Array, value: DerNode): Pick<CertFields, "dnsNames" | "altNames"> {
  const names = expectTag(readNode(der, value.contentStart, value.end), DerTag.SEQUENCE, "GeneralNames");
  const dnsNames: string[] = [];
  const altNames: string[] = [];
  for (const general of childrenOf(der, names)) {
    if (general.tag === SAN_DNS) {
      const text = latin1Of(der, general);
      dnsNames.push(text);
      // Letters, digits, '.', '-', '_' and '*' are what names hold, and none of them is one the sanitiser changes.
      altNames.push(/^[A-Za-z0-9.*_-]*$/.test(text) ? text : visibleText(text));
    } else if (general.tag === SAN_IP && (general.end - general.contentStart === 4 || general.end - general.contentStart === 16)) {
      altNames.push(ipaddr.fromByteArray([...contentOf(der, general)]).toString());
    }
  }
  return { dnsNames, altNames };
}

/** RSASSA-PSS-params (RFC 4055 §3.1): hashAlgorithm [0] EXPLICIT, SHA-1 when absent. */
function pssHash(der: Uint8Array, params: DerNode | undefined): string {
  if (params === undefined || params.tag !== DerTag.SEQUENCE) return OID_SHA1;
  const hash = childrenOf(der, params).find((n) => n.tag === 0xa0);
  if (hash === undefined) return OID_SHA1;
  const [algorithm] = childrenOf(der, hash);
  const [oid] = childrenOf(der, expectTag(algorithm, DerTag.SEQUENCE, "PSS hashAlgorithm"));
  return oidText(contentOf(der, expectTag(oid, DerTag.OID, "PSS hash")));
}
