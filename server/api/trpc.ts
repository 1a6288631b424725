// tRPC context, procedures and the one DomainError → tRPC code mapping.
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "@/db/client";
import { DomainError, type ErrorKind } from "@/server/errors";
import { logger } from "@/server/logger";
import type { RequestMeta } from "@/server/services/context";
import { audit } from "@/server/services/security";

export type SessionUser = { id: string; name?: string | null; email?: string | null };

export type Context = {
  db: Db;
  session: { user: SessionUser } | null;
  meta: RequestMeta;
  now: () => Date;
};

export type ProcedureMeta = {
  // "service": the service writes its own, richer audit entry for this mutation.
  audit?: "service";
};

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal
          ? "Something went wrong on our side. Please try again."
          : cause instanceof ZodError
            ? summariseZodError(cause)
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
          // Every issue with its full path (nested forms: config.targets.0.weightBps), at most 50.
          zodIssues: cause instanceof ZodError ? cause.issues.slice(0, 50).map((i) => ({ path: i.path.map(String), message: i.message })) : null,
          domainCode: cause instanceof DomainError ? cause.code : null,
          retryAfterSeconds: cause instanceof DomainError ? (cause.retryAfterSeconds ?? null) : null,
        },
      };
    },
  });

function summariseZodError(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

// The one mapping from domain error kinds to tRPC (and so HTTP) codes.
export const ERROR_KIND_TO_TRPC: Record<ErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: "BAD_REQUEST",
  unauthenticated: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  rate_limited: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
};

const errorMapping = t.middleware(async ({ next, path, type, ctx }) => {
  const started = performance.now();
  const result = await next();
  // One structured line per call: the request id ties it to the proxy, audit rows and errors.
  logger.info(
    {
      requestId: ctx.meta.requestId,
      userId: ctx.session?.user.id ?? null,
      procedure: path,
      type,
      ok: result.ok,
      code: result.ok ? undefined : result.error.cause instanceof DomainError ? result.error.cause.code : result.error.code,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    },
    "trpc",
  );
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: ERROR_KIND_TO_TRPC[cause.kind], message: cause.userMessage, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    logger.error(
      { err: cause ?? result.error, requestId: ctx.meta.requestId, userId: ctx.session?.user.id ?? null, procedure: path, type },
      "procedure failed",
    );
  }
  return result;
});

// Every mutation leaves an audit_log row (who, what, when, from where), success or failure.
// Procedures marked audit: "service" audit their own outcomes (DomainErrors included);
// failures that never reach the service (invalid input, unexpected errors) are written here.
const auditTrail = t.middleware(async ({ next, path, type, ctx, meta }) => {
  const result = await next();
  if (type !== "mutation") return result;
  const cause = result.ok ? null : result.error.cause;
  if (meta?.audit === "service" && (result.ok || cause instanceof DomainError)) return result;
  await audit(ctx.db, ctx.meta, {
    userId: ctx.session?.user.id ?? null,
    action: path,
    outcome: result.ok ? "success" : "failure",
    detail: result.ok ? undefined : { code: cause instanceof DomainError ? cause.code : result.error.code },
  });
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const base = t.procedure.use(errorMapping).use(auditTrail);

export const publicProcedure = base;

export const protectedProcedure = base.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  return next({ ctx: { ...ctx, session: { user: ctx.session.user }, userId: ctx.session.user.id } });
});
