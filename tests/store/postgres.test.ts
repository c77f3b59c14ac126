import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../lib/store";
import { MIGRATIONS } from "../../lib/store/migrations";
import { withPostgres } from "../helpers/postgres";
import { runStoreContract } from "./contract";

withPostgres("PostgreSQL run store", (url) => {
  runStoreContract("PostgreSQL", (instanceId) => openPostgresStore(url(), instanceId));

  describe("PostgreSQL migrations", () => {
    it("apply once when two instances start together on an empty database", async () => {
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      await admin.query("CREATE DATABASE fresh_start");
      await admin.end();
      const freshUrl = url().replace(/\/postgres$/, "/fresh_start");
      const stores = await Promise.all([openPostgresStore(freshUrl, "a"), openPostgresStore(freshUrl, "b")]);
      await Promise.all(stores.map((s) => s.close()));
      const client = new pg.Client({ connectionString: freshUrl });
      await client.connect();
      const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
      await client.end();
      expect(rows).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    });
  });
});
