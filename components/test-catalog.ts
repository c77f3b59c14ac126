// The four tests in the order the home page offers them: the DANE test first (Enter runs it).
// Their names and descriptions are UI strings (messages/*.json, "tests.<kind>").
import type { TestKind } from "@/lib/report/schema";

export const TEST_ORDER: readonly TestKind[] = ["dane", "inbound", "dnssec", "exchange"];
