// The public face of lib/dns: names, RDATA, zone files, messages, the network transport and the
// per-run cache. Deeper modules may be imported directly; these are the names we keep stable.
export * from "./types";
export { NameError, WireError, wireProblemCode, type WireProblem, type WireProblemKind, type WireSection, type WireWhere } from "./errors";
export {
  MAX_LABEL_OCTETS,
  MAX_NAME_OCTETS,
  ancestorWithLabels,
  canonicalNameWire,
  compareCanonical,
  compareCanonicalLabels,
  formatLabel,
  formatNameLabels,
  isSubdomainOf,
  joinName,
  labelCount,
  labelsToWire,
  nameLabels,
  nameToWire,
  namesEqual,
  normalizeName,
  parentName,
  parseNameLabels,
  readWireName,
  type WireNameRead,
} from "./name";
export { dnssecAlgorithmCode, rrClassName, rrTypeCode, rrTypeName, tryRrClassCode, tryRrTypeCode } from "./rrtypes";
export {
  decodeRdata,
  decodeTypeBitmap,
  encodeRdata,
  encodeTypeBitmap,
  formatCharString,
  formatRdata,
  formatRecord,
  formatRrsigTime,
  type DecodedRdata,
  type MessageContext,
} from "./rdata";
export { ZoneParseError, parseZoneFile, type ZoneParseOptions } from "./zonefile";
export {
  MAX_MESSAGE_OCTETS,
  buildQuery,
  decodeMessage,
  encodeMessage,
  encodeMessageWithin,
  queryMessage,
  questionKey,
  type EncodeOptions,
  type BuildQueryOptions,
} from "./wire";
export {
  createNetworkTransport,
  formatServer,
  parseResolvConf,
  parseResolverList,
  systemResolvers,
  type NetworkTransportOptions,
  type ResolverAddress,
} from "./transport";
export { createCachingTransport, type CacheStats, type CachingTransport, type CachingTransportOptions } from "./cache";
export { bytesEqual, compareBytes, fromBase32Hex, fromBase64, fromHex, toBase32Hex, toBase64, toHex } from "./codec";
