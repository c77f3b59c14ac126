// The run store's port: lib/server writes each event as it happens and reads runs back for
// shared links. SQLite and PostgreSQL implement it with one schema.
import type { ResultDocument, RunEvent, RunFailure, Step, TestKind } from "../report/schema";

export type RunStatus = "running" | "done" | "error" | "interrupted";

export interface RunMeta {
  id: string;
  test: TestKind;
  input: string;
  startedAt: Date;
}

/** `failure`: why the run ended without a result (a key and params, worded by the reader's language). */
export type RunOutcome = { result: ResultDocument } | { failure: RunFailure };

export interface StoredRun {
  id: string;
  test: TestKind;
  input: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** The tree so far: the result's steps when done, else rebuilt from the stored step events. */
  steps: Step[];
  result: ResultDocument | null;
  /** Why the run ended without a result; a run stored before failures were keys reads as its sentence (legacy.text). */
  failure: RunFailure | null;
}

/**
 * A run's writes (createRun, appendEvent, finishRun) are applied in the order they are called,
 * even when the caller does not wait for one before asking for the next; each promise resolves
 * once the write is committed.
 */
export interface RunStore {
  createRun(meta: RunMeta): Promise<void>;
  /** `text`: the event already serialised (JSON.stringify(event)), when the caller has it. */
  appendEvent(id: string, event: RunEvent, text?: string): Promise<void>;
  /** A step event already serialised (by an engine worker, lib/server/engine-pool.ts): the row appendEvent writes. */
  appendEventText(id: string, text: string): Promise<void>;
  finishRun(id: string, outcome: RunOutcome, at: Date): Promise<void>;
  /** finishRun with a result document already serialised (by an engine worker): the row finishRun writes. */
  finishRunText(id: string, resultText: string, at: Date): Promise<void>;
  getRun(id: string): Promise<StoredRun | null>;
  /** Records that this server instance is alive (runs it owns must not be marked interrupted). */
  heartbeat(at: Date): Promise<void>;
  /**
   * Marks as interrupted the runs still "running" whose owner is another instance with no
   * heartbeat since `staleBefore` (a dead process); returns how many. Own runs are never touched.
   */
  markInterrupted(at: Date, staleBefore: Date): Promise<number>;
  /** Deletes runs started before `olderThan`, with their events; returns how many. */
  expire(olderThan: Date): Promise<number>;
  close(): Promise<void>;
}
