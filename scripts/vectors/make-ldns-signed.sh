#!/usr/bin/env bash
# Builds a tiny signed DNS hierarchy with external signers (ldns-keygen + ldns-signzone, and BIND's
# dnssec-signzone for the opt-out zone) for the
# validator's offline and loopback tests. Output: tests/vectors/ldns-signed/ (signed zones, the
# keys' public parts, the trust anchor, manifest.json). Private keys stay in a temporary directory
# and are deleted: the committed files are the test vectors, re-running makes new keys.
#
#   root .                (ECDSAP256SHA256, NSEC)      delegates example.
#   example.              (RSASHA256 2048, NSEC)       wildcard, CNAMEs, NODATA/NXDOMAIN, and:
#     nsec3.example.      (ECDSAP256SHA256, NSEC3 opt-out, 0 iterations, no salt; signed by
#                                                      BIND's dnssec-signzone)  *.w wildcard,
#                                                      optout.nsec3.example. unsigned delegation
#     n3.example.         (ECDSAP256SHA256, NSEC3 without opt-out, 0 iterations)
#     ed.example.         (ED25519, NSEC)
#     unsigned.example.   unsigned, no DS (insecure delegation proven by NSEC)
#     badds.example.      DS of a key the zone does not publish
#     nokey.example.      DS published, zone served without its DNSKEY RRset
#     nosig.example.      www A served without its RRSIG
#     tampered.example.   www A changed after signing (192.0.2.12 -> 192.0.2.66)
#     expired.example.    www A RRSIG from an expired window (20000101..20010101)
#     future.example.     www A RRSIG from a future window (20400101..20450101)
#     unsupported.example. signed with RSAMD5 (algorithm 1), which validators must not accept
#     iter.example.       NSEC3 with 200 iterations (above the RFC 9276 limit)
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT_DIR/tests/vectors/ldns-signed"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
INCEPTION=20250101000000
EXPIRATION=20450101000000

mkdir -p "$OUT/keys"
rm -f "$OUT"/*.zone "$OUT"/keys/*.key "$OUT/manifest.json"
cd "$WORK"

# keygen ZONE ALG [BITS] -> prints "KSKBASE ZSKBASE"
keygen() {
  local zone=$1 alg=$2 bits=${3:-}
  local ksk zsk
  ksk=$(ldns-keygen -a "$alg" ${bits:+-b "$bits"} -k "$zone")
  zsk=$(ldns-keygen -a "$alg" ${bits:+-b "$bits"} "$zone")
  echo "$ksk $zsk"
}

soa() { # soa ZONE
  printf '%s 3600 IN SOA ns.example. hostmaster.example. 2025010101 3600 600 86400 3600\n%s 3600 IN NS ns.example.\n' "$1" "$1"
}

# sign ZONE FILE "OPTIONS" KEYS... -> FILE.signed (options must precede the zone file for getopt)
sign() {
  local zone=$1 file=$2 opts=$3
  shift 3
  # shellcheck disable=SC2086
  ldns-signzone -o "$zone" -i "$INCEPTION" -e "$EXPIRATION" $opts -f "$file.signed" "$file" "$@" >/dev/null
}

ds_of() { # ds_of KEYBASE -> DS line (SHA-256)
  ldns-key2ds -n -2 "$1.key"
}

publish() { # publish ZONE FILE.signed OUTNAME SIGNED(true|false)
  cp "$2" "$OUT/$3"
  MANIFEST+=("{\"origin\":\"$1\",\"file\":\"$3\",\"signed\":$4}")
}
MANIFEST=()

# --- leaf zones -----------------------------------------------------------------------------------
read -r N3_KSK N3_ZSK < <(keygen nsec3.example. ECDSAP256SHA256)
{ soa nsec3.example.
  echo "www.nsec3.example. 3600 IN A 192.0.2.3"
  echo "*.w.nsec3.example. 3600 IN TXT \"nsec3 wildcard\""
  echo "optout.nsec3.example. 3600 IN NS ns.example."
} > nsec3.example.zone
# dnssec-signzone (BIND) rather than ldns here: with -A it leaves the unsigned delegation out of
# the NSEC3 chain, so its absence must be proven by an opt-out span (RFC 5155 §6), which ldns
# never does (it hashes every name). Two external signers, one hierarchy.
cat "$N3_KSK.key" "$N3_ZSK.key" >> nsec3.example.zone
dnssec-signzone -q -A -3 - -H 0 -o nsec3.example. -s "$INCEPTION" -e "$EXPIRATION" -O full -f nsec3.example.zone.signed nsec3.example.zone "$N3_KSK" "$N3_ZSK" >/dev/null

read -r N3P_KSK N3P_ZSK < <(keygen n3.example. ECDSAP256SHA256)
{ soa n3.example.; echo "www.n3.example. 3600 IN A 192.0.2.13"; } > n3.example.zone
sign n3.example. n3.example.zone "-n -t 0" "$N3P_KSK" "$N3P_ZSK"

read -r ED_KSK ED_ZSK < <(keygen ed.example. ED25519)
{ soa ed.example.; echo "www.ed.example. 3600 IN A 192.0.2.15"; } > ed.example.zone
sign ed.example. ed.example.zone "" "$ED_KSK" "$ED_ZSK"

{ soa unsigned.example.
  echo "www.unsigned.example. 3600 IN A 192.0.2.4"
  echo "alias.unsigned.example. 3600 IN CNAME www.example."
} > unsigned.example.zone

read -r BAD_KSK BAD_ZSK < <(keygen badds.example. ECDSAP256SHA256)
OTHER_KEY=$(ldns-keygen -a ECDSAP256SHA256 -k badds.example.)
{ soa badds.example.; echo "www.badds.example. 3600 IN A 192.0.2.5"; } > badds.example.zone
sign badds.example. badds.example.zone "" "$BAD_KSK" "$BAD_ZSK"

read -r NOKEY_KSK NOKEY_ZSK < <(keygen nokey.example. ECDSAP256SHA256)
{ soa nokey.example.; echo "www.nokey.example. 3600 IN A 192.0.2.6"; } > nokey.example.zone
sign nokey.example. nokey.example.zone "" "$NOKEY_KSK" "$NOKEY_ZSK"
# Served without the DNSKEY RRset and its signatures: the parent's DS points at nothing.
grep -v -P '\tDNSKEY\t|\tRRSIG\tDNSKEY ' nokey.example.zone.signed > nokey.stripped
mv nokey.stripped nokey.example.zone.signed

# expired./future.: everything in the main window except the www A RRSIG, taken from a second
# signing run with the same keys over another window.
for spec in "expired 20000101000000 20010101000000 192.0.2.7" "future 20400101000000 20450101000000 192.0.2.8"; do
  read -r name inc exp addr <<<"$spec"
  zone="$name.example."
  f="$name.example.zone"
  read -r K Z < <(keygen "$zone" ECDSAP256SHA256)
  { soa "$zone"; echo "www.$zone 3600 IN A $addr"; } > "$f"
  sign "$zone" "$f" "" "$K" "$Z"
  ldns-signzone -o "$zone" -i "$inc" -e "$exp" -f "$f.other" "$f" "$K" "$Z" >/dev/null
  grep -v -P "^www\.$name\.example\.\t.*\tRRSIG\tA " "$f.signed" > "$f.main"
  grep -P "^www\.$name\.example\.\t.*\tRRSIG\tA " "$f.other" >> "$f.main"
  mv "$f.main" "$f.signed"
  declare "DS_$name=$(ds_of "$K")"
done

# nosig.: the www A RRSIG is removed; tampered.: the www A address is changed after signing.
read -r NOSIG_KSK NOSIG_ZSK < <(keygen nosig.example. ECDSAP256SHA256)
{ soa nosig.example.; echo "www.nosig.example. 3600 IN A 192.0.2.11"; } > nosig.example.zone
sign nosig.example. nosig.example.zone "" "$NOSIG_KSK" "$NOSIG_ZSK"
grep -v -P '^www\.nosig\.example\.\t.*\tRRSIG\tA ' nosig.example.zone.signed > nosig.tmp && mv nosig.tmp nosig.example.zone.signed
read -r TAMP_KSK TAMP_ZSK < <(keygen tampered.example. ECDSAP256SHA256)
{ soa tampered.example.; echo "www.tampered.example. 3600 IN A 192.0.2.12"; } > tampered.example.zone
sign tampered.example. tampered.example.zone "" "$TAMP_KSK" "$TAMP_ZSK"
sed -i -E 's/^(www\.tampered\.example\.\t.*\tA\t)192\.0\.2\.12$/\1192.0.2.66/' tampered.example.zone.signed
grep -q '192.0.2.66' tampered.example.zone.signed

UNSUP_KSK=$(ldns-keygen -a RSAMD5 -b 1024 -k unsupported.example.)
UNSUP_ZSK=$(ldns-keygen -a RSAMD5 -b 1024 unsupported.example.)
{ soa unsupported.example.; echo "www.unsupported.example. 3600 IN A 192.0.2.9"; } > unsupported.example.zone
sign unsupported.example. unsupported.example.zone "" "$UNSUP_KSK" "$UNSUP_ZSK"

read -r ITER_KSK ITER_ZSK < <(keygen iter.example. ECDSAP256SHA256)
{ soa iter.example.; echo "www.iter.example. 3600 IN A 192.0.2.10"; } > iter.example.zone
sign iter.example. iter.example.zone "-n -t 200 -s AABBCCDD" "$ITER_KSK" "$ITER_ZSK"

# --- example. -------------------------------------------------------------------------------------
read -r EX_KSK EX_ZSK < <(keygen example. RSASHA256 2048)
{ soa example.
  cat <<'ZONE'
example. 3600 IN MX 10 mx.example.
ns.example. 3600 IN A 127.0.0.1
mx.example. 3600 IN A 192.0.2.25
www.example. 3600 IN A 192.0.2.1
*.wild.example. 3600 IN TXT "wildcard"
alias.example. 3600 IN CNAME www.nsec3.example.
alias2.example. 3600 IN CNAME alias.example.
*.wc.example. 3600 IN CNAME www.nsec3.example.
loop1.example. 3600 IN CNAME loop2.example.
loop2.example. 3600 IN CNAME loop1.example.
ZONE
  for child in nsec3 n3 ed unsigned badds nokey nosig tampered expired future unsupported iter; do
    echo "$child.example. 3600 IN NS ns.example."
  done
  ds_of "$N3_KSK"; ds_of "$N3P_KSK"; ds_of "$ED_KSK"; ds_of "$OTHER_KEY"; ds_of "$NOKEY_KSK"; ds_of "$NOSIG_KSK"; ds_of "$TAMP_KSK"
  echo "$DS_expired"; echo "$DS_future"; ds_of "$UNSUP_KSK"; ds_of "$ITER_KSK"
} > example.zone
sign example. example.zone "" "$EX_KSK" "$EX_ZSK"

# --- the root -------------------------------------------------------------------------------------
read -r ROOT_KSK ROOT_ZSK < <(keygen . ECDSAP256SHA256)
{ soa .; echo "example. 3600 IN NS ns.example."; ds_of "$EX_KSK"; } > root.zone
sign . root.zone "" "$ROOT_KSK" "$ROOT_ZSK"

publish . root.zone.signed root.zone true
publish example. example.zone.signed example.zone true
for z in nsec3 n3 ed badds nokey nosig tampered expired future unsupported iter; do
  publish "$z.example." "$z.example.zone.signed" "$z.example.zone" true
done
publish unsigned.example. unsigned.example.zone unsigned.example.zone false

ds_of "$ROOT_KSK" > "$OUT/trust-anchor.zone"
cp ./*.key "$OUT/keys/"
( IFS=,; echo "[${MANIFEST[*]}]" ) | python3 -m json.tool > "$OUT/manifest.json"
{ echo "signed with window $INCEPTION .. $EXPIRATION by $(ldns-signzone -v 2>&1 | head -1)"
  echo "nsec3.example. signed by $(dnssec-signzone -V 2>&1 | head -1)"; } > "$OUT/SIGNER.txt"
echo "wrote $OUT"
