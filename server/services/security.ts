import type { Db } from "@/db/client";
import { hitRateLimit, insertAudit, clearRateLimit, type AuditEntry } from "@/db/queries/security";
import { DomainError } from "@/server/errors";
import { decideRateLimit, type RateLimitDecision, type RateLimitPolicy } from "@/server/security/rate-limit";
import { logger } from "@/server/logger";
import type { RequestMeta } from "./context";

// Counts a hit against `policy` for `subject` and throws security.RATE_LIMITED (HTTP 429
// with Retry-After) when the window's limit is exceeded.
export async function enforceRateLimit(db: Db, policy: RateLimitPolicy, subject: string, now: Date): Promise<void> {
  const decision = await checkRateLimit(db, policy, subject, now);
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

export async function checkRateLimit(db: Db, policy: RateLimitPolicy, subject: string, now: Date): Promise<RateLimitDecision> {
  const state = await hitRateLimit(db, `${policy.name}:${subject}`, policy.windowMs, now);
  return decideRateLimit(state, policy, now);
}

export async function resetRateLimit(db: Db, policy: RateLimitPolicy, subject: string) {
  await clearRateLimit(db, `${policy.name}:${subject}`);
}

export function rateLimited(retryAfterSeconds: number) {
  return new DomainError(
    "security.RATE_LIMITED",
    "rate_limited",
    `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

// Best effort: an audit failure is logged loudly but never turns a completed action into an error.
export async function audit(db: Db, meta: RequestMeta | null, entry: Omit<AuditEntry, "ip" | "userAgent" | "requestId">) {
  try {
    await insertAudit(db, { ...entry, ip: meta?.ip, userAgent: meta?.userAgent, requestId: meta?.requestId });
  } catch (err) {
    logger.error({ err, action: entry.action, requestId: meta?.requestId }, "audit write failed");
  }
}
