// describeHandshakeError on the exact errors node:tls (OpenSSL 3) raised against the lab's
// hostile peers; the texts were captured from real handshakes on loopback.
import { describe, expect, it } from "vitest";
import { describeHandshakeError } from "../../lib/smtp";

function opensslError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe("describeHandshakeError", () => {
  it("names the alert the server sent", () => {
    const err = opensslError(
      "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
      "80AC936F897F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 40\n",
    );
    expect(describeHandshakeError(err, 12)).toBe("The TLS handshake failed (after 12 ms): the server sent alert 40 handshake_failure.");
  });

  it("names alert 70 protocol_version", () => {
    const err = opensslError("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", "x:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 70\n");
    expect(describeHandshakeError(err, 3)).toBe("The TLS handshake failed (after 3 ms): the server sent alert 70 protocol_version.");
  });

  it("says when the server answered with plaintext instead of TLS", () => {
    const err = opensslError("ERR_SSL_WRONG_VERSION_NUMBER", "80AC936F897F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n");
    expect(describeHandshakeError(err, 5)).toBe(
      "The TLS handshake failed (after 5 ms): the server answered the ClientHello with bytes that are not TLS (OpenSSL: wrong version number); it may still be speaking plaintext.",
    );
  });

  it("gives OpenSSL's reason and code for other failures", () => {
    const err = opensslError("ERR_SSL_UNEXPECTED_MESSAGE", "80AC936F897F0000:error:0A0000F4:SSL routines:ossl_statem_client_read_transition:unexpected message:../deps/openssl/openssl/ssl/statem/statem_clnt.c:396:\n");
    expect(describeHandshakeError(err, 7)).toBe("The TLS handshake failed (after 7 ms): unexpected message (ERR_SSL_UNEXPECTED_MESSAGE).");
  });

  it("reports a reset or a silent close as the server closing mid-handshake", () => {
    expect(describeHandshakeError(opensslError("ECONNRESET", "Client network socket disconnected before secure TLS connection was established"), 9)).toBe(
      "The server closed the connection during the TLS handshake (after 9 ms).",
    );
    expect(describeHandshakeError(null, 9)).toBe("The server closed the connection during the TLS handshake (after 9 ms).");
  });
});
