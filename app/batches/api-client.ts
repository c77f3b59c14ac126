"use client";
// The batch and watch pages talk to the token-protected API from the browser: the token is kept
// for this tab only (sessionStorage), sent as a Bearer header, never put in a URL. Every answer
// is read as JSON; a refusal's sentence is shown as the server wrote it. When the server gave
// none (unreachable, a bare status), the answer says so as a value and the page words it in the
// reader's language (useApiError), as is a refusal the server also gave as a key and params.
import { Message } from "@/lib/report/i18n/types";

const TOKEN_KEY = "mailsec.apiToken";

export function savedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

const listeners = new Set<() => void>();

/** For useSyncExternalStore: the token field re-renders when the token changes. */
export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (private mode): the token is asked for again on the next page.
  }
  for (const listener of listeners) listener();
}

/** The refused inputs of a batch just created, handed from the form to the batch's page. */
export function refusedOf(id: string): string {
  try {
    return sessionStorage.getItem(`mailsec.refused.${id}`) ?? "[]";
  } catch {
    return "[]";
  }
}

/**
 * A failed answer's words: the server's own sentence (and, when it sent one, the same refusal as a
 * key and params, for the page's language), or a status (0: the server was not reached) for the page to word.
 */
export type ApiProblem = { text: string; refusal?: Message } | { status: number };

export type ApiAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiProblem; body: unknown };

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: { ...init.headers, authorization: `Bearer ${savedToken()}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    return { ok: false, status: 0, error: { status: 0 }, body: null };
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  const refusal = body && typeof body === "object" && "refusal" in body ? Message.safeParse(body.refusal) : null;
  const error: ApiProblem =
    body && typeof body === "object" && "error" in body && typeof body.error === "string" ? { text: body.error, ...(refusal?.success ? { refusal: refusal.data } : {}) } : { status: response.status };
  return { ok: false, status: response.status, error, body };
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<ApiProblem | null> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${savedToken()}` } }).catch(() => null);
  if (!response?.ok) return { status: response?.status ?? 0 };
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
  return null;
}
