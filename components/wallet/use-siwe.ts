"use client";
import { useCallback, useState } from "react";
import type { Address, Hex } from "viem";
import { useConfig, useSignMessage } from "wagmi";
import { getConnection } from "wagmi/actions";
import { useTRPCClient } from "@/lib/trpc/client";
import { buildSiweMessage } from "@/lib/web3/siwe";
import { useWalletModal, type WalletConnection } from "./wallet-modal";

export type SiweStage = "idle" | "connecting" | "preparing" | "signing" | "verifying";

export const SIWE_STAGE_LABEL: Record<SiweStage, string> = {
  idle: "",
  connecting: "Connect a wallet to continue…",
  preparing: "Preparing the sign-in request…",
  signing: "Waiting for signature…",
  verifying: "Verifying signature…",
};

// Thrown when the user closes the connect dialog: not an error to show.
export class SiweCancelledError extends Error {
  constructor() {
    super("Wallet connection cancelled.");
    this.name = "SiweCancelledError";
  }
}

export type SiweProof = { message: string; signature: Hex; address: Address };

// Connect (opening the connect dialog when needed), fetch a single-use nonce, build the
// EIP-4361 message and have the wallet sign it. The caller submits the proof and sets the
// stage back to "idle" when done.
export function useSiweSigner() {
  const trpcClient = useTRPCClient();
  const config = useConfig();
  const { requestConnection } = useWalletModal();
  const { mutateAsync: signMessageAsync } = useSignMessage();
  const [stage, setStage] = useState<SiweStage>("idle");

  const sign = useCallback(
    async (purpose: "sign_in" | "link", opts: { beforeSign?: (conn: WalletConnection) => void } = {}): Promise<SiweProof> => {
      setStage("connecting");
      try {
        const conn = await requestConnection();
        if (!conn) throw new SiweCancelledError();
        opts.beforeSign?.(conn);
        setStage("preparing");
        const nonce = await trpcClient.user.siweNonce.mutate({ purpose });
        // The wallet may have changed account or network while the dialog was open.
        const now = getConnection(config);
        const address = now.address ?? conn.address;
        const message = buildSiweMessage({ nonce, address, chainId: now.chainId ?? conn.chainId, purpose });
        setStage("signing");
        const signature = await signMessageAsync({ message, account: address });
        setStage("verifying");
        return { message, signature, address };
      } catch (err) {
        setStage("idle");
        throw err;
      }
    },
    [config, requestConnection, signMessageAsync, trpcClient],
  );

  return { stage, setStage, sign };
}
