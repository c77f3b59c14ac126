#!/usr/bin/python3
# Signs hand-made RRsets with a zone's BIND key, for the forged-proof vectors (make-proofs.sh).
# The signed data is dnspython's (Debian python3-dnspython, dns.dnssec._make_rrsig_signature_data),
# the ECDSA signature python-cryptography's, so the vectors stay independent of the code under
# test. (dnspython 2.3's dns.dnssec.sign counts the "*" label of a wildcard owner, RFC 4034 §3.1.3
# says not to, hence the template is built here.) Reads zone-file records on stdin (one RRset per
# owner/type, absolute names), writes them back with their RRSIGs.
#   resign.py ZONE KEYBASE INCEPTION EXPIRATION [--rename FROM TO]
# --rename: sign the RRset at FROM, then publish records and RRSIG at TO (how a resolver serves a
# wildcard expansion: the RRSIG's labels field keeps the wildcard's count).
import base64
import calendar
import sys
import time

import dns.dnssec
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.zone
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from dns.rdtypes.ANY.RRSIG import RRSIG


def when(text: str) -> int:
    return calendar.timegm(time.strptime(text, "%Y%m%d%H%M%S"))


def main() -> None:
    zone, keybase, inception, expiration = sys.argv[1:5]
    rename = sys.argv[6:8] if len(sys.argv) > 5 and sys.argv[5] == "--rename" else None
    private = dict(line.split(": ", 1) for line in open(keybase + ".private").read().splitlines() if ": " in line)
    if not private["Algorithm"].startswith("13 "):
        raise SystemExit("resign.py handles ECDSAP256SHA256 (13) keys only")
    d = int.from_bytes(base64.b64decode(private["PrivateKey"]), "big")
    key = ec.derive_private_key(d, ec.SECP256R1())
    keyline = [l for l in open(keybase + ".key").read().splitlines() if not l.startswith(";")][0]
    dnskey = dns.zone.from_text("$TTL 3600\n" + keyline, origin=zone, relativize=False, check_origin=False).find_rdataset(zone, "DNSKEY")[0]
    origin = dns.name.from_text(zone)
    records = dns.zone.from_text("$TTL 3600\n" + sys.stdin.read(), origin=zone, relativize=False, check_origin=False)
    out = []
    for name, rdataset in records.iterate_rdatasets():
        rrset = dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))
        labels = len(name) - 1 - (1 if name.is_wild() else 0)
        template = RRSIG(dns.rdataclass.IN, dns.rdatatype.RRSIG, rdataset.rdtype, 13, labels, rdataset.ttl, when(expiration), when(inception), dns.dnssec.key_id(dnskey), origin, b"")
        r, s = decode_dss_signature(key.sign(dns.dnssec._make_rrsig_signature_data(rrset, template), ec.ECDSA(hashes.SHA256())))
        sig = template.replace(signature=r.to_bytes(32, "big") + s.to_bytes(32, "big"))
        owner = dns.name.from_text(rename[1]) if rename and name == dns.name.from_text(rename[0]) else name
        for rd in rdataset:
            out.append(f"{owner.to_text()} {rdataset.ttl} IN {dns.rdatatype.to_text(rdataset.rdtype)} {rd.to_text(origin=None, relativize=False)}")
        out.append(f"{owner.to_text()} {rdataset.ttl} IN RRSIG {sig.to_text(origin=None, relativize=False)}")
    print("\n".join(out))


main()
