// The one domain error. Services and cores throw it; server/api/trpc.ts maps `kind` to a
// tRPC/HTTP code in one table. `message` is internal (logs); `userMessage` is safe to show.
export const ErrorKind = {
  invalid: "invalid",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "conflict",
  rateLimited: "rate_limited",
  unavailable: "unavailable",
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly userMessage: string;
  readonly retryAfterSeconds?: number;

  constructor(
    code: `${string}.${string}`,
    kind: ErrorKind,
    userMessage: string,
    opts: { message?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(opts.message ?? userMessage, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
    this.kind = kind;
    this.userMessage = userMessage;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
