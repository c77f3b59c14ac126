// The host names of Exchange Online's inbound mail, as the seed describes them. The MX token is the
// domain with its dots turned into hyphens (contoso.com -> contoso-com). The seed states that rule
// for plain names only; for a domain that already holds a hyphen, or whose token would not fit in
// one 63-octet label, Microsoft issues tokens the seed does not describe (hyphens dropped, a
// suffix added), so a token is predicted only when the rule is known to hold, and names are
// recognised by their shape, never by a guessed token.

/** The legacy MX names: `<token>.mail.protection.outlook.com` and its older or national siblings. */
export const LEGACY_SUFFIXES = ["mail.protection.outlook.com", "mail.eo.outlook.com", "mail.protection.outlook.de"] as const;

/** The zone of the new, DNSSEC-signed MX names: `<token>.<label>.mx.microsoft`. */
export const NEW_MX_ZONE = "mx.microsoft";

/** The tenant's initial domains; Microsoft does not offer inbound DANE for them. */
export const INITIAL_DOMAIN_ZONE = "onmicrosoft.com";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower case, no trailing dot: the form every comparison here uses. */
export function bareName(name: string): string {
  return name.trim().replace(/\.$/, "").toLowerCase();
}

const under = (name: string, zone: string): boolean => name === zone || name.endsWith(`.${zone}`);

/** The seed's MX token of a domain, or null when the seed's rule does not say what Microsoft issues. */
export function mxToken(domain: string): string | null {
  const name = bareName(domain);
  if (name.includes("-")) return null;
  const token = name.replaceAll(".", "-");
  return LABEL.test(token) ? token : null;
}

/** The legacy MX name for a domain, when its token is predictable. */
export function legacyMxName(domain: string): string | null {
  const token = mxToken(domain);
  return token === null ? null : `${token}.${LEGACY_SUFFIXES[0]}`;
}

export function isLegacyMx(host: string): boolean {
  const name = bareName(host);
  return LEGACY_SUFFIXES.some((suffix) => under(name, suffix));
}

/** `<token>.<label>.mx.microsoft`: exactly two labels, each a valid host label, above the zone. */
export function isNewMxShape(host: string): boolean {
  const name = bareName(host);
  if (!name.endsWith(`.${NEW_MX_ZONE}`)) return false;
  const labels = name.slice(0, -(NEW_MX_ZONE.length + 1)).split(".");
  return labels.length === 2 && labels.every((l) => LABEL.test(l));
}

export function isInitialDomain(domain: string): boolean {
  return under(bareName(domain), INITIAL_DOMAIN_ZONE);
}

/**
 * The new-style MX among the domain's MX hosts when no DnssecMxValue was given: the one whose
 * first label is the predicted token if there is one, else the first of that shape.
 */
export function findNewMx(domain: string, hosts: readonly string[]): string | null {
  const candidates = hosts.map(bareName).filter(isNewMxShape);
  const token = mxToken(domain);
  return candidates.find((h) => token !== null && h.startsWith(`${token}.`)) ?? candidates[0] ?? null;
}

/**
 * Signs in the domain's own TXT records that it is verified for Microsoft 365: the `MS=ms…`
 * verification token, or an SPF record that includes Exchange Online's senders.
 */
export function verifiedForMicrosoft(apexTexts: readonly string[]): boolean {
  return apexTexts.some((text) => {
    const t = text.trim().toLowerCase();
    return /^ms=ms\d+$/.test(t) || (t.startsWith("v=spf1") && /\binclude:spf\.protection\.outlook\.com\b/.test(t));
  });
}
