// The SQLite checkpoint thread's code (sqlite.ts startCheckpointer): CommonJS kept as a string and
// evaluated as the worker's entry, so no bundler (Next's, esbuild's) rewrites its require().
// An eval'd worker's require() resolves from the working directory, which a server started
// elsewhere does not share (the thread then dies at once and the main connection's backstop
// checkpoints alone); so the thread requires the very file of better-sqlite3 the store loaded.
import Database from "better-sqlite3";
import { createRequire } from "node:module";

/**
 * Where the store's better-sqlite3 came from: require.cache holds every CommonJS module loaded, by
 * its absolute file, whichever bundler wrote the import (Next's externals, esbuild's, tsx). The
 * package's name as before when it is not there.
 */
function loadedBetterSqlite3(): string {
  const cache = createRequire(process.execPath).cache;
  for (const loaded of Object.values(cache)) if (loaded?.exports === Database && loaded.filename) return loaded.filename;
  return "better-sqlite3";
}

export const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(${JSON.stringify(loadedBetterSqlite3())});
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;
