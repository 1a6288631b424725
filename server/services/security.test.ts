import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/errors";
import { rateLimited } from "./security";

describe("rateLimited", () => {
  it("is a security.RATE_LIMITED domain error carrying Retry-After", () => {
    const e = rateLimited(30);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: "security.RATE_LIMITED", kind: "rate_limited", retryAfterSeconds: 30 });
  });

  it.each([
    [1, "Too many attempts. Try again in 1 second."],
    [2, "Too many attempts. Try again in 2 seconds."],
    [89, "Too many attempts. Try again in 89 seconds."],
    // From 90 s on, whole minutes rounded up: 90 s → 2 minutes, 890 s → 15 minutes.
    [90, "Too many attempts. Try again in 2 minutes."],
    [890, "Too many attempts. Try again in 15 minutes."],
    [3600, "Too many attempts. Try again in 60 minutes."],
  ])("tells the user how long to wait (%i s)", (seconds, message) => {
    expect(rateLimited(seconds).userMessage).toBe(message);
  });
});
