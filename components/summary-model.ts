// The summary matrix: one row per MX address, each cell a status, a fact and the step behind it.
// Read off the result document (the facts) and the steps (their status, so the matrix and the
// tree never disagree).
import type { DaneOutcome, DnssecStatus, ResultDocument, Step, StepStatus, TlsaStatus } from "@/lib/report/schema";

export type CellStatus = Exclude<StepStatus, "running">;

/** The message keys under "summary.value" (messages/*.json); tsc checks them against en.json. */
export type CellValue =
  | "text"
  | "notTested"
  | "noAddress"
  | "noConnection"
  | "yes"
  | "no"
  | "noneMatched"
  | `dnssec.${DnssecStatus}`
  | `tlsa.${TlsaStatus}`
  | `dane.${DaneOutcome}`
  | "webpki.trusted"
  | "webpki.untrusted"
  | "dates.valid"
  | "dates.expired"
  | "dates.notYet";

export interface Cell {
  status: CellStatus;
  /** A message key under "summary.value" and its params. */
  value: CellValue;
  params?: Record<string, string | number | Date>;
  /** The step this fact comes from (a link into the tree), when there is one. */
  stepId: string | null;
}

export interface MatrixRow {
  key: string;
  host: string;
  preference: number;
  hostStepId: string | null;
  ip: Cell;
  dnssecMx: Cell;
  dnssecAddress: Cell;
  dnssecTlsa: Cell;
  starttls: Cell;
  tlsVersion: Cell;
  dane: Cell;
  webpki: Cell;
  dates: Cell;
  matched: Cell;
}

const dnssecCell = (status: DnssecStatus, stepId: string | null): Cell => ({
  status: status === "secure" ? "success" : status === "insecure" ? "info" : status === "bogus" ? "error" : "warning",
  value: `dnssec.${status}`,
  stepId,
});

function stepStatus(steps: ReadonlyMap<string, Step>, id: string, fallback: CellStatus): CellStatus {
  const status = steps.get(id)?.status;
  return status === undefined || status === "running" ? fallback : status;
}

const present = (steps: ReadonlyMap<string, Step>, id: string): string | null => (steps.has(id) ? id : null);

export function matrixRows(result: ResultDocument, steps: ReadonlyMap<string, Step>): MatrixRow[] {
  const checkedAt = new Date(result.finishedAt ?? result.startedAt);
  return result.mx.flatMap((mx) => {
    // Each MX host is a top-level step ("mx-host:<host>"); runs stored before nest it under "mx".
    const hostId = steps.has(`mx-host:${mx.host}`) ? `mx-host:${mx.host}` : `mx/${mx.host}`;
    const tlsaId = `${hostId}/tlsa`;
    const tlsaStatus = mx.tlsa.status;
    const tlsa: Cell = {
      status: tlsaStatus === "secure" ? "success" : tlsaStatus === "absent" || tlsaStatus === "insecure" ? "info" : "error",
      value: `tlsa.${tlsaStatus}`,
      params: { count: mx.tlsa.records.length },
      stepId: present(steps, tlsaId),
    };
    const mxCell = dnssecCell(result.dnssec, present(steps, "mx"));
    const none = (stepId: string | null): Cell => ({ status: "skipped", value: "notTested", stepId });
    if (mx.addresses.length === 0) {
      const blank = none(present(steps, hostId));
      return [
        {
          key: hostId,
          host: mx.host,
          preference: mx.preference,
          hostStepId: present(steps, hostId),
          ip: { status: stepStatus(steps, `${hostId}/addresses`, "error"), value: "noAddress", stepId: present(steps, `${hostId}/addresses`) },
          dnssecMx: mxCell,
          dnssecAddress: dnssecCell(mx.dnssec, present(steps, `${hostId}/addresses`)),
          dnssecTlsa: tlsa,
          starttls: blank,
          tlsVersion: blank,
          dane: blank,
          webpki: blank,
          dates: blank,
          matched: blank,
        },
      ];
    }
    return mx.addresses.map((address): MatrixRow => {
      const base = `${hostId}/${address.ip}`;
      const smtp = address.smtp;
      const cert = address.certificate;
      const daneRequired = mx.tlsa.status === "secure" && mx.tlsa.usable > 0;
      const starttls: Cell = !smtp
        ? none(present(steps, base))
        : !smtp.connected
          ? { status: stepStatus(steps, `${base}/connect`, "error"), value: "noConnection", stepId: present(steps, `${base}/connect`) }
          : {
              status: stepStatus(steps, `${base}/starttls`, smtp.starttls ? "success" : daneRequired ? "error" : "warning"),
              value: smtp.starttls ? "yes" : "no",
              stepId: present(steps, `${base}/starttls`),
            };
      const tlsVersion: Cell = smtp?.tlsVersion
        ? { status: /TLSv1(\.[01])?$/.test(smtp.tlsVersion) ? "warning" : "success", value: "text", params: { text: smtp.tlsVersion }, stepId: present(steps, `${base}/tls`) }
        : none(present(steps, `${base}/tls`));
      const daneStatus: CellStatus = address.dane === "pass" ? "success" : address.dane === "fail" ? "error" : address.dane === "unusable" ? "warning" : "skipped";
      const dane: Cell = { status: stepStatus(steps, `${base}/dane`, daneStatus), value: `dane.${address.dane}`, stepId: present(steps, `${base}/dane`) };
      const certId = present(steps, `${base}/certificate`);
      const webpki: Cell = cert
        ? { status: cert.webpkiTrusted ? "success" : "warning", value: cert.webpkiTrusted ? "webpki.trusted" : "webpki.untrusted", stepId: certId ?? present(steps, `${base}/tls`) }
        : none(certId);
      let dates: Cell = none(certId);
      if (cert) {
        const notBefore = new Date(cert.notBefore);
        const notAfter = new Date(cert.notAfter);
        // Under DANE-EE the dates do not count (RFC 7672 §3.1.1): out of date is then a warning.
        const bad: CellStatus = address.dane === "pass" ? "warning" : "error";
        dates =
          checkedAt > notAfter
            ? { status: bad, value: "dates.expired", params: { date: notAfter }, stepId: certId }
            : checkedAt < notBefore
              ? { status: bad, value: "dates.notYet", params: { date: notBefore }, stepId: certId }
              : { status: "success", value: "dates.valid", params: { date: notAfter }, stepId: certId };
      }
      const matched: Cell = address.matchedRecord
        ? { status: "success", value: "text", params: { text: address.matchedRecord }, stepId: present(steps, `${base}/dane`) }
        : address.dane === "fail"
          ? { status: "error", value: "noneMatched", stepId: present(steps, `${base}/dane`) }
          : none(present(steps, `${base}/dane`));
      return {
        key: base,
        host: mx.host,
        preference: mx.preference,
        hostStepId: present(steps, hostId),
        ip: { status: stepStatus(steps, base, "info"), value: "text", params: { text: address.ip }, stepId: present(steps, base) },
        dnssecMx: mxCell,
        dnssecAddress: dnssecCell(address.dnssec, present(steps, `${hostId}/addresses`)),
        dnssecTlsa: tlsa,
        starttls,
        tlsVersion,
        dane,
        webpki,
        dates,
        matched,
      };
    });
  });
}
