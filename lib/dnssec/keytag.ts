// Key tag of a DNSKEY RDATA, RFC 4034 Appendix B. A tag only narrows the search: distinct keys
// may collide, so callers try every key with the right tag.

export function keyTag(dnskeyRdata: Uint8Array): number {
  // Algorithm 1 (RSAMD5) used a different rule: bits 16..31 of the modulus tail (App. B.1).
  if (dnskeyRdata[3] === 1) {
    const n = dnskeyRdata.length;
    if (n < 4) return 0;
    return (((dnskeyRdata[n - 3] ?? 0) << 8) | (dnskeyRdata[n - 2] ?? 0)) & 0xffff;
  }
  let acc = 0;
  for (let i = 0; i < dnskeyRdata.length; i++) {
    acc += i & 1 ? (dnskeyRdata[i] ?? 0) : (dnskeyRdata[i] ?? 0) << 8;
  }
  acc += (acc >>> 16) & 0xffff;
  return acc & 0xffff;
}
