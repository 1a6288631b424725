// JSON over HTTP for market-data adapters: zod-validated, cached per URL for a TTL (concurrent
// callers share one request), and rate-limited on our side with a token bucket sized below the
// provider's published limit; an upstream 429/418 blocks further requests for its Retry-After.
// fetch and the clock are injected (tests drive both).
import type { z } from "zod";
import { ProviderError } from "./types";

export type FetchLike = (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}>;

export type HttpJsonOptions = {
  fetch: FetchLike;
  now?: () => number;
  /** Requests allowed per window (token bucket capacity, refilled continuously). */
  requestsPerWindow?: number;
  windowMs?: number;
  cacheTtlMs?: number;
  timeoutMs?: number;
};

export function createHttpJson(opts: HttpJsonOptions) {
  const now = opts.now ?? Date.now;
  const capacity = opts.requestsPerWindow ?? 60;
  const windowMs = opts.windowMs ?? 60_000;
  const ttl = opts.cacheTtlMs ?? 30_000;
  let tokens = capacity;
  let refilledAt = now();
  let blockedUntil = 0;
  const cache = new Map<string, { expires: number; value: Promise<unknown> }>();

  function take(): void {
    const t = now();
    if (t < blockedUntil) throw new ProviderError("rate_limited", "provider asked us to back off", blockedUntil - t);
    tokens = Math.min(capacity, tokens + ((t - refilledAt) * capacity) / windowMs);
    refilledAt = t;
    if (tokens < 1) throw new ProviderError("rate_limited", "local rate limit reached", Math.ceil(((1 - tokens) * windowMs) / capacity));
    tokens -= 1;
  }

  async function request<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
    take();
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await opts.fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000), headers: { accept: "application/json" } });
    } catch (e) {
      throw new ProviderError("network", `request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.status === 429 || res.status === 418) {
      const retryAfterMs = Math.max(1, Number(res.headers.get("retry-after") ?? "60")) * 1000;
      blockedUntil = now() + retryAfterMs;
      throw new ProviderError("rate_limited", `upstream ${res.status}`, retryAfterMs);
    }
    if (!res.ok) throw new ProviderError("http", `upstream ${res.status}`);
    const body: unknown = await res.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ProviderError("invalid_response", `unexpected response: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return parsed.data;
  }

  return {
    /** GET url → schema-parsed body, from the cache while fresh (failures are not cached). */
    get<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
      const t = now();
      const hit = cache.get(url);
      if (hit && hit.expires > t) return hit.value as Promise<z.infer<S>>;
      const value = request(url, schema);
      cache.set(url, { expires: t + ttl, value });
      value.catch(() => {
        if (cache.get(url)?.value === value) cache.delete(url);
      });
      return value;
    },
  };
}
