import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { DomainError } from "@/server/errors";
import { SIWE_NONCE_TTL_MS } from "@/server/user/siwe";
import { accountA, accountB, freshAccount, signedProof, type TestAccount } from "@/test/siwe";
import { callerFor, FIXED_NOW, testMeta } from "@/test/trpc";
import {
  issueSiweNonce,
  linkWallet,
  listWallets,
  signInWithEthereum,
  signUp,
  unlinkWallet,
  verifyPasswordSignIn,
} from "./user";

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const NOW = FIXED_NOW;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const PASSWORD = "correct horse battery staple";
let seq = 0;
const email = (tag: string) => `${tag}-${++seq}@example.com`;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function countRows(table: "users" | "wallets" | "siwe_nonces", where = sql`true`) {
  const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return rows[0]!.n;
}

async function newPasswordUser(tag = "user") {
  const e = email(tag);
  const u = await signUp(t.db, { name: "Test User", email: e, password: PASSWORD }, testMeta(), NOW);
  return { ...u, email: e };
}

async function siweSignIn(account: TestAccount, opts: { now?: Date } = {}) {
  const now = opts.now ?? NOW;
  const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), now);
  return signInWithEthereum(t.db, await signedProof(account, nonce, now), testMeta(), now);
}

async function linkProof(userId: string, account: TestAccount) {
  const { nonce } = await issueSiweNonce(t.db, { purpose: "link", userId }, testMeta(), NOW);
  return signedProof(account, nonce, NOW);
}

describe("signUp", () => {
  it("refuses a weak password with a message the user can act on, creating nothing", async () => {
    const e = email("weak");
    const err = await rejection(signUp(t.db, { name: "Weak", email: e, password: "Password123" }, testMeta(), NOW));
    expect(err).toMatchObject({ code: "auth.WEAK_PASSWORD", kind: "invalid", userMessage: "This password is too common. Choose another." });
    expect(await countRows("users", sql`email = ${e}`)).toBe(0);
  });

  it("refuses the email itself as the password", async () => {
    const e = email("same");
    const err = await rejection(signUp(t.db, { name: "Same", email: e, password: e }, testMeta(), NOW));
    expect(err.code).toBe("auth.WEAK_PASSWORD");
  });

  it("stores an argon2id PHC hash, never the password", async () => {
    const u = await newPasswordUser("hash");
    const [row] = await t.sql<{ password_hash: string }[]>`select password_hash from users where id = ${u.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it("normalises the email to lowercase (through the API schema) and refuses a duplicate in any case", async () => {
    const caller = callerFor(t.db);
    const created = await caller.user.signUp({ name: "Alice", email: "  Alice.Case@Example.COM ", password: PASSWORD });
    expect(created.email).toBe("alice.case@example.com");
    const [row] = await t.sql<{ email: string }[]>`select email from users where id = ${created.id}`;
    expect(row!.email).toBe("alice.case@example.com");

    await expect(
      callerFor(t.db).user.signUp({ name: "Alice 2", email: "ALICE.CASE@example.com", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
    expect(await countRows("users", sql`email = 'alice.case@example.com'`)).toBe(1);
  });

  it("refuses a duplicate email in the service with auth.EMAIL_TAKEN (conflict)", async () => {
    const u = await newPasswordUser("dup");
    const err = await rejection(signUp(t.db, { name: "Again", email: u.email, password: PASSWORD }, testMeta(), NOW));
    expect(err).toMatchObject({ code: "auth.EMAIL_TAKEN", kind: "conflict" });
  });

  it("limits sign-ups per IP: the 11th in an hour is refused", async () => {
    const meta = testMeta();
    for (let i = 0; i < 10; i++) {
      // Weak passwords: the limit counts attempts, and these are cheap (no hashing).
      await rejection(signUp(t.db, { name: "N", email: email("ip"), password: "short" }, meta, NOW)).then((e) => expect(e.code).toBe("auth.WEAK_PASSWORD"));
    }
    const err = await rejection(signUp(t.db, { name: "N", email: email("ip"), password: PASSWORD }, meta, at(1_000)));
    expect(err).toMatchObject({ code: "security.RATE_LIMITED", kind: "rate_limited", retryAfterSeconds: 3599 });
  });
});

describe("verifyPasswordSignIn", () => {
  it("signs in with the right password", async () => {
    const u = await newPasswordUser("ok");
    await expect(verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta(), NOW)).resolves.toEqual({
      id: u.id,
      name: "Test User",
      email: u.email,
    });
  });

  it("refuses a wrong password and an unknown email with the same error", async () => {
    const u = await newPasswordUser("wrong");
    const wrong = await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: "not the password" }, testMeta(), NOW));
    const unknown = await rejection(verifyPasswordSignIn(t.db, { email: email("nobody"), password: PASSWORD }, testMeta(), NOW));
    for (const err of [wrong, unknown]) {
      expect(err).toMatchObject({ code: "auth.INVALID_CREDENTIALS", kind: "unauthenticated", userMessage: "Wrong email or password." });
    }
  });

  it("refuses a wallet-only account (no password) like a wrong password", async () => {
    const u = await siweSignIn(freshAccount());
    await t.sql`update users set email = ${`wallet-only-${u.id}@example.com`} where id = ${u.id}`;
    const err = await rejection(verifyPasswordSignIn(t.db, { email: `wallet-only-${u.id}@example.com`, password: PASSWORD }, testMeta(), NOW));
    expect(err.code).toBe("auth.INVALID_CREDENTIALS");
  });

  it("after 5 failures refuses the 6th attempt with security.RATE_LIMITED, even with the right password", async () => {
    const u = await newPasswordUser("throttle");
    for (let i = 0; i < 5; i++) {
      const err = await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: `wrong ${i}` }, testMeta(), at(i * 1_000)));
      expect(err.code).toBe("auth.INVALID_CREDENTIALS");
    }
    const err = await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta(), at(10_000)));
    // Window opened at NOW and lasts 15 min: 900 − 10 = 890 s left.
    expect(err).toMatchObject({ code: "security.RATE_LIMITED", kind: "rate_limited", retryAfterSeconds: 890 });
    // Once the window has passed the right password works again.
    await expect(verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta(), at(15 * 60_000))).resolves.toMatchObject({ id: u.id });
  });

  // Regression guard (was a bug in server/services/user.ts verifyPasswordSignIn): the throttle is checked with a read
  // (isOverLimit → peekRateLimit) before the password is verified, and the failure is counted
  // only afterwards. Attempts sent in parallel all pass the read before any failure is counted,
  // so a burst of N guesses gets N argon2 verifications instead of at most 5 per 15 minutes.
  it("verifies at most 5 passwords per window even when the guesses arrive in parallel", async () => {
    const u = await newPasswordUser("burst");
    // One connection: the same interleaving every run (all reads, then all verifications).
    const one = createDb(t.url, { max: 1 });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => verifyPasswordSignIn(one.db, { email: u.email, password: `guess number ${i}` }, testMeta(), NOW)),
      );
    } finally {
      await one.sql.end({ timeout: 5 });
    }
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "ok"));
    expect(codes.filter((c) => c === "auth.INVALID_CREDENTIALS").length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "security.RATE_LIMITED").length).toBeGreaterThanOrEqual(5);
  });

  it("throttles an unknown email the same way (no account enumeration by throttling)", async () => {
    const e = email("ghost");
    for (let i = 0; i < 5; i++) await rejection(verifyPasswordSignIn(t.db, { email: e, password: "x".repeat(12) }, testMeta(), NOW));
    expect((await rejection(verifyPasswordSignIn(t.db, { email: e, password: "x".repeat(12) }, testMeta(), NOW))).code).toBe("security.RATE_LIMITED");
  });

  it("a success resets the failure count", async () => {
    const u = await newPasswordUser("reset");
    for (let i = 0; i < 4; i++) await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: "nope nope nope" }, testMeta(), NOW));
    await verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta(), NOW);
    // Without the reset these would be failures 5..9 and the 6th attempt overall would be throttled.
    for (let i = 0; i < 5; i++) {
      expect((await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: "nope nope nope" }, testMeta(), NOW))).code).toBe(
        "auth.INVALID_CREDENTIALS",
      );
    }
    expect((await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta(), NOW))).code).toBe("security.RATE_LIMITED");
  });

  it("audits success and failure without the password", async () => {
    const u = await newPasswordUser("audit");
    await verifyPasswordSignIn(t.db, { email: u.email, password: PASSWORD }, testMeta({ requestId: "req-signin-ok" }), NOW);
    await rejection(verifyPasswordSignIn(t.db, { email: u.email, password: "wrong password!" }, testMeta({ requestId: "req-signin-bad" }), NOW));
    const rows = await t.sql<{ user_id: string | null; outcome: string; detail: unknown; request_id: string }[]>`
      select user_id, outcome, detail, request_id from audit_log
      where action = 'auth.signIn.password' and request_id in ('req-signin-ok', 'req-signin-bad') order by id`;
    expect(rows).toEqual([
      { user_id: u.id, outcome: "success", detail: null, request_id: "req-signin-ok" },
      { user_id: u.id, outcome: "failure", detail: { reason: "bad_credentials" }, request_id: "req-signin-bad" },
    ]);
  });
});

describe("Sign-In with Ethereum", () => {
  it("issues a nonce bound to this site, valid for 10 minutes", async () => {
    const issued = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    expect(issued.nonce).toMatch(/^[a-zA-Z0-9]{8,}$/);
    expect(issued).toMatchObject({ expiresAt: at(SIWE_NONCE_TTL_MS), domain: "localhost:3000", uri: "http://localhost:3000" });
    expect(issued.chainIds).toEqual(expect.arrayContaining([31337, 31338]));
    expect(await countRows("siwe_nonces", sql`nonce = ${issued.nonce} and used_at is null`)).toBe(1);
  });

  it("refuses a link nonce without a user", async () => {
    const err = await rejection(issueSiweNonce(t.db, { purpose: "link", userId: null }, testMeta(), NOW));
    expect(err).toMatchObject({ code: "auth.UNAUTHENTICATED", kind: "unauthenticated" });
  });

  it("creates a user and a wallet on first sign-in, and finds the same user with a new nonce", async () => {
    const first = await siweSignIn(accountA);
    expect(first.name).toBe("0xf39F…2266");
    const wallets = await listWallets(t.db, first.id);
    expect(wallets).toEqual([expect.objectContaining({ address: accountA.address.toLowerCase(), chainId: 31337 })]);

    const again = await siweSignIn(accountA, { now: at(5_000) });
    expect(again.id).toBe(first.id);
    expect(await countRows("wallets", sql`address = ${accountA.address.toLowerCase()}`)).toBe(1);
  });

  it("refuses a replayed message and signature (auth.SIWE_NONCE_USED)", async () => {
    const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const proof = await signedProof(accountA, nonce, NOW);
    await signInWithEthereum(t.db, proof, testMeta(), NOW);
    const err = await rejection(signInWithEthereum(t.db, proof, testMeta(), at(1_000)));
    expect(err).toMatchObject({ code: "auth.SIWE_NONCE_USED", kind: "unauthenticated" });
  });

  it("refuses a nonce the server never issued", async () => {
    const err = await rejection(signInWithEthereum(t.db, await signedProof(accountA, "NeverIssued12345", NOW), testMeta(), NOW));
    expect(err.code).toBe("auth.SIWE_NONCE_USED");
  });

  it("refuses an expired nonce", async () => {
    const { nonce, expiresAt } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const proof = await signedProof(accountA, nonce, NOW);
    const err = await rejection(signInWithEthereum(t.db, proof, testMeta(), expiresAt));
    expect(err.code).toBe("auth.SIWE_NONCE_USED");
    // Still unused: only the clock refused it.
    expect(await countRows("siwe_nonces", sql`nonce = ${nonce} and used_at is null`)).toBe(1);
  });

  it("refuses a message for another domain without burning the nonce", async () => {
    const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const err = await rejection(signInWithEthereum(t.db, await signedProof(accountA, nonce, NOW, { domain: "evil.example" }), testMeta(), NOW));
    expect(err).toMatchObject({ code: "auth.SIWE_INVALID", kind: "invalid" });
    await expect(signInWithEthereum(t.db, await signedProof(accountA, nonce, NOW), testMeta(), NOW)).resolves.toBeTruthy();
  });

  it("refuses a signature by another key, without burning the nonce", async () => {
    const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const good = await signedProof(accountA, nonce, NOW);
    const forged = { message: good.message, signature: await accountB.signMessage({ message: good.message }) };
    const err = await rejection(signInWithEthereum(t.db, forged, testMeta(), NOW));
    expect(err).toMatchObject({ code: "auth.SIWE_BAD_SIGNATURE", kind: "unauthenticated" });
    expect(await countRows("siwe_nonces", sql`nonce = ${nonce} and used_at is null`)).toBe(1);
  });

  it("refuses garbage as a signature", async () => {
    const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const good = await signedProof(accountA, nonce, NOW);
    expect((await rejection(signInWithEthereum(t.db, { ...good, signature: "0xdeadbeef" }, testMeta(), NOW))).code).toBe("auth.SIWE_BAD_SIGNATURE");
  });

  it("does not accept a link nonce for sign-in", async () => {
    const owner = await newPasswordUser("linknonce");
    const proof = await linkProof(owner.id, accountB);
    expect((await rejection(signInWithEthereum(t.db, proof, testMeta(), NOW))).code).toBe("auth.SIWE_NONCE_USED");
  });

  it("lets exactly one of two parallel sign-ins consume one nonce", async () => {
    const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), NOW);
    const proof = await signedProof(accountA, nonce, NOW);
    const results = await Promise.allSettled([signInWithEthereum(t.db, proof, testMeta(), NOW), signInWithEthereum(t.db, proof, testMeta(), NOW)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "auth.SIWE_NONCE_USED" });
  });

  it("audits a failed SIWE sign-in with the error code", async () => {
    const meta = testMeta();
    await rejection(signInWithEthereum(t.db, await signedProof(accountA, "NeverIssued54321", NOW), meta, NOW));
    const rows = await t.sql<{ outcome: string; detail: unknown }[]>`select outcome, detail from audit_log where request_id = ${meta.requestId}`;
    expect(rows).toEqual([{ outcome: "failure", detail: { reason: "auth.SIWE_NONCE_USED" } }]);
  });
});

describe("wallet linking", () => {
  it("adds a second wallet to a signed-in user", async () => {
    const u = await siweSignIn(freshAccount());
    const w = await linkWallet(t.db, u.id, await linkProof(u.id, accountB), testMeta(), NOW);
    expect(w).toMatchObject({ address: accountB.address.toLowerCase(), chainId: 31337, label: null });
    expect((await listWallets(t.db, u.id)).map((x) => x.address)).toEqual([expect.any(String), accountB.address.toLowerCase()]);
    // Frees accountB for the next tests.
    await unlinkWallet(t.db, u.id, w.id);
  });

  it("a link nonce issued for user A cannot be consumed by user B, and stays usable for A", async () => {
    const a = await newPasswordUser("owner");
    const b = await newPasswordUser("thief");
    const proofForA = await linkProof(a.id, accountB);
    const err = await rejection(linkWallet(t.db, b.id, proofForA, testMeta(), NOW));
    expect(err.code).toBe("auth.SIWE_NONCE_USED");
    expect(await listWallets(t.db, b.id)).toEqual([]);
    const w = await linkWallet(t.db, a.id, proofForA, testMeta(), NOW);
    expect(w.address).toBe(accountB.address.toLowerCase());
    await unlinkWallet(t.db, a.id, w.id);
  });

  it("refuses to link a wallet that belongs to another user (CONFLICT), and one already linked", async () => {
    const walletOwner = await siweSignIn(accountA);
    const other = await newPasswordUser("taker");
    const err = await rejection(linkWallet(t.db, other.id, await linkProof(other.id, accountA), testMeta(), NOW));
    expect(err).toMatchObject({ code: "user.WALLET_TAKEN", kind: "conflict" });
    await expect(callerFor(t.db, { userId: other.id }).user.linkWallet(await linkProof(other.id, accountA))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await listWallets(t.db, other.id)).toEqual([]);
    expect((await listWallets(t.db, walletOwner.id)).map((w) => w.address)).toContain(accountA.address.toLowerCase());

    const again = await rejection(linkWallet(t.db, walletOwner.id, await linkProof(walletOwner.id, accountA), testMeta(), NOW));
    expect(again).toMatchObject({ code: "user.WALLET_ALREADY_LINKED", kind: "conflict" });
  });

  it("refuses to unlink the last wallet of an account without a password", async () => {
    const u = await siweSignIn(freshAccount());
    const [w] = await listWallets(t.db, u.id);
    const err = await rejection(unlinkWallet(t.db, u.id, w!.id));
    expect(err).toMatchObject({ code: "user.LAST_SIGN_IN_METHOD", kind: "conflict" });
    expect(await listWallets(t.db, u.id)).toHaveLength(1);
  });

  it("unlinks one of two wallets of a password-less account", async () => {
    const u = await siweSignIn(freshAccount());
    const second = await linkWallet(t.db, u.id, await linkProof(u.id, freshAccount()), testMeta(), NOW);
    await expect(unlinkWallet(t.db, u.id, second.id)).resolves.toEqual({ id: second.id });
    expect(await listWallets(t.db, u.id)).toHaveLength(1);
  });

  it("unlinks the only wallet of an account that has a password", async () => {
    const u = await newPasswordUser("pw-wallet");
    const w = await linkWallet(t.db, u.id, await linkProof(u.id, freshAccount()), testMeta(), NOW);
    await expect(unlinkWallet(t.db, u.id, w.id)).resolves.toEqual({ id: w.id });
    expect(await listWallets(t.db, u.id)).toEqual([]);
  });

  it("refuses to unlink a wallet id the user does not own", async () => {
    const owner = await siweSignIn(freshAccount());
    const [w] = await listWallets(t.db, owner.id);
    const u = await newPasswordUser("notmine");
    for (const id of [crypto.randomUUID(), w!.id]) {
      const err = await rejection(unlinkWallet(t.db, u.id, id));
      expect(err).toMatchObject({ code: "user.WALLET_NOT_FOUND", kind: "not_found" });
    }
    expect(await listWallets(t.db, owner.id)).toHaveLength(1);
  });

  // Regression guard (was a bug in server/services/user.ts unlinkWallet): the "last sign-in method" check (count, then
  // delete) is not atomic. Two parallel unlinks of a password-less account's two wallets both
  // see count = 2 and both delete, leaving an account nobody can sign in to.
  it("keeps at least one wallet when both wallets of a password-less account are unlinked in parallel", async () => {
    const u = await siweSignIn(freshAccount());
    await linkWallet(t.db, u.id, await linkProof(u.id, freshAccount()), testMeta(), NOW);
    const ws = await listWallets(t.db, u.id);
    expect(ws).toHaveLength(2);
    // One connection makes the interleaving deterministic (check A, check B, delete A, delete B);
    // with a pool the same interleaving happens, only not every time.
    const one = createDb(t.url, { max: 1 });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled(ws.map((w) => unlinkWallet(one.db, u.id, w.id)));
    } finally {
      await one.sql.end({ timeout: 5 });
    }
    expect(await listWallets(t.db, u.id)).toHaveLength(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});
