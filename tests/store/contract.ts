// The behaviour every RunStore must have, run against SQLite and PostgreSQL alike.
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../lib/store";
import { partialEvents, resultDocument, step } from "./fixtures";

let counter = 0;
function freshId(): string {
  counter += 1;
  return `run${String(counter).padStart(4, "0")}${"x".repeat(18)}`;
}

export function runStoreContract(name: string, openAs: (instanceId: string) => Promise<RunStore>): void {
  const open = (): Promise<RunStore> => openAs("instance-a");
  describe(`${name} run store`, () => {
    it("rebuilds an unfinished run's tree from its step events in reading order", async () => {
      const store = await open();
      const id = freshId();
      await store.createRun({ id, test: "dane", input: "example.test", startedAt: new Date("2026-11-28T10:00:00Z") });
      for (const event of partialEvents) await store.appendEvent(id, event);
      const run = await store.getRun(id);
      expect(run?.status).toBe("running");
      expect(run?.result).toBeNull();
      expect(run?.startedAt).toBe("2026-11-28T10:00:00.000Z");
      expect(run?.steps.map((s) => s.id)).toEqual(["mx"]);
      expect(run?.steps[0]?.children.map((s) => [s.id, s.status])).toEqual([
        ["mx/a", "running"],
        ["mx/b", "error"],
      ]);
      await store.close();
    });

    it("keeps the result document of a finished run and reads it back parsed", async () => {
      const store = await open();
      const id = freshId();
      await store.createRun({ id, test: "dane", input: "example.test", startedAt: new Date() });
      await store.appendEvent(id, partialEvents[0]!);
      await store.finishRun(id, { result: resultDocument(id) }, new Date("2026-11-28T10:00:02Z"));
      const run = await store.getRun(id);
      expect(run?.status).toBe("done");
      expect(run?.finishedAt).toBe("2026-11-28T10:00:02.000Z");
      expect(run?.result).toEqual(resultDocument(id));
      expect(run?.steps).toEqual(resultDocument(id).steps);
      await store.close();
    });

    it("stores an engine worker's serialised events and result as appendEvent and finishRun do", async () => {
      const store = await open();
      const id = freshId();
      await store.createRun({ id, test: "dane", input: "example.test", startedAt: new Date() });
      const writes = partialEvents.map((event) => store.appendEventText(id, JSON.stringify(event)));
      await Promise.all(writes);
      const running = await store.getRun(id);
      expect(running?.steps[0]?.children.map((s) => [s.id, s.status])).toEqual([
        ["mx/a", "running"],
        ["mx/b", "error"],
      ]);
      await store.finishRunText(id, JSON.stringify(resultDocument(id)), new Date("2026-11-28T10:00:03Z"));
      const run = await store.getRun(id);
      expect(run).toMatchObject({ status: "done", finishedAt: "2026-11-28T10:00:03.000Z", failure: null });
      expect(run?.result).toEqual(resultDocument(id));
      await store.close();
    });

    it("records an engine error with the steps done so far", async () => {
      const store = await open();
      const id = freshId();
      await store.createRun({ id, test: "inbound", input: "user@example.test", startedAt: new Date() });
      await store.appendEvent(id, { type: "step", step: step("mx", "error"), parentId: null, index: 0 });
      const failure = { key: "run.noResolver", params: { name: "example.test.", type: "MX", problem: "timeout" } };
      await store.finishRun(id, { failure }, new Date());
      const run = await store.getRun(id);
      // The failure comes back as it went in: a key and its params, for each reader to word.
      expect(run).toMatchObject({ status: "error", failure, test: "inbound", input: "user@example.test" });
      expect(run?.steps.map((s) => s.status)).toEqual(["error"]);
      await store.close();
    });

    it("marks runs a dead server left running as interrupted, keeping every step, and survives reopening", async () => {
      const first = await openAs("dead-instance");
      const id = freshId();
      await first.createRun({ id, test: "dane", input: "example.test", startedAt: new Date() });
      for (const event of partialEvents) await first.appendEvent(id, event);
      await first.close();

      const second = await openAs("restarted-instance");
      const now = new Date();
      expect(await second.markInterrupted(now, now)).toBeGreaterThanOrEqual(1);
      const run = await second.getRun(id);
      expect(run?.status).toBe("interrupted");
      expect(run?.finishedAt).toBe(now.toISOString());
      expect(run?.steps[0]?.children).toHaveLength(2);
      // A late finish from a process that was thought dead must not overwrite the verdict.
      await second.finishRun(id, { failure: { key: "run.noResult", params: {} } }, new Date());
      expect((await second.getRun(id))?.status).toBe("interrupted");
      await second.close();
    });

    it("leaves the runs of a live instance and its own runs alone", async () => {
      const live = await openAs("live-instance");
      const other = await openAs("other-instance");
      const t0 = new Date("2026-11-28T12:00:00Z");
      const liveRun = freshId();
      const ownRun = freshId();
      await live.createRun({ id: liveRun, test: "dane", input: "live.test", startedAt: t0 });
      await other.createRun({ id: ownRun, test: "dane", input: "own.test", startedAt: t0 });
      await live.heartbeat(t0);
      // The live instance beat within the window: its run keeps running; the caller's own run too.
      await other.markInterrupted(new Date(t0.getTime() + 20_000), new Date(t0.getTime() - 10_000));
      expect((await other.getRun(liveRun))?.status).toBe("running");
      expect((await other.getRun(ownRun))?.status).toBe("running");
      // Silent since before the cutoff: its run is orphaned.
      await other.markInterrupted(new Date(t0.getTime() + 60_000), new Date(t0.getTime() + 30_000));
      expect((await other.getRun(liveRun))?.status).toBe("interrupted");
      expect((await other.getRun(ownRun))?.status).toBe("running");
      await live.close();
      await other.close();
    });

    it("expires runs started before the cutoff and leaves newer ones", async () => {
      const store = await open();
      const oldId = freshId();
      const newId = freshId();
      await store.createRun({ id: oldId, test: "dane", input: "old.test", startedAt: new Date("2020-01-01T00:00:00Z") });
      await store.appendEvent(oldId, partialEvents[0]!);
      await store.createRun({ id: newId, test: "dane", input: "new.test", startedAt: new Date() });
      expect(await store.expire(new Date("2021-01-01T00:00:00Z"))).toBe(1);
      expect(await store.getRun(oldId)).toBeNull();
      expect((await store.getRun(newId))?.input).toBe("new.test");
      await store.close();
    });

    it("applies a run's writes in the order asked when the caller does not wait between them", async () => {
      const store = await open();
      const id = freshId();
      const other = freshId();
      // Two runs interleaved, as the server asks for them: nothing awaited until the last write.
      const writes = [
        store.createRun({ id, test: "dane", input: "order.test", startedAt: new Date() }),
        store.createRun({ id: other, test: "dane", input: "other.test", startedAt: new Date() }),
      ];
      for (const event of partialEvents) writes.push(store.appendEvent(id, event), store.appendEvent(other, event, JSON.stringify(event)));
      // The same step running, then failed: out of order it would read "running".
      writes.push(store.appendEvent(id, { type: "step", step: step("mx", "error"), parentId: null, index: 0 }));
      await Promise.all(writes);
      const run = await store.getRun(id);
      expect(run?.steps.map((s) => [s.id, s.status])).toEqual([["mx", "error"]]);
      expect(run?.steps[0]?.children.map((s) => [s.id, s.status])).toEqual([
        ["mx/a", "running"],
        ["mx/b", "error"],
      ]);
      expect((await store.getRun(other))?.steps[0]?.children).toHaveLength(2);
      // The finish asked for right after the last event lands after it.
      const last = store.appendEvent(id, partialEvents[0]!);
      const finished = store.finishRun(id, { failure: { key: "run.internal", params: {} } }, new Date());
      await Promise.all([last, finished]);
      expect(await store.getRun(id)).toMatchObject({ status: "error", failure: { key: "run.internal", params: {} } });
      await store.close();
    });

    it("has a write readable by another connection as soon as its promise resolved (a crash after it loses nothing)", async () => {
      const writer = await openAs("about-to-die");
      const id = freshId();
      await writer.createRun({ id, test: "dane", input: "crash.test", startedAt: new Date() });
      await Promise.all(partialEvents.map((e) => writer.appendEvent(id, e)));
      // A second connection while the writer is still open (never closed, as after a SIGKILL).
      const reader = await openAs("reader");
      expect((await reader.getRun(id))?.steps[0]?.children).toHaveLength(2);
      await reader.close();
      await writer.close();
    });

    it("returns null for an unknown id", async () => {
      const store = await open();
      expect(await store.getRun("nope".repeat(6))).toBeNull();
      await store.close();
    });
  });
}
