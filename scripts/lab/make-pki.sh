#!/usr/bin/env bash
# Builds the lab PKI (TEST KEYS ONLY) into lib/lab/pki/: a root CA, an intermediate, and one leaf per
# certificate profile of the catalog. The SANs come from the catalog (scripts/lab/pki-names.ts), so
# rerun this after adding an MX host, then scripts/lab/build-zones.ts (TLSA data follows the keys).
# Deliberate dates: expired = 2020..2021, not-yet-valid = 2040..2045; everything else 2020..2045.
#   scripts/lab/make-pki.sh                        # the root, the intermediate and every leaf
#   scripts/lab/make-pki.sh exchange-new good      # only these leaves, from the existing intermediate
# (naming profiles keeps every other certificate, and so every TLSA record over a whole certificate).
set -euo pipefail
ONLY=" $* "
want() { [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]]; }
cd "$(dirname "$0")/../.."
OUT=lib/lab/pki
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
# Only v3_leaf uses it; the config parser needs it defined for the CA signings too.
export LAB_SAN="DNS:unused.invalid"

# Run openssl quietly, but show its complaint when it fails.
quiet() { "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }; }
names() { npx tsx scripts/lab/pki-names.ts "$1"; }
san_of() { sed 's/^/DNS:/' | paste -sd, -; }

# Keys are kept across runs (only the certificates are reissued), so adding an MX host to the
# catalog does not change every SPKI-based TLSA record. Delete lib/lab/pki/*.key.pem to roll them.
eckey() { [ -s "$1" ] || quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# A minimal `openssl ca` setup: `openssl x509 -req` on OpenSSL 3.0 cannot set explicit start dates.
ca_conf() { # $1 = dir, $2 = CA cert, $3 = CA key
  mkdir -p "$1/new"; : > "$1/index.txt"; echo 1000 > "$1/serial"
  cat > "$1/ca.cnf" <<CNF
[ ca ]
default_ca = lab
[ lab ]
dir = $1
database = $1/index.txt
new_certs_dir = $1/new
serial = $1/serial
certificate = $2
private_key = $3
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ any ]
commonName = supplied
organizationName = optional
[ v3_intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \${ENV::LAB_SAN}
CNF
}

if want root; then
# Root CA (self-signed with explicit dates through `openssl ca -selfsign`).
eckey "$OUT/root.key.pem"
quiet openssl req -new -key "$OUT/root.key.pem" -subj "/O=mailsec lab/CN=mailsec lab TEST root CA" -out "$WORK/root.csr"
ca_conf "$WORK/root" "$WORK/none" "$OUT/root.key.pem"
cat >> "$WORK/root/ca.cnf" <<CNF
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF
quiet openssl ca -batch -config "$WORK/root/ca.cnf" -selfsign -keyfile "$OUT/root.key.pem" -in "$WORK/root.csr" \
  -startdate 20200101000000Z -enddate 20451231000000Z -extensions v3_root -notext -out "$OUT/root.cert.pem"

# Intermediate.
eckey "$OUT/intermediate.key.pem"
quiet openssl req -new -key "$OUT/intermediate.key.pem" -subj "/O=mailsec lab/CN=mailsec lab TEST intermediate CA" -out "$WORK/int.csr"
ca_conf "$WORK/rootca" "$OUT/root.cert.pem" "$OUT/root.key.pem"
quiet openssl ca -batch -config "$WORK/rootca/ca.cnf" -in "$WORK/int.csr" -startdate 20200101000000Z -enddate 20451231000000Z \
  -extensions v3_intermediate -notext -out "$OUT/intermediate.cert.pem"
fi

ca_conf "$WORK/intca" "$OUT/intermediate.cert.pem" "$OUT/intermediate.key.pem"
leaf() { # $1 = profile, $2 = SAN list, $3 = start, $4 = end, $5 = subject (default: the profile's lab name)
  want "$1" || return 0
  eckey "$OUT/$1.key.pem"
  quiet openssl req -new -key "$OUT/$1.key.pem" -subj "${5:-/O=mailsec lab/CN=mailsec lab TEST $1 leaf}" -out "$WORK/$1.csr"
  LAB_SAN="$2" quiet openssl ca -batch -config "$WORK/intca/ca.cnf" -in "$WORK/$1.csr" -startdate "$3" -enddate "$4" \
    -extensions v3_leaf -notext -out "$OUT/$1.cert.pem"
}
leaf good "$(names good | san_of)" 20200101000000Z 20450101000000Z
leaf expired "$(names expired | san_of)" 20200101000000Z 20210101000000Z
leaf not-yet-valid "$(names not-yet-valid | san_of)" 20400101000000Z 20450101000000Z
leaf wrong-name "DNS:wrong-name.invalid" 20200101000000Z 20450101000000Z
leaf unrelated "DNS:unrelated.invalid" 20200101000000Z 20450101000000Z
# Markup in O and CN (a "/" inside a value is escaped for -subj): the web UI must show it as text.
leaf html-subject "$(names html-subject | san_of)" 20200101000000Z 20450101000000Z \
  "/O=mailsec lab <img src=x onerror=alert(1)>/CN=mailsec lab TEST <b>mx<\/b> leaf"
# Exchange Online's shared servers (lib/lab/world.ts): one certificate for every tenant's host, so
# their names are wildcards here, not the catalog's hosts.
leaf exchange-legacy "DNS:mail.protection.outlook.com,DNS:*.mail.protection.outlook.com,DNS:*.mail.eo.outlook.com,DNS:*.mail.protection.outlook.de" \
  20200101000000Z 20450101000000Z
leaf exchange-new "DNS:*.o-v1.mx.microsoft,DNS:*.o-v2.mx.microsoft,DNS:*.o-v9.mx.microsoft" 20200101000000Z 20450101000000Z

# Self-signed leaf (RSA, for variety): its own issuer, no CA; same explicit dates as the good leaf.
if want self-signed; then
[ -s "$OUT/self-signed.key.pem" ] || quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/self-signed.key.pem"
quiet openssl req -new -key "$OUT/self-signed.key.pem" -subj "/O=mailsec lab/CN=mailsec lab TEST self-signed leaf" -out "$WORK/ss.csr"
ca_conf "$WORK/ss" "$WORK/none" "$OUT/self-signed.key.pem"
LAB_SAN="$(names self-signed | san_of)" quiet openssl ca -batch -config "$WORK/ss/ca.cnf" -selfsign -keyfile "$OUT/self-signed.key.pem" \
  -in "$WORK/ss.csr" -startdate 20200101000000Z -enddate 20450101000000Z -extensions v3_leaf -notext -out "$OUT/self-signed.cert.pem"
fi

chmod 644 "$OUT"/*.pem
echo "wrote $(ls "$OUT" | wc -l) files to $OUT"
