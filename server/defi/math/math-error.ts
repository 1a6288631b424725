import { DomainError, ErrorKind } from "@/server/errors";

// The on-chain contracts revert where this code throws: the reason strings are the Solidity
// ones (e.g. "LS", "SPL", "INSUFFICIENT_LIQUIDITY") so a log line maps back to the contract.
export function mathRevert(reason: string, userMessage = "This trade cannot be quoted."): never {
  throw new DomainError("swap.MATH_REVERT", ErrorKind.invalid, userMessage, { message: `AMM math reverted: ${reason}` });
}
