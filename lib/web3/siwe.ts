// Sign-In with Ethereum (EIP-4361) messages, built from a server-issued nonce.
import { getAddress, type Address } from "viem";
import { createSiweMessage } from "viem/siwe";

export const SIWE_STATEMENT = "Sign in to Lodestar. This request will not trigger a blockchain transaction or cost any gas.";
export const SIWE_LINK_STATEMENT =
  "Link this wallet to your Lodestar account. This request will not trigger a blockchain transaction or cost any gas.";

// What user.siweNonce returns.
export type SiweNonce = { nonce: string; domain: string; uri: string; chainIds: number[]; expiresAt: Date };

// The wallet's current chain if the server accepts it, else the first accepted chain.
export function pickSiweChainId(currentChainId: number | undefined, allowed: readonly number[]): number {
  if (currentChainId !== undefined && allowed.includes(currentChainId)) return currentChainId;
  const first = allowed[0];
  if (first === undefined) throw new Error("The server accepts no chain for sign-in.");
  return first;
}

export function buildSiweMessage(opts: {
  nonce: SiweNonce;
  address: Address;
  chainId: number | undefined;
  purpose: "sign_in" | "link";
  now?: Date;
}): string {
  return createSiweMessage({
    domain: opts.nonce.domain,
    uri: opts.nonce.uri,
    address: getAddress(opts.address),
    chainId: pickSiweChainId(opts.chainId, opts.nonce.chainIds),
    nonce: opts.nonce.nonce,
    version: "1",
    issuedAt: opts.now ?? new Date(),
    expirationTime: new Date(opts.nonce.expiresAt),
    statement: opts.purpose === "link" ? SIWE_LINK_STATEMENT : SIWE_STATEMENT,
  });
}
