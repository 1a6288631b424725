import { hash, verify } from "@node-rs/argon2";
import { verifyMessage } from "viem";
import { generateSiweNonce } from "viem/siwe";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/user";
import { listAuditForUser } from "@/db/queries/security";
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { configuredChains } from "@/server/chain/config";
import { publicClientFor } from "@/server/chain/clients";
import { DomainError } from "@/server/errors";
import { RATE_LIMITS } from "@/server/security/rate-limit";
import { checkPassword, describePasswordProblem } from "@/server/user/password";
import { checkSiweMessage, SIWE_NONCE_TTL_MS } from "@/server/user/siwe";
import type { RequestMeta } from "./context";
import { audit, checkRateLimit, enforceRateLimit, rateLimited, resetRateLimit } from "./security";

// OWASP-recommended argon2id parameters (19 MiB, 2 passes, 1 lane).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Verified against when the email is unknown, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;

export async function hashPassword(password: string) {
  return hash(password, ARGON2);
}

// Audits its own outcome (the new user's id on success; every refusal with its reason).
export async function signUp(
  db: Db,
  input: { name: string; email: string; password: string },
  meta: RequestMeta,
  now: Date,
) {
  try {
    await enforceRateLimit(db, RATE_LIMITS.signUpIp, meta.ip ?? "unknown", now);
    const problem = checkPassword(input.password, input.email);
    if (problem) throw new DomainError("auth.WEAK_PASSWORD", "invalid", describePasswordProblem(problem));
    const passwordHash = await hashPassword(input.password);
    const user = await q.insertUser(db, { email: input.email, name: input.name, passwordHash });
    if (!user) throw new DomainError("auth.EMAIL_TAKEN", "conflict", "An account with this email already exists. Sign in instead.");
    await audit(db, meta, { userId: user.id, action: "user.signUp", outcome: "success" });
    return user;
  } catch (err) {
    const reason = err instanceof DomainError ? SIGN_UP_REFUSALS[err.code] ?? err.code : "error";
    await audit(db, meta, { userId: null, action: "user.signUp", outcome: "failure", detail: { reason } });
    throw err;
  }
}

const SIGN_UP_REFUSALS: Record<string, string> = {
  "auth.EMAIL_TAKEN": "email_taken",
  "auth.WEAK_PASSWORD": "too_weak",
  "security.RATE_LIMITED": "rate_limited",
};

export async function verifyPasswordSignIn(db: Db, input: { email: string; password: string }, meta: RequestMeta, now: Date) {
  // Throttle per account (not only per IP): a distributed guesser still hits this. The
  // attempt is counted atomically BEFORE the (slow) verification, so parallel guesses
  // cannot all slip past a read-then-count check; a success resets the counter.
  const throttle = await checkRateLimit(db, RATE_LIMITS.signInFailures, input.email, now);
  if (!throttle.allowed) {
    await audit(db, meta, { userId: null, action: "auth.signIn.password", outcome: "failure", detail: { reason: "throttled" } });
    throw rateLimited(throttle.retryAfterSeconds);
  }
  const user = await q.findUserCredentialsByEmail(db, input.email);
  dummyHash ??= hashPassword("lodestar-timing-equaliser");
  const ok = user?.passwordHash
    ? await verify(user.passwordHash, input.password)
    : (await verify(await dummyHash, input.password), false);
  if (!user || !ok) {
    await audit(db, meta, { userId: user?.id ?? null, action: "auth.signIn.password", outcome: "failure", detail: { reason: "bad_credentials" } });
    throw new DomainError("auth.INVALID_CREDENTIALS", "unauthenticated", "Wrong email or password.");
  }
  await resetRateLimit(db, RATE_LIMITS.signInFailures, input.email);
  await audit(db, meta, { userId: user.id, action: "auth.signIn.password", outcome: "success" });
  return { id: user.id, name: user.name, email: user.email };
}

function allowedSiweChains(): number[] {
  const configured = configuredChains()
    .filter((c) => c.rpcUrl)
    .map((c) => c.id);
  return Array.from(new Set([...LOCAL_CHAIN_IDS, ...configured]));
}

export async function issueSiweNonce(
  db: Db,
  input: { purpose: "sign_in" | "link"; userId: string | null },
  meta: RequestMeta,
  now: Date,
) {
  await enforceRateLimit(db, RATE_LIMITS.siweNonceIp, meta.ip ?? "unknown", now);
  if (input.purpose === "link" && !input.userId) {
    throw new DomainError("auth.UNAUTHENTICATED", "unauthenticated", "Sign in before linking a wallet.");
  }
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + SIWE_NONCE_TTL_MS);
  await q.insertSiweNonce(db, { nonce, purpose: input.purpose, userId: input.userId, expiresAt });
  return { nonce, expiresAt, domain: meta.host, uri: meta.origin, chainIds: allowedSiweChains() };
}

async function verifySiweProof(
  db: Db,
  proof: { message: string; signature: string },
  purpose: "sign_in" | "link",
  userId: string | null,
  meta: RequestMeta,
  now: Date,
) {
  const checked = checkSiweMessage(proof.message, {
    domain: meta.host,
    origin: meta.origin,
    allowedChainIds: allowedSiweChains(),
    now,
  });
  const signature = proof.signature as `0x${string}`;
  let valid = await verifyMessage({ address: checked.address, message: proof.message, signature }).catch(() => false);
  if (!valid) {
    // Not an EOA signature: ask the chain (ERC-1271 / ERC-6492 smart accounts).
    valid = await publicClientFor(checked.chainId)
      .verifyMessage({ address: checked.address, message: proof.message, signature })
      .catch(() => false);
  }
  if (!valid) {
    throw new DomainError("auth.SIWE_BAD_SIGNATURE", "unauthenticated", "The signature does not match the wallet address.");
  }
  // Consumed last and atomically: a replayed message+signature finds the nonce used.
  const fresh = await q.consumeSiweNonce(db, { nonce: checked.nonce, purpose, userId, now });
  if (!fresh) {
    throw new DomainError(
      "auth.SIWE_NONCE_USED",
      "unauthenticated",
      "This sign-in request was already used or has expired. Please sign again.",
    );
  }
  return checked;
}

export async function signInWithEthereum(db: Db, proof: { message: string; signature: string }, meta: RequestMeta, now: Date) {
  let checked;
  try {
    checked = await verifySiweProof(db, proof, "sign_in", null, meta, now);
  } catch (err) {
    await audit(db, meta, {
      userId: null,
      action: "auth.signIn.siwe",
      outcome: "failure",
      detail: { reason: err instanceof DomainError ? err.code : "error" },
    });
    throw err;
  }
  const address = checked.address.toLowerCase();
  const existing = await q.findWalletByAddress(db, address);
  let userId = existing?.userId;
  if (!userId) {
    userId = await db.transaction(async (tx) => {
      const user = await q.insertUser(tx, { name: `${checked.address.slice(0, 6)}…${checked.address.slice(-4)}` });
      if (!user) throw new Error("user insert returned no row");
      const wallet = await q.insertWallet(tx, { userId: user.id, address, chainId: checked.chainId });
      if (!wallet) throw new DomainError("auth.WALLET_TAKEN", "conflict", "This wallet was just linked to another account.");
      return user.id;
    });
  }
  const user = await q.findUserById(db, userId);
  if (!user) throw new DomainError("user.NOT_FOUND", "not_found", "Account not found.");
  await audit(db, meta, { userId, action: "auth.signIn.siwe", outcome: "success", detail: { address, chainId: checked.chainId, created: !existing } });
  return user;
}

export async function linkWallet(db: Db, userId: string, proof: { message: string; signature: string }, meta: RequestMeta, now: Date) {
  const checked = await verifySiweProof(db, proof, "link", userId, meta, now);
  const address = checked.address.toLowerCase();
  const existing = await q.findWalletByAddress(db, address);
  if (existing) {
    throw existing.userId === userId
      ? new DomainError("user.WALLET_ALREADY_LINKED", "conflict", "This wallet is already linked to your account.")
      : new DomainError("user.WALLET_TAKEN", "conflict", "This wallet is linked to another Lodestar account.");
  }
  const wallet = await q.insertWallet(db, { userId, address, chainId: checked.chainId });
  if (!wallet) throw new DomainError("user.WALLET_TAKEN", "conflict", "This wallet is linked to another Lodestar account.");
  return { id: wallet.id, address: wallet.address, chainId: wallet.chainId, label: wallet.label, createdAt: wallet.createdAt };
}

export async function unlinkWallet(db: Db, userId: string, walletId: string) {
  // Check and delete under a lock on the user row: two parallel unlinks of a password-less
  // account's two wallets must not both see "2 wallets" and leave it with no way in.
  return db.transaction(async (tx) => {
    await q.lockUser(tx, userId);
    const wallets = await q.listWalletsForUser(tx, userId);
    if (!wallets.some((w) => w.id === walletId)) throw new DomainError("user.WALLET_NOT_FOUND", "not_found", "Wallet not found.");
    if (wallets.length <= 1 && !(await q.userHasPassword(tx, userId))) {
      throw new DomainError("user.LAST_SIGN_IN_METHOD", "conflict", "This is your only way to sign in. Link another wallet first.");
    }
    const removed = await q.deleteWalletForUser(tx, userId, walletId);
    if (!removed) throw new DomainError("user.WALLET_NOT_FOUND", "not_found", "Wallet not found.");
    return removed;
  });
}

export async function getMe(db: Db, userId: string) {
  const user = await q.findUserById(db, userId);
  if (!user) throw new DomainError("user.NOT_FOUND", "not_found", "Account not found.");
  const hasPassword = await q.userHasPassword(db, userId);
  return { ...user, hasPassword };
}

export async function listWallets(db: Db, userId: string) {
  return q.listWalletsForUser(db, userId);
}

export async function updateProfile(db: Db, userId: string, input: { name: string }) {
  const user = await q.updateUserName(db, userId, input.name);
  if (!user) throw new DomainError("user.NOT_FOUND", "not_found", "Account not found.");
  return user;
}

// The caller's own security-relevant history (sign-ins, wallet links, changes).
export async function listActivity(db: Db, userId: string, limit: number) {
  return listAuditForUser(db, userId, limit);
}
