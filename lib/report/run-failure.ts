// A run that ended without a result says why as data (RunFailure: a key of
// lib/report/i18n/en/run-errors.ts and its params). The store keeps it in a text column (a run's
// `error`, a batch item's `error`), which held an English sentence before and holds the failure as
// JSON now; an old sentence reads back as itself, shown as written in every language.
// Wording it is run-failure-text.ts's (this module stays free of the catalogues, for the store).
import { Message } from "./i18n/types";
import { LEGACY_TEXT_KEY, type RunFailure } from "./schema";

/** The store's text for a failure. */
export function storedFailure(failure: RunFailure): string {
  return JSON.stringify({ key: failure.key, params: failure.params });
}

/** A failure read back from the store: the JSON above, or the English sentence an older version stored. */
export function failureFromStore(text: string): RunFailure {
  if (text.startsWith("{")) {
    try {
      const parsed = Message.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON after all: an old sentence that began with a brace.
    }
  }
  // As long as a Message param may be, so the page's schema reads it back.
  return { key: LEGACY_TEXT_KEY, params: { text: text.slice(0, 4000) } };
}
