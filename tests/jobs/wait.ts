// A bounded wait for a condition the jobs make true: polls, and fails with `what` at the bound.
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what = "the condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
