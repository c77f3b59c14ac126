// The vitest side of a real PostgreSQL: one throwaway server per test file, started before its
// tests and stopped after them, or a visible skip where PostgreSQL is not installed.
import { afterAll, beforeAll, describe, it } from "vitest";
import { postgresMissing, startPostgres, type PostgresServer } from "./postgres-server";

/**
 * Registers `suite` with a getter for the server's connection URL (valid once the tests run).
 * Without PostgreSQL, one skipped describe titled "<subject>: skipped, <why>" stands in for it.
 */
export function withPostgres(subject: string, suite: (url: () => string) => void): void {
  if (postgresMissing) {
    describe.skip(`${subject}: skipped, ${postgresMissing}`, () => {
      it("needs Debian's postgresql package", () => undefined);
    });
    return;
  }
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 90_000);
  afterAll(() => server?.stop(), 60_000);
  suite(() => {
    if (!server) throw new Error("PostgreSQL did not start");
    return server.url;
  });
}
