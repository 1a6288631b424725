// Turns errors from tRPC calls into what the UI shows: a message, and per-field messages
// for forms (the server flattens zod errors into error.data.zodError).
import { TRPCClientError } from "@trpc/client";
import { toast } from "sonner";
import type { AppRouter } from "@/server/api/root";

export const GENERIC_ERROR = "Something went wrong. Please try again.";

export function isTRPCClientError(err: unknown): err is TRPCClientError<AppRouter> {
  return err instanceof TRPCClientError;
}

export function errorMessage(err: unknown, fallback = GENERIC_ERROR): string {
  if (isTRPCClientError(err)) {
    // A network failure (server down, offline) has no data and a fetch error message.
    if (!err.data && /fetch|network/i.test(err.message)) return "Could not reach Lodestar. Check your connection and try again.";
    return err.message || fallback;
  }
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

// First message per field, e.g. { email: "Enter a valid email address." }.
export function fieldErrors(err: unknown): Record<string, string | undefined> {
  if (!isTRPCClientError(err)) return {};
  const fe = err.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(fe ?? {})) out[k] = v?.[0];
  return out;
}

export function httpStatusOf(err: unknown): number | null {
  return isTRPCClientError(err) ? (err.data?.httpStatus ?? null) : null;
}

// For mutation onError handlers.
export function toastError(err: unknown, title?: string) {
  const message = errorMessage(err);
  if (title) toast.error(title, { description: message });
  else toast.error(message);
}
