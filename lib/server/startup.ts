// What a serving process does first: check the environment and open the store, so a bad setting
// stops the server at once, the migrations run, and runs a previous process left "running" are
// marked interrupted before anyone opens their links. The front door goes on before anything
// else, with the run door on /api/runs wired to this process's store, limiter and engine.
import "server-only";
import { runEngine } from "./engine";
import { serverEnv } from "./env";
import { installFrontDoor } from "./front-door";
import { jobSettings, jobSystem } from "./jobs";
import { runLimiter } from "./limits";
import { runDoor, RUNS_PATH } from "./run-door";
import { runStore } from "./store";

export async function startServer(): Promise<void> {
  try {
    const env = serverEnv();
    installFrontDoor({ [RUNS_PATH]: runDoor({ store: runStore, limiter: runLimiter, engine: runEngine, runTimeoutMs: env.runTimeoutMs }, env.trustProxy) });
    await runStore();
    await runLimiter();
    // The engine workers' code is bundled and the workers started now, not at the first run.
    await runEngine().warm();
    // Batches and watches: a bad MAILSEC_API_TOKENS stops the server here; without DATABASE_URL
    // the embedded runner starts, so jobs a previous process left are taken up again.
    jobSettings();
    await jobSystem();
  } catch (err) {
    // Next logs a failed instrumentation hook and keeps serving; a server that cannot run tests must not.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
