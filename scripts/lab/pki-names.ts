// Prints the DNS names a lab certificate profile must carry, one per line, from the catalog:
// every MX host (and CNAME target) served with that profile. make-pki.sh reads it.
import { smtpEndpoints } from "../../lib/lab/catalog";

const profile = process.argv[2];
if (!profile) {
  console.error("usage: tsx scripts/lab/pki-names.ts <profile>");
  process.exit(2);
}
const names = new Set<string>();
for (const { host, address } of smtpEndpoints()) {
  if (address.cert !== profile) continue;
  names.add(host.host.replace(/\.$/, ""));
  if (host.cnameTo) names.add(host.cnameTo.replace(/\.$/, ""));
}
for (const name of [...names].sort()) console.log(name);
