// A run's failure (lib/report/run-failure.ts) in words: for a reader in their language, and as the
// English `message` the wire keeps beside it for version 3 readers (docs/ARCHITECTURE.md).
import { renderMessage, type Locale } from "./i18n/render";
import type { RunEvent, RunFailure } from "./schema";

/** The failure in `locale`, for a reader. */
export function failureText(locale: Locale, failure: RunFailure): string {
  return renderMessage(locale, failure);
}

/** The failure in English for the wire: never throws, a key an older catalogue lacks shows as [key]. */
export function englishFailure(failure: RunFailure): string {
  return renderMessage("en", failure, { strict: false });
}

/** An event as the API streams it and `mailsec --json` prints it: an error event gains its English `message`. */
export type WireEvent = Exclude<RunEvent, { type: "error" }> | (Extract<RunEvent, { type: "error" }> & { message: string });

export function onTheWire(event: RunEvent): WireEvent {
  return event.type === "error" ? { ...event, message: englishFailure(event.failure) } : event;
}
