// The run limits shared by every app instance on one PostgreSQL (DATABASE_URL): one table holds
// each client's window ("client:<addr>") and each run's slot ("run:<id>"). An admission is one
// transaction under an advisory lock, so two instances cannot both take the last slot or the
// last run of a window; a refusal rolls back and costs the client nothing.
import pg from "pg";
import { inLockedTransaction, openPool } from "../store/pg-pool";
import { busyRefusal, clientRefusal, type Admission, type RateLimitSettings, type RunLimiter } from "./rate-limit";

// Any fixed numbers, distinct from the store's migration lock: the same for every instance.
const SCHEMA_LOCK = 76_720_002;
const ADMIT_LOCK = 76_720_003;

// Times are epoch milliseconds passed in by the caller, so the clock is a parameter (tests move it).
const SCHEMA = `CREATE TABLE IF NOT EXISTS mailsec_limits (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS mailsec_limits_expires_at ON mailsec_limits (expires_at)`;

export async function postgresRunLimiter(connectionString: string, settings: RateLimitSettings): Promise<RunLimiter> {
  const pool = await openPool(connectionString, 4, async (p) => {
    await inLockedTransaction(p, SCHEMA_LOCK, (client) => client.query(SCHEMA));
  });

  return {
    async admit(clientKey, runId, at) {
      const now = at.getTime();
      const decide = async (client: pg.PoolClient): Promise<Admission> => {
        await client.query("DELETE FROM mailsec_limits WHERE expires_at <= $1", [now]);
        const limit = settings.perClient;
        if (limit) {
          const { rows } = await client.query<{ hits: number; window_start: string }>(
            `INSERT INTO mailsec_limits (key, hits, window_start, expires_at) VALUES ($1, 1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET hits = mailsec_limits.hits + 1
             RETURNING hits, window_start`,
            [`client:${clientKey}`, now, now + limit.windowMs],
          );
          const row = rows[0];
          if (row && row.hits > limit.runs) {
            return clientRefusal(row.hits - 1, limit.windowMs, Number(row.window_start) + limit.windowMs - now);
          }
        }
        const { rows } = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM mailsec_limits WHERE key LIKE 'run:%'");
        if (Number(rows[0]?.n ?? 0) >= settings.maxConcurrent) {
          return busyRefusal(settings.maxConcurrent);
        }
        await client.query("INSERT INTO mailsec_limits (key, hits, window_start, expires_at) VALUES ($1, 1, $2, $3)", [
          `run:${runId}`,
          now,
          now + settings.slotTtlMs,
        ]);
        return { ok: true };
      };
      // A refusal rolls back: the client's count is only spent on a run that starts.
      return inLockedTransaction(pool, ADMIT_LOCK, decide, (admission) => admission.ok);
    },
    async release(runId) {
      await pool.query("DELETE FROM mailsec_limits WHERE key = $1", [`run:${runId}`]);
    },
    async close() {
      await pool.end();
    },
  };
}
