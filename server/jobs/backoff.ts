// Pure timing rules of the job runner (server/jobs/runner.ts): how long a failed run waits
// before its next attempt, how long the poll loop backs off while the database is down, and
// which slot a recurring job belongs to. No clock and no randomness of their own: callers pass
// `now` and `rng` (CONVENTIONS §2.3), so the rules are tested exactly.

export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * Delay before attempt `attempt + 1` of a run whose attempt number `attempt` (1-based, as in
 * jobs.attempts after the claim) failed: exponential (base × 2^(attempt−1)), capped, with
 * "equal jitter": half the ceiling is fixed, the other half uniform in [0, ceiling/2). The fixed
 * half keeps the growth (a retry storm after an outage still spreads out over ever longer
 * windows); the random half decorrelates workers that failed at the same moment.
 */
export function retryDelayMs(
  attempt: number,
  rng: () => number,
  opts: { baseMs?: number; capMs?: number } = {},
): number {
  const base = opts.baseMs ?? RETRY_BASE_MS;
  const cap = opts.capMs ?? RETRY_CAP_MS;
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n−1) overflows to Infinity for huge n; min() keeps it at the cap.
  const ceiling = Math.min(cap, base * 2 ** (n - 1));
  const r = Math.min(Math.max(rng(), 0), 1 - Number.EPSILON);
  return Math.floor(ceiling / 2 + r * (ceiling / 2));
}

/**
 * Wait of the poll loop after `failures` consecutive failed polls (database unreachable or
 * restarting): 250 ms doubling to 5 s, with the same equal jitter. Short on purpose: a
 * PostgreSQL restart takes a second or two and the worker should be back right after.
 */
export function pollBackoffMs(failures: number, rng: () => number): number {
  return retryDelayMs(failures, rng, { baseMs: 250, capMs: 5_000 });
}

/** The slot of a recurring job at `nowMs`: slot n covers [n × everyMs, (n+1) × everyMs). */
export function recurringSlot(nowMs: number, everyMs: number): number {
  if (!(everyMs > 0)) throw new Error(`recurring everyMs must be positive, got ${everyMs}`);
  return Math.floor(nowMs / everyMs);
}

/** The idempotency key of a recurring job's slot: one job per slot across all workers. */
export function recurringKey(queue: string, slot: number): string {
  return `${queue}:${slot}`;
}
