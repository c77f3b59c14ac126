// The messages between the benchmark and its lab child process (IPC), checked with zod on arrival.
import { z } from "zod";

export const LabRequest = z.discriminatedUnion("type", [z.object({ type: z.literal("stats") }), z.object({ type: z.literal("stop") })]);
export type LabRequest = z.infer<typeof LabRequest>;

const LabReadyShape = z.object({
  type: z.literal("ready"),
  resolver: z.object({ host: z.string(), port: z.number().int() }),
  smtpPort: z.number().int(),
  trustAnchorText: z.string(),
  /** ISO-8601: the validation time the lab's signatures and certificates are good at. */
  now: z.string(),
});
export type LabReady = z.infer<typeof LabReadyShape>;

export const LabReply = z.discriminatedUnion("type", [
  LabReadyShape,
  z.object({ type: z.literal("stats"), udp: z.number().int(), tcp: z.number().int() }),
  z.object({ type: z.literal("failed"), message: z.string() }),
]);
export type LabReply = z.infer<typeof LabReply>;
