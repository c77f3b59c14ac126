// The language-independent half of every text mailsec shows. A step's title and summary are a
// Message (a catalogue key with its parameters), a finding is `{ code, params }`
// (lib/report/findings): the stored run keeps these, and each reader's language renders them
// (lib/report/i18n/render.ts), so a shared link reads in the reader's language, not the runner's.
import { z } from "zod";

export const LOCALES = ["en", "pt-PT"] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const DEFAULT_LOCALE: Locale = "en";

/** A scalar, or a list of flat records (a finding's `attempts`): render.ts words each entry, ICU never sees a list. */
export const MessageParamValue = z.union([z.string().max(4000), z.number(), z.array(z.record(z.string().max(100), z.union([z.string().max(2000), z.number()]))).max(32).readonly()]);
export type MessageParamValue = z.infer<typeof MessageParamValue>;
export type MessageParams = Record<string, MessageParamValue>;

/** A catalogue key (lib/report/i18n/en/steps.ts) and the ICU parameters its text uses. */
export interface Message {
  key: string;
  params: MessageParams;
}

export const Message: z.ZodType<Message, Message> = z.object({
  key: z.string().min(1).max(200),
  params: z.record(z.string().max(100), MessageParamValue),
});

/** What one language says about one finding code: ICU messages over the finding's params. */
export interface FindingTexts {
  message: string;
  why: string;
  /** Empty for purely informational findings. */
  remediation: string;
}
