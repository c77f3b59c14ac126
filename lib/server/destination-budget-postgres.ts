// The per-destination connection budget in PostgreSQL (DATABASE_URL), so app instances and batch
// workers share it: one row per destination and minute, taken by a single conditional upsert
// (no lock: the row lock of ON CONFLICT serialises concurrent takers of the same destination).
import { inLockedTransaction, openPool } from "../store/pg-pool";
import { destinationKey, WINDOW_MS, type DestinationBudget, type DestinationBudgetSettings } from "./destination-budget";

const SCHEMA = `CREATE TABLE IF NOT EXISTS mailsec_destination_budget (
    destination TEXT NOT NULL,
    window_index BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (destination, window_index)
  )`;

// Two instances creating the table at once can collide in the catalogue: serialise on a lock
// distinct from the store's and the run limiter's.
const SCHEMA_LOCK = 76_720_004;

/** Every this many takes, windows older than the previous minute are deleted. */
const SWEEP_EVERY = 200;

export async function postgresDestinationBudget(connectionString: string, settings: DestinationBudgetSettings): Promise<DestinationBudget> {
  const pool = await openPool(connectionString, 4, async (p) => {
    await inLockedTransaction(p, SCHEMA_LOCK, (client) => client.query(SCHEMA));
  });
  let takes = 0;
  return {
    async take(ip, now) {
      const window = Math.floor(now.getTime() / WINDOW_MS);
      if (++takes % SWEEP_EVERY === 0) await pool.query("DELETE FROM mailsec_destination_budget WHERE window_index < $1", [window - 1]);
      // The UPDATE branch only runs below the limit; at the limit no row comes back: refused, nothing counted.
      const { rowCount } = await pool.query(
        `INSERT INTO mailsec_destination_budget (destination, window_index, hits) VALUES ($1, $2, 1)
         ON CONFLICT (destination, window_index) DO UPDATE SET hits = mailsec_destination_budget.hits + 1
         WHERE mailsec_destination_budget.hits < $3
         RETURNING hits`,
        [destinationKey(ip), window, settings.perMinute],
      );
      return (rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}
