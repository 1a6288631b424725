// Fixed-window rate limit decisions. Pure: the counter comes from the database.
export type RateLimitPolicy = { name: string; limit: number; windowMs: number };

export const RATE_LIMITS = {
  // Per IP, every sign-in attempt (password or SIWE).
  signInIp: { name: "signin-ip", limit: 30, windowMs: 5 * 60_000 },
  // Per account: failed password attempts before the account is throttled.
  signInFailures: { name: "signin-fail", limit: 5, windowMs: 15 * 60_000 },
  signUpIp: { name: "signup-ip", limit: 10, windowMs: 60 * 60_000 },
  siweNonceIp: { name: "siwe-nonce-ip", limit: 60, windowMs: 5 * 60_000 },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export function decideRateLimit(
  state: { count: number; windowStart: Date },
  policy: RateLimitPolicy,
  now: Date,
): RateLimitDecision {
  const windowEnd = state.windowStart.getTime() + policy.windowMs;
  // Round up: never tell a client it may retry before it actually can.
  const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
  const allowed = state.count <= policy.limit;
  return { allowed, remaining: Math.max(0, policy.limit - state.count), retryAfterSeconds: allowed ? 0 : retryAfterSeconds };
}
