// Who may call what, through the real appRouter: no session → UNAUTHORIZED for every
// protected procedure; a signed-in user never sees or changes another user's data.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { automations } from "@/db/schema";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { issueSiweNonce, signInWithEthereum } from "@/server/services/user";
import { freshAccount, signedProof } from "@/test/siwe";
import { callerFor, FIXED_NOW, listProcedures, testMeta } from "@/test/trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

// Public on purpose. Any procedure not listed here must refuse a caller without a session,
// so a new procedure is protected unless someone decides otherwise here.
const PUBLIC = new Set([
  "defi.chains",
  "defi.tokens",
  "insights.assetStats",
  "market.assets",
  "market.prices",
  "portfolio.public.get",
  "portfolio.public.list",
  // The leaderboard and trader pages are public (private profiles stay NOT_FOUND, below).
  "social.traders.top",
  "social.traders.get",
  "social.traders.trades",
  // Featured portfolios are public portfolios (only what their public pages show).
  "social.portfolios.featured",
  "user.siweNonce",
  "user.signUp",
]);

async function walletUser() {
  const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), FIXED_NOW);
  return signInWithEthereum(t.db, await signedProof(freshAccount(), nonce, FIXED_NOW), testMeta(), FIXED_NOW);
}

async function callPath(caller: unknown, path: string, input?: unknown) {
  // Nested routers (portfolio.wallets.add) are nested objects on the caller.
  let target = caller as Record<string, unknown>;
  const parts = path.split(".");
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  return (target[parts.at(-1)!] as (input?: unknown) => Promise<unknown>)(input);
}

describe("without a session", () => {
  const procedures = listProcedures();

  it("the router has the procedures this test expects to walk", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(17);
    for (const p of PUBLIC) expect(procedures.map((x) => x.path)).toContain(p);
  });

  it.each(procedures.filter((p) => !PUBLIC.has(p.path)).map((p) => [p.path, p.type]))(
    "%s (%s) is refused with UNAUTHORIZED",
    async (path) => {
      const err = await callPath(callerFor(t.db), path, undefined).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TRPCError);
      expect(err).toMatchObject({ code: "UNAUTHORIZED" });
    },
  );

  it("a link nonce needs a session", async () => {
    await expect(callerFor(t.db).user.siweNonce({ purpose: "link" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("between two users", () => {
  let a: { id: string };
  let b: { id: string };
  let aPortfolio: { id: string; name: string };
  let aWalletId: string;

  beforeAll(async () => {
    a = await walletUser();
    b = await walletUser();
    const asA = callerFor(t.db, { userId: a.id });
    aPortfolio = await asA.portfolio.create({ name: "A's savings" });
    await asA.user.updateProfile({ name: "Alice" });
    await asA.social.profile.update({ displayName: "Alice the trader", bio: "", isPublic: false });
    aWalletId = (await asA.user.wallets())[0]!.id;
    await t.db.insert(automations).values({ userId: a.id, kind: "dca", name: "A's DCA", config: {} });
    // B's own things, so "only B's" is not trivially "nothing".
    const asB = callerFor(t.db, { userId: b.id });
    await asB.portfolio.create({ name: "B's fund" });
  });

  it("B cannot read A's portfolio (NOT_FOUND, as if it did not exist)", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    await expect(asB.portfolio.get({ id: aPortfolio.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "Portfolio not found." });
    expect((await asB.portfolio.list()).map((p) => p.name)).toEqual(["B's fund"]);
    // A still can.
    await expect(callerFor(t.db, { userId: a.id }).portfolio.get({ id: aPortfolio.id })).resolves.toMatchObject({ name: "A's savings" });
  });

  it("B cannot rename or delete A's portfolio", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    await expect(asB.portfolio.rename({ id: aPortfolio.id, name: "pwned" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(asB.portfolio.delete({ id: aPortfolio.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.sql<{ name: string; user_id: string }[]>`select name, user_id from portfolios where id = ${aPortfolio.id}`;
    expect(row).toEqual({ name: "A's savings", user_id: a.id });
  });

  it("B cannot unlink A's wallet, and A keeps it", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    await expect(asB.user.unlinkWallet({ walletId: aWalletId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "Wallet not found." });
    expect((await callerFor(t.db, { userId: a.id }).user.wallets()).map((w) => w.id)).toEqual([aWalletId]);
  });

  it("user.me, user.wallets and user.activity return only B's own", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    const me = await asB.user.me();
    expect(me.id).toBe(b.id);
    expect(me.name).not.toBe("Alice");
    const wallets = await asB.user.wallets();
    expect(wallets).toHaveLength(1);
    expect(wallets[0]!.id).not.toBe(aWalletId);

    const activity = await asB.user.activity({ limit: 100 });
    expect(activity.length).toBeGreaterThan(0);
    const bIds = new Set((await t.sql<{ id: string }[]>`select id::text from audit_log where user_id = ${b.id}`).map((r) => r.id));
    expect(activity.every((r) => bIds.has(String(r.id)))).toBe(true);
    // A has audit rows (portfolio.create, user.updateProfile, …) that B must not see.
    const aCount = await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where user_id = ${a.id}`;
    expect(aCount[0]!.n).toBeGreaterThan(0);
    expect(activity.some((r) => r.action === "user.updateProfile")).toBe(false);
  });

  it("social and automation views are per user", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    expect(await asB.social.profile.get()).toBeNull();
    expect(await asB.automation.list()).toEqual([]);
    await asB.social.profile.update({ displayName: "Bob", bio: "hi", isPublic: true });
    const aProfile = await callerFor(t.db, { userId: a.id }).social.profile.get();
    expect(aProfile).toMatchObject({ displayName: "Alice the trader", isPublic: false, publishedAt: null });
    expect((await callerFor(t.db, { userId: a.id }).automation.list()).map((x) => x.name)).toEqual(["A's DCA"]);
  });

  it("social: B cannot reach A's private trader profile, nor count A's portfolio in B's record", async () => {
    const asB = callerFor(t.db, { userId: b.id });
    for (const caller of [asB, callerFor(t.db)]) {
      await expect(caller.social.traders.get({ id: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.social.traders.trades({ id: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const board = await caller.social.traders.top({});
      expect([...board.entries, ...board.unranked].some((e) => e.id === a.id)).toBe(false);
    }
    // A sees their own private record.
    await expect(callerFor(t.db, { userId: a.id }).social.traders.get({ id: a.id })).resolves.toMatchObject({ isSelf: true });
    // profile.update only ever writes the caller's own profile, and only with the caller's portfolios.
    const before = await asB.social.profile.get();
    await expect(
      asB.social.profile.update({ displayName: "Bob", bio: "pwned", isPublic: true, sources: { paper: true, vaults: true, portfolioIds: [aPortfolio.id] } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Portfolio not found." });
    expect(await asB.social.profile.get()).toEqual(before);
    const [row] = await t.sql<{ display_name: string; bio: string; is_public: boolean }[]>`select display_name, bio, is_public from trader_profiles where user_id = ${a.id}`;
    expect(row).toEqual({ display_name: "Alice the trader", bio: "", is_public: false });
  });

  it("a link nonce is bound to the caller's own account", async () => {
    const { nonce } = await callerFor(t.db, { userId: b.id }).user.siweNonce({ purpose: "link" });
    const [row] = await t.sql<{ user_id: string; purpose: string }[]>`select user_id, purpose from siwe_nonces where nonce = ${nonce}`;
    expect(row).toEqual({ user_id: b.id, purpose: "link" });
  });

  it("a session for a deleted user finds no account", async () => {
    const gone = await walletUser();
    await t.sql`delete from users where id = ${gone.id}`;
    await expect(callerFor(t.db, { userId: gone.id }).user.me()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
