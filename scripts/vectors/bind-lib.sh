# Shell helpers shared by the scripts that sign test vectors with BIND's dnssec-signzone
# (make-bind-styles.sh, make-proofs.sh).

# Every vector's window: before the 2038 uint32 wrap; tests pin now = 2026-06-01.
INCEPTION=20260101000000
EXPIRATION=20370101000000

# setup DIR: OUT = tests/vectors/DIR emptied of its zones, WORK = a temporary directory removed on
# exit, and the shell moved into WORK.
setup() {
  OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tests/vectors/$1"
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  mkdir -p "$OUT"
  rm -f "$OUT"/*.zone "$OUT/manifest.json"
  cd "$WORK"
}

key() { # key ZONE ALG [KSK] -> prints the key's base name (run inside the zone's directory)
  local flags=() bits=()
  [ "${3:-}" = KSK ] && flags=(-f KSK)
  [ "$2" = RSASHA256 ] && bits=(-b 2048)
  dnssec-keygen -q -a "$2" "${bits[@]}" "${flags[@]}" "$1"
}

tag() { echo "${1##*+}" | sed 's/^0*//'; }

# sign ZONE DIR "OPTIONS" [INCEPTION EXPIRATION] -> DIR/signed (keys = every K*.key in DIR)
sign() {
  local zone=$1 dir=$2 opts=$3 start=${4:-$INCEPTION} end=${5:-$EXPIRATION}
  # -P: a window in the past cannot pass dnssec-signzone's own verification, by design.
  [ -n "${4:-}" ] && opts="$opts -P"
  # shellcheck disable=SC2086
  (cd "$dir" && cat unsigned K*.key > withkeys && dnssec-signzone -q -O full $opts -o "$zone" -s "$start" -e "$end" -f signed withkeys >/dev/null)
}

# rrsig FILE OWNER TYPE [KEYTAG] -> the RRSIG lines over OWNER TYPE (by KEYTAG)
rrsig() {
  awk -v o="$2" -v t="$3" -v k="${4:-}" '$1 == o && $4 == "RRSIG" && $5 == t && (k == "" || $11 == k)' "$1"
}

# drop FILE OWNER TYPE KEYTAG: removes that RRSIG line
drop() {
  awk -v o="$2" -v t="$3" -v k="$4" '!($1 == o && $4 == "RRSIG" && $5 == t && $11 == k)' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# ksk_ds DIR: the SHA-256 DS of every KSK in DIR
ksk_ds() {
  local k
  for k in "$1"/K*.key; do
    if grep -q 'DNSKEY[[:space:]]*257' "$k"; then dnssec-dsfromkey -2 "$k"; fi
  done
}

# manifest OUT ZONE... : OUT/manifest.json listing root.zone and one ZONE.zone per child
manifest() {
  local out=$1 first=1 z
  shift
  printf '[\n  {"origin": ".", "file": "root.zone"}' > "$out/manifest.json"
  for z in "$@"; do printf ',\n  {"origin": "%s", "file": "%s.zone"}' "$z" "${z%.}" >> "$out/manifest.json"; done
  printf '\n]\n' >> "$out/manifest.json"
  { dnssec-signzone -h 2>&1 || true; } | awk '/^Version:/ {print "dnssec-signzone " $2}' > "$out/SIGNER.txt"
}

# make_root WORK OUT DSFILE ZONE...: a root delegating to each ZONE (ns1.ZONE, glue 192.0.2.1)
# with the DS records in DSFILE, signed in the default style; writes OUT/root.zone and
# OUT/trust-anchor.zone (the root KSK's DS).
make_root() {
  local work=$1 out=$2 ds=$3 z
  shift 3
  mkdir -p "$work/root"
  {
    printf '$TTL 3600\n. IN SOA a.root. hostmaster.root. 2026120101 7200 3600 1209600 300\n. IN NS a.root.\na.root. IN A 192.0.2.53\n'
    for z in "$@"; do printf '%s IN NS ns1.%s\nns1.%s IN A 192.0.2.1\n' "$z" "$z" "$z"; done
    cat "$ds"
  } > "$work/root/unsigned"
  (cd "$work/root" && key . ECDSAP256SHA256 KSK > ksk && key . ECDSAP256SHA256 >/dev/null)
  sign . "$work/root" ""
  grep -v '^;' "$work/root/signed" > "$out/root.zone"
  dnssec-dsfromkey -2 "$work/root/$(cat "$work/root/ksk").key" > "$out/trust-anchor.zone"
}
