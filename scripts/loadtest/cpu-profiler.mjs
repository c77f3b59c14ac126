// Preloaded into the server by `npm run loadtest -- --cpu-prof DIR` (node --import): a CPU profile
// of the load window only, not of start-up or the read-back. The first SIGUSR2 starts the V8
// profiler, the second writes DIR/<name>-<pid>.cpuprofile and then DIR/<name>-<pid>.done (name:
// MAILSEC_LOADTEST_PROFILE_NAME; the lab's process takes the same preload). Worker threads load
// this preload too (the server's engine workers inherit node's flags) but get no signals: the
// main thread tells them through a BroadcastChannel, and each writes
// DIR/<name>-<pid>-w<threadId>.cpuprofile (and .done) of its own isolate.
// Plain JavaScript: it runs before anything could compile TypeScript.
import fs from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";
import { BroadcastChannel, isMainThread, threadId } from "node:worker_threads";

const dir = process.env.MAILSEC_LOADTEST_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  const base = path.join(dir, `${process.env.MAILSEC_LOADTEST_PROFILE_NAME ?? "node"}-${process.pid}${isMainThread ? "" : `-w${threadId}`}`);
  let running = false;
  const start = () => {
    if (running) return;
    running = true;
    session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 1000 }, () => session.post("Profiler.start")));
  };
  const stop = () => {
    if (!running) return;
    running = false;
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
      fs.writeFileSync(`${base}.done`, err ? String(err) : "ok");
    });
  };
  const workers = new BroadcastChannel("mailsec-loadtest-profile");
  workers.unref();
  if (isMainThread) {
    process.on("SIGUSR2", () => {
      const command = running ? "stop" : "start";
      workers.postMessage(command);
      if (command === "start") start();
      else stop();
    });
  } else {
    workers.onmessage = (event) => (event.data === "start" ? start() : stop());
  }
}
