// The per-destination SMTP connection budget for a worker process: the same budget the web server
// keeps (lib/server/destination-budget*.ts, pure of Next), in PostgreSQL when DATABASE_URL is set,
// so every web instance and every worker count against one figure per destination address.
import type { EngineConfig } from "../checks/engine";
import { memoryDestinationBudget, type DestinationBudget } from "../server/destination-budget";
import { postgresDestinationBudget } from "../server/destination-budget-postgres";

export async function openDestinationBudget(databaseUrl: string | null, perMinute: number): Promise<DestinationBudget> {
  return databaseUrl ? postgresDestinationBudget(databaseUrl, { perMinute }) : memoryDestinationBudget({ perMinute });
}

/** The engine's admission hook over a budget; a budget that cannot be asked does not stop the run. */
export function admitThrough(budget: DestinationBudget): NonNullable<EngineConfig["admitConnection"]> {
  return (ip) =>
    budget.take(ip, new Date()).catch((err: unknown) => {
      console.error("mailsec: the destination budget could not be asked:", err);
      return true;
    });
}
