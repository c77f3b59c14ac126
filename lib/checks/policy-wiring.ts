// The policy checks' ports (issue 11), built from the engine configuration beside createPorts:
// the MTA-STS policy fetch (lib/https, through the SSRF guard) and the WebPKI roots every
// certificate check uses, the system's plus --ca-file / MAILSEC_CA_FILE.
import { webpkiRoots } from "../dane/webpki-roots";
import { fetchStsPolicy } from "../https/mta-sts-fetch";
import type { EngineConfig } from "./engine";
import type { CheckPorts } from "./ports";

export function policyPorts(config: EngineConfig): Required<Pick<CheckPorts, "fetchPolicy" | "roots">> {
  const now = config.now ?? (() => new Date());
  const roots = webpkiRoots(config.caPem);
  return {
    fetchPolicy: (domain, addresses, signal) => fetchStsPolicy({ domain, addresses, port: config.httpsPort ?? 443, allowPrivate: config.allowPrivate, roots, now: now(), signal }),
    roots,
  };
}
