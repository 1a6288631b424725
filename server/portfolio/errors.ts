// Maps the core's typed PortfolioError to the app's one DomainError (CONVENTIONS §4).
import { DomainError, ErrorKind } from "@/server/errors";
import type { PortfolioError, Result } from "./types";

const USER_MESSAGE: Record<PortfolioError["code"], string> = {
  "portfolio.INSUFFICIENT_QUANTITY": "An activity sells or sends more than the account held at that time.",
  "portfolio.INVALID_ACTIVITY": "An activity is invalid.",
  "portfolio.UNKNOWN_ASSET": "An activity refers to an unknown asset.",
};

export function toDomainError(e: PortfolioError): DomainError {
  return new DomainError(e.code, ErrorKind.invalid, USER_MESSAGE[e.code], { message: e.message, cause: e });
}

/** Unwraps a Result, throwing the DomainError on failure (for services). */
export function unwrapOrThrow<T>(r: Result<T>): T {
  if (!r.ok) throw toDomainError(r.error);
  return r.value;
}
