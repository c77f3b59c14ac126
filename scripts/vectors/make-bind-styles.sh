#!/usr/bin/env bash
# Builds tests/vectors/signers/styles/: a small hierarchy signed by BIND's dnssec-signzone in the
# styles operators use, for the validator's signature-class tests (tests/dnssec/signer-styles.test.ts).
# Needs Debian's bind9-utils (and ldnsutils for twoalg.). Keys are throwaway (private parts are deleted); re-running makes new
# keys, so the committed files are the vectors. Windows run 2026-01-01 .. 2037-01-01 (before the
# 2038 uint32 wrap); tests pin now = 2026-06-01.
#
#   .            ECDSAP256SHA256, KSK+ZSK, default (DNSKEY signed by both)
#   default.     ECDSAP256SHA256, KSK+ZSK, default: the ZSK's RRSIG over DNSKEY is valid off the chain
#   ksk-only.    RSASHA256 2048, KSK+ZSK, -x (DNSKEY signed by the KSK only)
#   csk.         ED25519, one combined key (KSK flag, -z: it signs everything)
#   stale.       ECDSAP256SHA256: beside each valid signature a stale one that validators ignore:
#                www A also signed by a retired ZSK (no longer in the DNSKEY set), mx A also carries
#                an expired RRSIG (2020..2021) by the current ZSK, the DNSKEY set also a signature by
#                a retired KSK
#   broken.      ECDSAP256SHA256: www A signed ONLY by a retired ZSK (bogus); the rest is fine
#   kskexpired.  ECDSAP256SHA256: the KSK's RRSIG over DNSKEY is expired, the ZSK's is valid:
#                a valid signature off the chain does not save the zone (bogus)
#   twoalg.      ldns-signzone (ldnsutils): ECDSAP256SHA256 KSK+ZSK plus an RSAMD5 ZSK beside them
set -euo pipefail

# shellcheck source=scripts/vectors/bind-lib.sh
. "$(dirname "$0")/bind-lib.sh"
setup signers/styles

body() { # body ZONE -> the unsigned records of a child zone
  cat <<ZONE
\$ORIGIN $1
\$TTL 3600
@       IN SOA ns1 hostmaster 2026120101 7200 3600 1209600 300
@       IN NS  ns1
@       IN MX  10 mx
ns1     IN A   192.0.2.1
mx      IN A   192.0.2.25
www     IN A   192.0.2.80
_25._tcp.mx IN TLSA 3 1 1 8BD1DA95272F7FA4FFB24137FC0ED03AAE67E5C4D8B3C50734E1050A7920B922
ZONE
}

child() { # child ZONE -> a fresh directory with the unsigned zone
  local d="$WORK/${1%.}"
  mkdir -p "$d"
  body "$1" > "$d/unsigned"
  echo "$d"
}

publish() { # publish ZONE DIR: copies the signed zone and remembers its DS for the root
  grep -v '^;' "$2/signed" > "$OUT/${1%.}.zone"
  ksk_ds "$2" >> "$WORK/ds"
}

: > "$WORK/ds"

d=$(child default.); (cd "$d" && key default. ECDSAP256SHA256 KSK >/dev/null && key default. ECDSAP256SHA256 >/dev/null); sign default. "$d" ""; publish default. "$d"

d=$(child ksk-only.); (cd "$d" && key ksk-only. RSASHA256 KSK >/dev/null && key ksk-only. RSASHA256 >/dev/null); sign ksk-only. "$d" "-x"; publish ksk-only. "$d"

d=$(child csk.); (cd "$d" && key csk. ED25519 KSK >/dev/null); sign csk. "$d" "-z"; publish csk. "$d"

# stale.: sign once with the keys of before the rollover, keep what a lazy signer leaves behind.
d=$(child stale.); old="$WORK/stale-old"; mkdir -p "$old"; cp "$d/unsigned" "$old/"
(cd "$old" && key stale. ECDSAP256SHA256 KSK > ksk && key stale. ECDSAP256SHA256 > zsk)
sign stale. "$old" ""
(cd "$d" && key stale. ECDSAP256SHA256 KSK >/dev/null && key stale. ECDSAP256SHA256 > zsk)
sign stale. "$d" ""
expired="$WORK/stale-expired"; mkdir -p "$expired"; cp "$d"/unsigned "$d"/K* "$expired/"
sign stale. "$expired" "" 20200101000000 20210101000000
{ rrsig "$old/signed" www.stale. A; rrsig "$old/signed" stale. DNSKEY "$(tag "$(cat "$old/ksk")")"; rrsig "$expired/signed" mx.stale. A; } >> "$d/signed"
publish stale. "$d"

# broken.: www A keeps only the signature of a retired ZSK.
d=$(child broken.); old="$WORK/broken-old"; mkdir -p "$old"; cp "$d/unsigned" "$old/"
(cd "$old" && key broken. ECDSAP256SHA256 > zsk)
(cd "$d" && key broken. ECDSAP256SHA256 KSK >/dev/null && key broken. ECDSAP256SHA256 > zsk)
sign broken. "$d" ""
sign broken. "$old" "-z"
drop "$d/signed" www.broken. A "$(tag "$(cat "$d/zsk")")"
rrsig "$old/signed" www.broken. A >> "$d/signed"
publish broken. "$d"

# kskexpired.: the KSK's signature over DNSKEY comes from an expired window.
d=$(child kskexpired.); (cd "$d" && key kskexpired. ECDSAP256SHA256 KSK > ksk && key kskexpired. ECDSAP256SHA256 >/dev/null)
sign kskexpired. "$d" ""
expired="$WORK/kskexpired-expired"; mkdir -p "$expired"; cp "$d"/unsigned "$d"/K* "$expired/"
sign kskexpired. "$expired" "" 20200101000000 20210101000000
ksktag=$(tag "$(cat "$d/ksk")")
drop "$d/signed" kskexpired. DNSKEY "$ksktag"
rrsig "$expired/signed" kskexpired. DNSKEY "$ksktag" >> "$d/signed"
publish kskexpired. "$d"

# twoalg.: signed by ldns-signzone (ldnsutils) with an ECDSA KSK and ZSK plus an RSAMD5 ZSK, which
# no validator may use (RFC 8624 §3.1): every RRset carries one signature mailsec cannot check
# beside one it can, and the DS names the ECDSA KSK only (RFC 6840 §5.11: the RSAMD5 ones are ignored).
d=$(child twoalg.)
(cd "$d" && ldns-keygen -a ECDSAP256SHA256 -k twoalg. > ksk && ldns-keygen -a ECDSAP256SHA256 twoalg. > zsk && ldns-keygen -a RSAMD5 -b 1024 twoalg. > md5)
(cd "$d" && ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -f signed unsigned "$(cat zsk)" "$(cat md5)" "$(cat ksk)")
grep -v '^;' "$d/signed" > "$OUT/twoalg.zone"
ldns-key2ds -n -2 "$d/$(cat "$d/ksk").key" >> "$WORK/ds"

make_root "$WORK" "$OUT" "$WORK/ds" default. ksk-only. csk. stale. broken. kskexpired. twoalg.
manifest "$OUT" default. ksk-only. csk. stale. broken. kskexpired. twoalg.
