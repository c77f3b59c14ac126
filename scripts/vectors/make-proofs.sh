#!/usr/bin/env bash
# Builds tests/vectors/proofs/: zones signed by BIND's dnssec-signzone for the denial-proof tests
# (tests/dnssec/denial-proofs.test.ts), plus forged.zone: the few records an attack needs that no
# signer would make, signed with the zone's own key by dnspython (scripts/vectors/resign.py).
# Everything else a test serves is either the signed zones as they are or their records copied
# unchanged into a crafted answer (a wildcard-expanded RRset keeps the wildcard's RRSIG: that
# is the attack). Needs bind9-utils and python3-dnspython (Debian). Keys are throwaway; the
# private parts are deleted. Windows 2026-01-01 .. 2037-01-01.
#
#   .            root, default style
#   wild.        NSEC: *.w (wildcard), real.w (A, TLSA; its own name), host.real.w, the signed
#                delegation sub.w (DS), *.dn (a wildcard DNAME), tgt, the empty non-terminal e
#                (above x.e), alias -> www.unsig.wild. and alias-nx -> nx.unsig.wild. into the
#                unsigned delegation unsig (no DS)
#   sub.w.wild.  the signed child
#   unsig.wild.  unsigned, served without signatures
#   optout.      NSEC3 with opt-out on every record (dnssec-signzone -3 - -A, 0 iterations, no
#                salt): *.w, www (A, TXT), unsigned delegations d1..d6 and i.e under the empty
#                non-terminal e (left out of the chain by opt-out)
#   forged.zone  wild. NSEC zzz. (a span that leaves the zone, signed by wild.'s ZSK) and
#                *.optout. NSEC3 re-owned at H(www.optout.) (a wildcard-expanded NSEC3, signed by
#                optout.'s ZSK)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/vectors/bind-lib.sh
. "$HERE/bind-lib.sh"
setup proofs
TLSA="3 1 1 8BD1DA95272F7FA4FFB24137FC0ED03AAE67E5C4D8B3C50734E1050A7920B922"
zone_head() { printf '$ORIGIN %s\n$TTL 3600\n@ IN SOA ns1 hostmaster 2026120101 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n' "$1"; }
keys() { (cd "$1" && key "$2" ECDSAP256SHA256 KSK >/dev/null && key "$2" ECDSAP256SHA256 > zsk); }

mkdir sub; { zone_head sub.w.wild.; echo 'www IN A 192.0.2.20'; } > sub/unsigned
keys sub sub.w.wild.; sign sub.w.wild. sub ""
grep -v '^;' sub/signed > "$OUT/sub.w.wild.zone"

mkdir wild
{
  zone_head wild.
  cat <<ZONE
*.w          IN A     192.0.2.7
real.w       IN A     192.0.2.8
real.w       IN TLSA  $TLSA
host.real.w  IN A     192.0.2.9
sub.w        IN NS    ns1.sub.w
ns1.sub.w    IN A     192.0.2.1
*.dn         IN DNAME tgt.wild.
x.tgt        IN A     192.0.2.10
x.e          IN A     192.0.2.11
alias        IN CNAME www.unsig.wild.
alias-nx     IN CNAME nx.unsig.wild.
unsig        IN NS    ns1.unsig
ns1.unsig    IN A     192.0.2.1
ZONE
  ksk_ds sub
} > wild/unsigned
keys wild wild.; sign wild. wild ""
grep -v '^;' wild/signed > "$OUT/wild.zone"

{ zone_head unsig.wild.; echo 'www IN A 192.0.2.30'; } > "$OUT/unsig.wild.zone"

mkdir optout
{
  zone_head optout.
  echo "*.w IN A 192.0.2.7"
  echo "www IN A 192.0.2.40"
  echo 'www IN TXT "exists"'
  for i in 1 2 3 4 5 6; do echo "d$i IN NS ns.elsewhere.example."; done
  echo "i.e IN NS ns.elsewhere.example."
} > optout/unsigned
keys optout optout.; sign optout. optout "-3 - -H 0 -A"
grep -v '^;' optout/signed > "$OUT/optout.zone"

: > ds; ksk_ds wild >> ds; ksk_ds optout >> ds
make_root "$WORK" "$OUT" ds wild. optout.
manifest "$OUT" wild. sub.w.wild. unsig.wild. optout.
# unsig.wild. is served unsigned.
sed -i 's#{"origin": "unsig.wild.", "file": "unsig.wild.zone"}#{"origin": "unsig.wild.", "file": "unsig.wild.zone", "unsigned": true}#' "$OUT/manifest.json"

# forged.zone: the records no signer would publish, signed with the zone's own ZSK.
wwwhash=$(/usr/bin/python3 -c 'import dns.dnssec,sys; print(dns.dnssec.nsec3_hash("www.optout.", None, 0, 1).lower())')
nsec3=$(awk -v h="$wwwhash.optout." 'tolower($1) == h && $4 == "NSEC3" {print $5, $6, $7, $8, $9}' optout/signed)
{
  echo "; A span that leaves the signer's zone (next name zzz. is outside wild.), signed by wild.'s ZSK."
  echo "wild. 300 IN NSEC zzz. NS SOA RRSIG NSEC DNSKEY" | /usr/bin/python3 "$HERE/resign.py" wild. "wild/$(cat wild/zsk)" "$INCEPTION" "$EXPIRATION"
  echo "; A wildcard-expanded NSEC3: signed at *.optout. (RRSIG labels 1), served at H(www.optout.)."
  echo "*.optout. 300 IN NSEC3 $nsec3 A RRSIG" | /usr/bin/python3 "$HERE/resign.py" optout. "optout/$(cat optout/zsk)" "$INCEPTION" "$EXPIRATION" --rename "*.optout." "$wwwhash.optout."
} > "$OUT/forged.zone"

# optout-wildcard-nodata.zone: the complete RFC 5155 §7.2.5 proof for foo.w.optout. TXT (closest
# encloser w.optout. matched, next closer foo.w.optout. covered, wildcard *.w.optout. matched),
# the NSEC3 records picked by dnspython's nsec3_hash from the signed zone, with their RRSIGs.
/usr/bin/python3 - optout/signed > "$OUT/optout-wildcard-nodata.zone" <<'PY'
import sys
import dns.dnssec

lines = [l for l in open(sys.argv[1]).read().splitlines() if l and not l.startswith(";")]
nsec3 = {}
for l in lines:
    f = l.split()
    if f[3] in ("NSEC3", "RRSIG") and (f[3] == "NSEC3" or f[4] == "NSEC3"):
        nsec3.setdefault(f[0].split(".")[0].upper(), []).append(l)
owners = sorted(nsec3)
h = lambda n: dns.dnssec.nsec3_hash(n, None, 0, 1).upper()
def cover(name):
    x = h(name)
    before = [o for o in owners if o < x]
    return before[-1] if before else owners[-1]
print("; RFC 5155 §7.2.5 wildcard NODATA for foo.w.optout. TXT")
for owner in dict.fromkeys([h("w.optout."), cover("foo.w.optout."), h("*.w.optout.")]):
    print("\n".join(nsec3[owner]))
PY
