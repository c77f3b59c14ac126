// Group commit for the SQLite store: the writes asked for during one turn of the event loop (the
// step events of every run in progress, their creations and finishes) are committed together in
// one transaction at the next setImmediate, instead of one transaction (one WAL append) each.
// Each write's promise resolves only once its transaction has committed, so a caller that waits
// for a write before showing the event (lib/server/runs.ts) never shows a step that a crash
// could lose; writes are applied in the order they were asked for.

interface Pending {
  apply: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommit {
  /** Queues `apply` (synchronous statements); resolves once the transaction holding it committed. */
  write(apply: () => void): Promise<void>;
  /** Commits what is queued now, synchronously (before close, or before a read that must see it). */
  flush(): void;
}

// One transaction's worth; a larger backlog is committed in several, in order.
const MAX_WRITES_PER_TRANSACTION = 2000;

/** `transaction(fn)` runs fn inside BEGIN ... COMMIT (better-sqlite3's db.transaction), rolling back when it throws. */
export function groupCommit(transaction: (fn: () => void) => void): GroupCommit {
  let queue: Pending[] = [];
  let scheduled = false;

  const commit = (batch: readonly Pending[]): void => {
    try {
      transaction(() => {
        for (const p of batch) p.apply();
      });
      for (const p of batch) p.resolve();
    } catch {
      // One bad write (a constraint, a full disk) must not take the others with it: each alone.
      for (const p of batch) {
        try {
          transaction(p.apply);
          p.resolve();
        } catch (err) {
          p.reject(err);
        }
      }
    }
  };

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_WRITES_PER_TRANSACTION);
      queue = queue.slice(batch.length);
      commit(batch);
    }
  };

  return {
    write(apply) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ apply, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
