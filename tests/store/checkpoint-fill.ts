// The measure both checkpoint tests take (sqlite-checkpoint.test.ts in-process,
// sqlite-checkpointer-cwd.test.ts in a child started elsewhere): ~300 pages committed, far below the
// main connection's backstop, so they reach the database file only through the checkpoint thread.
import fs from "node:fs";
import path from "node:path";
import { SQLITE_FILE_NAME, type RunStore } from "../../lib/store";

/** Commits ~1.2 MB of events to a fresh run and says whether the pages reached the file. */
export async function fillAndWaitForCheckpoint(store: Pick<RunStore, "createRun" | "appendEventText">, dir: string, id: string): Promise<boolean> {
  const file = path.join(dir, SQLITE_FILE_NAME);
  // Let a checkpoint after the migrations pass, then measure from there.
  await new Promise((resolve) => setTimeout(resolve, 600));
  const before = fs.statSync(file).size;
  await store.createRun({ id, test: "dane", input: "ckpt.test", startedAt: new Date() });
  const event = JSON.stringify({ type: "step", pad: "x".repeat(3000) });
  await Promise.all(Array.from({ length: 400 }, () => store.appendEventText(id, event)));
  // Bounded by the thread's start and a loaded machine, not by the 250 ms period: wait for the
  // pages themselves (a checkpoint may copy them in more than one pass).
  const wanted = before + 300 * 3000;
  let after = before;
  for (let i = 0; i < 200 && after <= wanted; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = fs.statSync(file).size;
  }
  return after > wanted;
}
