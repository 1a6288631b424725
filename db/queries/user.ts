import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { siweNonces, users, wallets } from "@/db/schema";

const publicUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  image: users.image,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
};

export async function findUserById(db: Db, id: string) {
  const rows = await db.select(publicUserColumns).from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function findUserCredentialsByEmail(db: Db, email: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return rows[0] ?? null;
}

export async function insertUser(db: Db, values: { email?: string | null; name: string; passwordHash?: string | null; isDemo?: boolean }) {
  const rows = await db
    .insert(users)
    .values({ email: values.email ?? null, name: values.name, passwordHash: values.passwordHash ?? null, isDemo: values.isDemo ?? false })
    .onConflictDoNothing({ target: users.email })
    .returning(publicUserColumns);
  return rows[0] ?? null;
}

export async function updateUserName(db: Db, id: string, name: string) {
  const rows = await db.update(users).set({ name }).where(eq(users.id, id)).returning(publicUserColumns);
  return rows[0] ?? null;
}

export async function listWalletsForUser(db: Db, userId: string) {
  return db
    .select({ id: wallets.id, address: wallets.address, chainId: wallets.chainId, label: wallets.label, createdAt: wallets.createdAt })
    .from(wallets)
    .where(eq(wallets.userId, userId))
    .orderBy(asc(wallets.createdAt), asc(wallets.id));
}

export async function findWalletByAddress(db: Db, address: string) {
  const rows = await db.select().from(wallets).where(eq(wallets.address, address.toLowerCase()));
  return rows[0] ?? null;
}

export async function insertWallet(db: Db, values: { userId: string; address: string; chainId: number; label?: string | null }) {
  const rows = await db
    .insert(wallets)
    .values({ userId: values.userId, address: values.address.toLowerCase(), chainId: values.chainId, label: values.label ?? null })
    .onConflictDoNothing({ target: wallets.address })
    .returning();
  return rows[0] ?? null;
}

export async function deleteWalletForUser(db: Db, userId: string, walletId: string) {
  const rows = await db
    .delete(wallets)
    .where(and(eq(wallets.id, walletId), eq(wallets.userId, userId)))
    .returning({ id: wallets.id });
  return rows[0] ?? null;
}

export async function userHasPassword(db: Db, userId: string) {
  const rows = await db.select({ has: sql<boolean>`${users.passwordHash} is not null` }).from(users).where(eq(users.id, userId));
  return rows[0]?.has ?? false;
}

export async function insertSiweNonce(
  db: Db,
  values: { nonce: string; purpose: "sign_in" | "link"; userId: string | null; expiresAt: Date },
) {
  await db.insert(siweNonces).values(values);
}

// Marks the nonce used if it exists, is unused, unexpired and of the right purpose/user.
// One UPDATE … RETURNING, so two concurrent uses of one nonce cannot both succeed.
export async function consumeSiweNonce(
  db: Db,
  values: { nonce: string; purpose: "sign_in" | "link"; userId: string | null; now: Date },
) {
  const conditions = [
    eq(siweNonces.nonce, values.nonce),
    eq(siweNonces.purpose, values.purpose),
    isNull(siweNonces.usedAt),
    gt(siweNonces.expiresAt, values.now),
  ];
  if (values.userId) conditions.push(eq(siweNonces.userId, values.userId));
  const rows = await db
    .update(siweNonces)
    .set({ usedAt: values.now })
    .where(and(...conditions))
    .returning({ nonce: siweNonces.nonce });
  return rows.length === 1;
}

// Row lock on the user for the rest of the transaction (serialises per-user invariants).
export async function lockUser(db: Db, userId: string) {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}
