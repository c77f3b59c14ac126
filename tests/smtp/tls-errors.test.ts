// handshakeProblem on the exact errors node:tls (OpenSSL 3) raised against the lab's hostile
// peers; the texts were captured from real handshakes on loopback. The problem is data; its words
// are lib/report/i18n's (smtp.problem).
import { describe, expect, it } from "vitest";
import { handshakeProblem } from "../../lib/smtp";

function opensslError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe("handshakeProblem", () => {
  it("names the alert the server sent", () => {
    const err = opensslError(
      "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
      "80AC936F897F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 40\n",
    );
    expect(handshakeProblem(err, 12)).toEqual({ reason: "tls-alert", stage: "tls", ms: 12, code: 40, text: "handshake_failure" });
  });

  it("names alert 70 protocol_version", () => {
    const err = opensslError("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", "x:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 70\n");
    expect(handshakeProblem(err, 3)).toEqual({ reason: "tls-alert", stage: "tls", ms: 3, code: 70, text: "protocol_version" });
  });

  it("says when the server answered with plaintext instead of TLS", () => {
    const err = opensslError("ERR_SSL_WRONG_VERSION_NUMBER", "80AC936F897F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n");
    expect(handshakeProblem(err, 5)).toEqual({ reason: "not-tls", stage: "tls", ms: 5, text: "wrong version number" });
  });

  it("gives OpenSSL's reason and code for other failures", () => {
    const err = opensslError("ERR_SSL_UNEXPECTED_MESSAGE", "80AC936F897F0000:error:0A0000F4:SSL routines:ossl_statem_client_read_transition:unexpected message:../deps/openssl/openssl/ssl/statem/statem_clnt.c:396:\n");
    expect(handshakeProblem(err, 7)).toEqual({ reason: "tls-error", stage: "tls", ms: 7, text: "unexpected message", code: "ERR_SSL_UNEXPECTED_MESSAGE" });
  });

  it("reports a reset or a silent close as the server closing mid-handshake", () => {
    expect(handshakeProblem(opensslError("ECONNRESET", "Client network socket disconnected before secure TLS connection was established"), 9)).toEqual({ reason: "tls-closed", stage: "tls", ms: 9 });
    expect(handshakeProblem(null, 9)).toEqual({ reason: "tls-closed", stage: "tls", ms: 9 });
  });
});
