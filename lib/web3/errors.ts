// Wallet errors, normalised once on the client: every wallet/RPC failure the UI shows
// goes through here so the same situation always reads the same way.

import { decodeErrorResult, type Hex } from "viem";
import { lodestarExecutorAbi } from "@/lib/web3/abi/executor";

export type WalletErrorKind =
  | "rejected"
  | "no_wallet"
  | "pending"
  | "wrong_chain"
  | "timeout"
  | "insufficient_funds"
  | "reverted"
  | "unknown";

export type WalletError = { kind: WalletErrorKind; message: string };

type ErrLike = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  cause?: unknown;
  data?: unknown;
  reason?: unknown;
};

// Our executor's custom errors, as people should read them.
const EXECUTOR_ERRORS: Record<string, string> = {
  InsufficientOutput: "The price moved beyond your slippage limit, so the swap would receive less than your minimum. Nothing was swapped.",
  Expired: "The swap's deadline passed before it could be mined. Nothing was swapped.",
  BadRoute: "The route is no longer valid. Get a new quote and try again.",
  BadValue: "The ETH sent does not match the swap amount.",
  IncompleteFill: "The pools could not fill the whole amount. Try a smaller amount.",
  TransferFailed: "A token transfer failed (check your balance and approval).",
};

function revertReason(chain: ErrLike[]): string | null {
  for (const e of chain) {
    const data = e.data as { errorName?: unknown; args?: unknown } | Hex | undefined;
    if (data && typeof data === "object" && typeof data.errorName === "string") {
      return EXECUTOR_ERRORS[data.errorName] ?? `The transaction would revert (${data.errorName}).`;
    }
    if (typeof data === "string" && /^0x[0-9a-f]{8}/i.test(data)) {
      try {
        const decoded = decodeErrorResult({ abi: lodestarExecutorAbi, data });
        return EXECUTOR_ERRORS[decoded.errorName] ?? `The transaction would revert (${decoded.errorName}).`;
      } catch {
        /* not one of ours */
      }
    }
  }
  for (const e of chain) {
    if (typeof e.reason === "string" && e.reason) return `The transaction would revert: ${e.reason}.`;
  }
  return null;
}

function chainOf(err: unknown): ErrLike[] {
  const out: ErrLike[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 8 && cur && typeof cur === "object"; i++) {
    out.push(cur as ErrLike);
    cur = (cur as ErrLike).cause;
  }
  return out;
}

export function normaliseWalletError(err: unknown): WalletError {
  const chain = chainOf(err);
  const has = (pred: (e: ErrLike) => boolean) => chain.some(pred);
  const text = chain.map((e) => `${String(e.name ?? "")} ${String(e.message ?? "")}`).join(" ");

  if (has((e) => e.code === 4001 || e.name === "UserRejectedRequestError") || /user (rejected|denied|cancel)/i.test(text)) {
    return { kind: "rejected", message: "You cancelled the request in your wallet." };
  }
  if (has((e) => e.name === "ProviderNotFoundError") || /provider not found/i.test(text)) {
    return {
      kind: "no_wallet",
      message: "No browser wallet was found. Install a wallet extension such as MetaMask or Rabby, then reload this page.",
    };
  }
  if (has((e) => e.code === -32002) || /already pending/i.test(text)) {
    return { kind: "pending", message: "Your wallet already has a request open. Open the wallet extension to finish or cancel it." };
  }
  if (
    has((e) => e.code === 4902 || e.name === "ChainNotConfiguredError" || e.name === "SwitchChainError" || e.name === "ConnectorChainMismatchError")
  ) {
    return { kind: "wrong_chain", message: "Your wallet could not switch to that network. Add or select it in your wallet and try again." };
  }
  if (has((e) => e.name === "InsufficientFundsError") || /insufficient funds/i.test(text)) {
    return { kind: "insufficient_funds", message: "Your wallet does not have enough ETH to pay for this transaction and its gas." };
  }
  const reason = revertReason(chain);
  if (reason || has((e) => e.name === "ContractFunctionRevertedError" || e.name === "ExecutionRevertedError") || /execution reverted/i.test(text)) {
    return { kind: "reverted", message: reason ?? "The transaction would revert on chain. Get a new quote and try again." };
  }
  if (has((e) => e.name === "TimeoutError") || /timed? ?out/i.test(text)) {
    return { kind: "timeout", message: "The network did not answer in time. Check your connection and try again." };
  }
  const first = chain[0];
  const short = first && typeof first.shortMessage === "string" ? first.shortMessage : null;
  const msg = first && typeof first.message === "string" ? first.message.split("\n")[0] : null;
  return { kind: "unknown", message: short || msg || "The wallet request failed." };
}

export function isUserRejection(err: unknown): boolean {
  return normaliseWalletError(err).kind === "rejected";
}
