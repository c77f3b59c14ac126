#!/bin/sh
# Regenerates tests/vectors/signers: the same small zone signed by ldns-signzone (NSEC3, ECDSA
# P-256) and by BIND's dnssec-signzone (NSEC, Ed25519), in each tool's default output layout, for
# the zone-file parser tests (tests/dns/zonefile.test.ts). Needs Debian's ldnsutils and
# bind9-utils. Keys are throwaway; outputs are committed as made.
set -eu
cd "$(dirname "$0")/../../tests/vectors/signers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/signers.example.zone" <<'ZONE'
$ORIGIN signers.example.
$TTL 3600
@       IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )
        IN NS  ns1
        IN MX  10 mx
ns1     IN A   192.0.2.1
mx      IN A   192.0.2.25
        IN AAAA 2001:db8::25
_25._tcp.mx IN TLSA 3 1 1 8BD1DA95272F7FA4FFB24137FC0ED03AAE67E5C4D8B3C50734E1050A7920B922
txt     IN TXT "v=spf1 -all" "second \"quoted\" string"
*.wild  IN A   192.0.2.99
ZONE
mkdir "$work/ldns" "$work/bind"
cp "$work/signers.example.zone" "$work/ldns/ldns.zone"
(cd "$work/ldns" && ldns-keygen -a ECDSAP256SHA256 -k signers.example >ksk && ldns-keygen -a ECDSAP256SHA256 signers.example >zsk)
(cd "$work/ldns" && ldns-signzone -n -s AABBCCDD -t 0 -e 20370101000000 -i 20260101000000 -f ldns-signzone.zone ldns.zone "$(cat ksk)" "$(cat zsk)")
cp "$work/ldns/ldns-signzone.zone" ./ldns-signzone-nsec3.zone
cp "$work/signers.example.zone" "$work/bind/bind.zone"
(cd "$work/bind" && dnssec-keygen -q -a ED25519 -f KSK signers.example >/dev/null && dnssec-keygen -q -a ED25519 signers.example >/dev/null)
(cd "$work/bind" && for k in K*.key; do cat "$k" >> bind.zone; done)
(cd "$work/bind" && dnssec-signzone -q -o signers.example. -e 20370101000000 -s 20260101000000 -f dnssec-signzone.zone bind.zone)
cp "$work/bind/dnssec-signzone.zone" ./dnssec-signzone-nsec.zone
