// Checking an API token for batches and watches (MAILSEC_API_TOKENS, `Authorization: Bearer
// <token>`). Pure, so it is tested without Next; lib/server/api-token.ts is the route's side.
// Compared in constant time: both sides are hashed to 32 bytes first, so neither the length nor
// the first differing byte shows in the timing, and every configured token is compared before
// the answer is known.
import crypto from "node:crypto";

export type TokenCheck = { ok: true } | { ok: false; status: 401 | 403; message: string };

function digest(text: string): Buffer {
  return crypto.createHash("sha256").update(text, "utf8").digest();
}

export function tokenMatches(presented: string, tokens: readonly string[]): boolean {
  const given = digest(presented);
  let match = false;
  for (const token of tokens) match = crypto.timingSafeEqual(given, digest(token)) || match;
  return match;
}

export function checkBearer(authorization: string | null, tokens: readonly string[]): TokenCheck {
  if (tokens.length === 0) return { ok: false, status: 403, message: "Batches and watches are off on this server: it has no MAILSEC_API_TOKENS." };
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  if (!match?.[1]) return { ok: false, status: 401, message: "Send an API token: Authorization: Bearer <token>." };
  return tokenMatches(match[1], tokens) ? { ok: true } : { ok: false, status: 401, message: "That API token is not valid here." };
}
