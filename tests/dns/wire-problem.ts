// What a WireError says, as data: the tests of the decoders read its problem (kind, offset, field),
// not a sentence (lib/report/i18n words it; tests/dns/transport-words.test.ts reads those words).
import { WireError, type WireProblem } from "../../lib/dns/errors";

/** The WireError `run` throws; fails the test when it returns or throws anything else. */
export function wireProblem(run: () => unknown): WireProblem {
  try {
    run();
  } catch (err) {
    if (err instanceof WireError) return err.problem;
    throw err;
  }
  throw new Error("expected a WireError");
}
