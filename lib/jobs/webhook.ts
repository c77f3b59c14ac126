// Sending a watch's webhook: a JSON body signed with HMAC-SHA256 under the watch's secret, sent
// only to an address the outbound guard allows (the same policy as SMTP: loopback and private
// ranges only with allow-private), connecting to the very address that was checked so a second
// DNS answer cannot redirect it. No redirects are followed; any 2xx is delivery.
import crypto from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { message } from "../report/i18n/message";
import { renderMessage } from "../report/i18n/render";
import { checkTarget, guardReasonParams } from "../smtp/guard";

export const SIGNATURE_HEADER = "x-mailsec-signature";
export const DELIVERY_HEADER = "x-mailsec-delivery";
const MAX_RESPONSE_BYTES = 64 * 1024;

/** "sha256=<hex>" of HMAC-SHA256(secret, `${timestamp}.${body}`): the timestamp stops replays. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type Delivery = { ok: true; status: number } | { ok: false; error: string };

export interface WebhookOptions {
  allowPrivate: boolean;
  timeoutMs: number;
}

/** Why a webhook URL cannot be used (scheme, credentials), or null. Checked when a watch is created too. */
export function webhookUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http:// or https:// URL";
  if (url.username || url.password) return "must not carry a user name or password";
  return null;
}

function refused(ip: string, options: WebhookOptions): string | null {
  const verdict = checkTarget(ip, { allowPrivate: options.allowPrivate });
  // The operator's delivery log is English, worded by the same catalogue text as a run's.
  return verdict.allowed ? null : `${ip} is ${renderMessage("en", message("guard.reason", guardReasonParams(verdict, ip)))}; webhooks are not sent there`;
}

export async function sendWebhook(target: string, body: string, secret: string, deliveryId: string, options: WebhookOptions): Promise<Delivery> {
  const problem = webhookUrlProblem(target);
  if (problem) return { ok: false, error: `the webhook URL ${problem}` };
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    const no = refused(host, options);
    if (no) return { ok: false, error: no };
  }
  // Node connects to literal addresses without a lookup; for names, the guard runs on the answer.
  const lookup: net.LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const allowed = addresses.find((a) => refused(a.address, options) === null);
      if (!allowed) return callback(new Error(addresses.map((a) => refused(a.address, options)).join("; ") || `${hostname} has no address`), "", 0);
      if (lookupOptions.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [allowed]);
      callback(null, allowed.address, allowed.family);
    });
  };
  const timestamp = String(Math.floor(Date.now() / 1000));
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Delivery>((resolve) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup,
        timeout: options.timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "mailsec-webhook",
          "x-mailsec-timestamp": timestamp,
          [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
          [DELIVERY_HEADER]: deliveryId,
        },
      },
      (response) => {
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("close", () => {
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `the receiver answered HTTP ${status}` });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", (err) => resolve({ ok: false, error: err.message }));
    request.end(body);
  });
}
