// Chooses the store: PostgreSQL when a connection string is given, else SQLite under dataDir.
import { openPostgresStore } from "./postgres";
import { openSqliteStore } from "./sqlite";
import type { RunStore } from "./types";

export type { RunMeta, RunOutcome, RunStatus, RunStore, StoredRun } from "./types";
export { openPostgresStore } from "./postgres";
export { openSqliteStore, SQLITE_FILE_NAME } from "./sqlite";

export interface StoreOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** This server process: the owner of the runs it starts. */
  instanceId: string;
}

export async function openRunStore(options: StoreOptions): Promise<RunStore> {
  return options.databaseUrl
    ? openPostgresStore(options.databaseUrl, options.instanceId)
    : openSqliteStore(options.dataDir, options.instanceId);
}
