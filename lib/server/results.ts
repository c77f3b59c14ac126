// Reading runs back for shared links and the JSON API.
import "server-only";
import type { StoredRun } from "../store";
import { runStore } from "./store";

// Ids are 18 random bytes in base64url (24 characters); anything else is not worth a query.
const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export async function getStoredRun(id: string): Promise<StoredRun | null> {
  if (!RUN_ID_PATTERN.test(id)) return null;
  return (await runStore()).getRun(id);
}
