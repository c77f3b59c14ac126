// Builds the Messages the presenter puts in steps: the key is checked against the English
// catalogue (lib/report/i18n/en/steps.ts) at compile time, so a step cannot name a text that
// does not exist.
import type { StepKey } from "./en/steps";
import type { Message, MessageParams } from "./types";

export type { Message, MessageParams } from "./types";
export type { StepKey } from "./en/steps";

export function message(key: StepKey, params: MessageParams = {}): Message {
  return { key, params };
}

/** ICU `select` arguments are strings: a flag travels as "yes" or "no". */
export function flag(value: boolean): "yes" | "no" {
  return value ? "yes" : "no";
}
