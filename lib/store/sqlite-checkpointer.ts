// The SQLite checkpoint thread's code (sqlite.ts startCheckpointer): CommonJS kept as a string and
// evaluated as the worker's entry, so no bundler (Next's, esbuild's) rewrites its require();
// better-sqlite3 is found from the working directory, as the server finds it (it is an external
// package of the Next build).
export const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;
