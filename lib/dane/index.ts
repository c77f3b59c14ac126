// lib/dane: TLSA records, DANE matching (RFC 7672 / RFC 7671) and the certificate report of the
// Inbound SMTP Email test. Pure functions: bytes, names and the time in; verdicts out.
export * from "./tlsa";
export * from "./match";
export * from "./certificate";
export { describeCert, parseCert, parseChain, type ChainInput, type ParsedCert, type ParsedChain } from "./cert";
export type { Observation } from "./findingText";
