// Sign-In with Ethereum fixtures: anvil's first development keys and EIP-4361 messages built
// with viem (the same library the browser uses), signed for real.
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, type CreateSiweMessageParameters } from "viem/siwe";
import { TEST_HOST, TEST_ORIGIN } from "./trpc";

export const ANVIL_KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804e8ab365a",
] as const;

export const accountA = privateKeyToAccount(ANVIL_KEYS[0]);
export const accountB = privateKeyToAccount(ANVIL_KEYS[1]);
export const accountC = privateKeyToAccount(ANVIL_KEYS[2]);
export type TestAccount = typeof accountA;

// A wallet no other test uses.
export function freshAccount(): TestAccount {
  return privateKeyToAccount(generatePrivateKey());
}

export function siweMessage(
  address: `0x${string}`,
  nonce: string,
  issuedAt: Date,
  overrides: Partial<CreateSiweMessageParameters> = {},
): string {
  return createSiweMessage({
    address,
    chainId: 31337,
    domain: TEST_HOST,
    uri: TEST_ORIGIN,
    nonce,
    version: "1",
    issuedAt,
    statement: "Sign in to Lodestar.",
    ...overrides,
  });
}

export async function signedProof(
  account: TestAccount,
  nonce: string,
  issuedAt: Date,
  overrides: Partial<CreateSiweMessageParameters> = {},
): Promise<{ message: string; signature: string }> {
  const message = siweMessage(account.address, nonce, issuedAt, overrides);
  return { message, signature: await account.signMessage({ message }) };
}
