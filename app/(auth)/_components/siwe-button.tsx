"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { errorMessage, httpStatusOf, isTRPCClientError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { SIWE_STAGE_LABEL, SiweCancelledError, useSiweSigner } from "@/components/wallet/use-siwe";
import { normaliseWalletError } from "@/lib/web3/errors";
import { RATE_LIMITED_MESSAGE, signInErrorMessage, USER_REJECTED_SIGNATURE } from "./auth-messages";

function EthereumGlyph() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-4">
      <path fill="currentColor" opacity=".6" d="M12 2 5.5 12.3 12 16l6.5-3.7z" />
      <path fill="currentColor" d="M12 17.3 5.5 13.6 12 22l6.5-8.4z" />
    </svg>
  );
}

// "Sign in with Ethereum": connect (opening the wallet dialog if needed), sign an EIP-4361
// message, and exchange it for a session through the "siwe" Auth.js provider.
export function SiweSignInButton({
  callbackUrl,
  disabled,
  onError,
  onBusyChange,
}: {
  callbackUrl: string;
  disabled?: boolean;
  onError: (message: string | null) => void;
  onBusyChange?: (busy: boolean) => void;
}) {
  const router = useRouter();
  const { stage, setStage, sign } = useSiweSigner();
  const busy = stage !== "idle";

  async function onClick() {
    onError(null);
    onBusyChange?.(true);
    try {
      const proof = await sign("sign_in");
      const res = await signIn("siwe", { message: proof.message, signature: proof.signature, redirect: false });
      if (!res || res.error || !res.ok) {
        setStage("idle");
        onError(signInErrorMessage(res ?? {}));
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch (err) {
      setStage("idle");
      if (err instanceof SiweCancelledError) return;
      if (httpStatusOf(err) === 429) onError(RATE_LIMITED_MESSAGE);
      else if (isTRPCClientError(err)) onError(errorMessage(err));
      else {
        const w = normaliseWalletError(err);
        onError(w.kind === "rejected" ? USER_REJECTED_SIGNATURE : w.message);
      }
    } finally {
      onBusyChange?.(false);
    }
  }

  return (
    <div className="grid gap-2">
      <Button type="button" variant="outline" size="lg" className="w-full text-sm" onClick={() => void onClick()} disabled={disabled || busy}>
        {busy ? <Spinner /> : <EthereumGlyph />}
        {busy ? SIWE_STAGE_LABEL[stage] : "Sign in with Ethereum"}
      </Button>
      <p role="status" aria-live="polite" className="sr-only">
        {busy ? SIWE_STAGE_LABEL[stage] : ""}
      </p>
    </div>
  );
}
