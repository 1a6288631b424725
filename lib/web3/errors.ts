// Wallet errors, normalised once on the client: every wallet/RPC failure the UI shows
// goes through here so the same situation always reads the same way.

export type WalletErrorKind = "rejected" | "no_wallet" | "pending" | "wrong_chain" | "timeout" | "unknown";

export type WalletError = { kind: WalletErrorKind; message: string };

type ErrLike = { name?: unknown; code?: unknown; message?: unknown; shortMessage?: unknown; cause?: unknown };

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
