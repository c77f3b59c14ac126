// Preloaded into the server by `npm run loadtest -- --cpu-prof DIR` (node --import): a CPU profile
// of the load window only, not of start-up or the read-back. The first SIGUSR2 starts the V8
// profiler, the second writes DIR/<name>-<pid>.cpuprofile and then DIR/<name>-<pid>.done (name:
// MAILSEC_LOADTEST_PROFILE_NAME; the lab's process takes the same preload).
// Plain JavaScript: it runs before anything could compile TypeScript.
import fs from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.MAILSEC_LOADTEST_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 1000 }, () => session.post("Profiler.start")));
      return;
    }
    running = false;
    session.post("Profiler.stop", (err, result) => {
      const base = path.join(dir, `${process.env.MAILSEC_LOADTEST_PROFILE_NAME ?? "node"}-${process.pid}`);
      if (!err) fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
      fs.writeFileSync(`${base}.done`, err ? String(err) : "ok");
    });
  });
}
