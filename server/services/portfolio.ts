import type { z } from "zod";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/portfolio";
import type { ImportPreview } from "@/lib/portfolio/types";
import type { addWalletInput, createTransactionInput, importInput, publishInput, removeWalletInput, updatePortfolioInput } from "@/lib/schemas/portfolio";
import { DomainError } from "@/server/errors";
import { parseImport } from "@/server/imports/parse";
import type { ImportedActivity } from "@/server/imports/types";

const MAX_PORTFOLIOS = 50;
const MAX_WALLETS = 50;
/** Manual assets have no chain decimals: quantities are stored with 18. */
export const MANUAL_DECIMALS = 18;

// Bumped on every write to a portfolio: analytics caches key on it (portfolio-analytics.ts).
const versions = new Map<string, number>();
export const portfolioVersion = (id: string) => versions.get(id) ?? 0;
const bump = (id: string) => versions.set(id, portfolioVersion(id) + 1);

const notFound = () => new DomainError("portfolio.NOT_FOUND", "not_found", "Portfolio not found.");

export async function listPortfolios(db: Db, userId: string) {
  return q.listPortfoliosForUser(db, userId);
}

export async function getPortfolio(db: Db, userId: string, id: string) {
  const p = await q.findPortfolioForUser(db, userId, id);
  // Someone else's portfolio is indistinguishable from a missing one.
  if (!p) throw notFound();
  return p;
}

export async function createPortfolio(db: Db, userId: string, input: { name: string; costBasisMethod: "fifo" | "lifo" | "hifo" | "average" }) {
  const existing = await q.listPortfoliosForUser(db, userId);
  if (existing.length >= MAX_PORTFOLIOS) {
    throw new DomainError("portfolio.LIMIT", "conflict", `You can have at most ${MAX_PORTFOLIOS} portfolios.`);
  }
  return q.insertPortfolio(db, { userId, ...input });
}

export async function renamePortfolio(db: Db, userId: string, input: { id: string; name: string }) {
  const p = await q.renamePortfolioForUser(db, userId, input.id, input.name);
  if (!p) throw notFound();
  return p;
}

export async function updatePortfolio(db: Db, userId: string, input: z.output<typeof updatePortfolioInput>) {
  const current = await getPortfolio(db, userId, input.id);
  bump(input.id);
  const p = await q.updatePortfolioForUser(db, userId, input.id, {
    ...(input.costBasisMethod ? { costBasisMethod: input.costBasisMethod } : {}),
    ...(input.rules ? { rules: { ...current.rules, ...input.rules } } : {}),
  });
  if (!p) throw notFound();
  return p;
}

export async function deletePortfolio(db: Db, userId: string, id: string) {
  const p = await q.deletePortfolioForUser(db, userId, id);
  if (!p) throw notFound();
  return p;
}

// ---- wallets

export async function listWallets(db: Db, userId: string, portfolioId: string) {
  await getPortfolio(db, userId, portfolioId);
  return q.listPortfolioWallets(db, userId, portfolioId);
}

export async function addWallet(db: Db, userId: string, input: z.output<typeof addWalletInput>) {
  const existing = await listWallets(db, userId, input.portfolioId);
  if (existing.some((w) => w.address === input.address)) {
    throw new DomainError("portfolio.WALLET_EXISTS", "conflict", "This wallet is already in the portfolio.");
  }
  if (existing.length >= MAX_WALLETS) throw new DomainError("portfolio.WALLET_LIMIT", "conflict", `A portfolio can track at most ${MAX_WALLETS} wallets.`);
  bump(input.portfolioId);
  const row = await q.insertPortfolioWallet(db, { userId, portfolioId: input.portfolioId, address: input.address, label: input.label ?? null });
  if (!row) throw new DomainError("portfolio.WALLET_EXISTS", "conflict", "This wallet is already in the portfolio.");
  return row;
}

export async function removeWallet(db: Db, userId: string, input: z.output<typeof removeWalletInput>) {
  await getPortfolio(db, userId, input.portfolioId);
  bump(input.portfolioId);
  const row = await q.deletePortfolioWallet(db, userId, input.portfolioId, input.walletId);
  if (!row) throw new DomainError("portfolio.WALLET_NOT_FOUND", "not_found", "Wallet not found.");
  return row;
}

// ---- transactions

/** "12.5" → 12.5 × 10^decimals as bigint, exactly (the schemas allow ≤ 18 decimals). */
export function decimalToRaw(text: string, decimals: number): bigint {
  const [whole = "0", frac = ""] = text.split(".");
  if (frac.length > decimals) throw new DomainError("portfolio.TOO_PRECISE", "invalid", `Use at most ${decimals} decimals.`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt((frac + "0".repeat(decimals)).slice(0, decimals) || "0");
}

function manualDedupKey(t: { type: string; asset: string; quantity: string; priceUsd?: string | null; occurredAt: Date; account: string; note?: string | null }) {
  // A manual entry is its own identity: the same line typed twice on purpose is two entries,
  // so the key includes the creation instant (duplicates are an import concern).
  return `manual:${t.account}:${t.type}:${t.asset}:${t.quantity}:${t.priceUsd ?? ""}:${t.occurredAt.toISOString()}:${crypto.randomUUID()}`;
}

export async function createTransaction(db: Db, userId: string, input: z.output<typeof createTransactionInput>) {
  await getPortfolio(db, userId, input.portfolioId);
  bump(input.portfolioId);
  return db.transaction(async (tx) => {
    const account = await q.ensurePortfolioAccount(tx, userId, input.portfolioId, input.account);
    const [row] = await q.insertPortfolioTransactions(tx, [
      {
        portfolioId: input.portfolioId,
        userId,
        accountId: account.id,
        type: input.type,
        incomeKind: input.type === "income" ? (input.incomeKind ?? null) : null,
        asset: input.asset,
        quantity: decimalToRaw(input.quantity, MANUAL_DECIMALS),
        priceUsd: input.priceUsd ?? null,
        feeUsd: input.feeUsd ?? null,
        occurredAt: input.occurredAt,
        note: input.note ?? null,
        source: "manual",
        dedupKey: manualDedupKey({ ...input, account: input.account }),
      },
    ]);
    if (!row) throw new Error("insert returned no row");
    return { id: row.id };
  });
}

/** Replaces a manual/imported transaction's fields (same id), in one database transaction. */
export async function updateTransaction(db: Db, userId: string, input: { id: string; values: z.output<typeof createTransactionInput> }) {
  const v = input.values;
  await getPortfolio(db, userId, v.portfolioId);
  bump(v.portfolioId);
  return db.transaction(async (tx) => {
    const account = await q.ensurePortfolioAccount(tx, userId, v.portfolioId, v.account);
    const row = await q.updatePortfolioTransaction(tx, userId, v.portfolioId, input.id, {
      accountId: account.id,
      type: v.type,
      incomeKind: v.type === "income" ? (v.incomeKind ?? null) : null,
      asset: v.asset,
      quantity: decimalToRaw(v.quantity, MANUAL_DECIMALS),
      priceUsd: v.priceUsd ?? null,
      feeUsd: v.feeUsd ?? null,
      occurredAt: v.occurredAt,
      note: v.note ?? null,
    });
    if (!row) throw new DomainError("portfolio.TX_NOT_FOUND", "not_found", "Transaction not found.");
    return row;
  });
}

export async function deleteTransaction(db: Db, userId: string, input: { portfolioId: string; id: string }) {
  await getPortfolio(db, userId, input.portfolioId);
  bump(input.portfolioId);
  const row = await q.deletePortfolioTransaction(db, userId, input.portfolioId, input.id);
  if (!row) throw new DomainError("portfolio.TX_NOT_FOUND", "not_found", "Transaction not found.");
  return row;
}

// ---- CSV import: preview (nothing written) and commit (all or nothing)

type ImportParams = z.output<typeof importInput>;

async function analyseImport(db: Db, userId: string, input: ImportParams) {
  await getPortfolio(db, userId, input.portfolioId);
  const parsed = parseImport(input.text, { format: input.format, defaultAccount: input.account });
  const existing = await q.existingDedupKeys(db, userId, input.portfolioId, parsed.activities.map((a) => a.dedupKey));
  const inFile = new Set(parsed.duplicatesInFile.map((d) => d.line));
  return { parsed, existing, inFile };
}

export async function previewImport(db: Db, userId: string, input: ImportParams): Promise<ImportPreview> {
  const { parsed, existing, inFile } = await analyseImport(db, userId, input);
  const activities = parsed.activities.map((a) => ({
    line: a.line,
    type: a.type,
    asset: a.asset,
    quantity: a.quantity,
    priceUsd: a.priceUsd,
    occurredAt: a.occurredAt,
    duplicate: existing.has(a.dedupKey) || inFile.has(a.line),
  }));
  return {
    format: parsed.format,
    rows: parsed.rowCount,
    activities,
    errors: parsed.errors.map((e) => ({ line: e.line, reason: e.reason })),
    warnings: parsed.warnings.map((e) => ({ line: e.line, reason: e.reason })),
    duplicates: activities.filter((a) => a.duplicate).length,
    ok: parsed.errors.length === 0 && parsed.format !== null,
  };
}

export async function commitImport(db: Db, userId: string, input: ImportParams) {
  const { parsed, existing } = await analyseImport(db, userId, input);
  if (parsed.format === null || parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new DomainError(
      "portfolio.IMPORT_INVALID",
      "invalid",
      `The file has ${parsed.errors.length} problem${parsed.errors.length === 1 ? "" : "s"}; nothing was imported.${first ? ` First: line ${first.line}: ${first.reason}` : ""}`,
    );
  }
  const fresh = parsed.activities.filter((a) => !existing.has(a.dedupKey));
  const seen = new Set<string>();
  const rows = fresh.filter((a) => (seen.has(a.dedupKey) ? false : (seen.add(a.dedupKey), true)));
  bump(input.portfolioId);
  // One database transaction: the import lands whole or not at all.
  return db.transaction(async (tx) => {
    const imp = await q.insertPortfolioImport(tx, { userId, portfolioId: input.portfolioId, format: parsed.format!, filename: input.filename ?? null, rowCount: rows.length });
    const accounts = new Map<string, string>();
    const accountId = async (name: string) => {
      let id = accounts.get(name);
      if (!id) accounts.set(name, (id = (await q.ensurePortfolioAccount(tx, userId, input.portfolioId, name)).id));
      return id;
    };
    const values = [];
    for (const a of rows) values.push(await toTxRow(a, { userId, portfolioId: input.portfolioId, importId: imp.id, accountId: await accountId(a.account ?? input.account ?? formatAccount(parsed.format!)) }));
    const inserted = await q.insertPortfolioTransactions(tx, values);
    return { importId: imp.id, imported: inserted.length, skippedDuplicates: parsed.activities.length - inserted.length };
  });
}

function formatAccount(format: string) {
  return format.startsWith("binance") ? "Binance" : format === "coinbase" ? "Coinbase" : "Imported";
}

async function toTxRow(a: ImportedActivity, ctx: { userId: string; portfolioId: string; importId: string; accountId: string }) {
  const feeUsd = a.feeAsset && ["USD", "USDT", "USDC", "BUSD", "DAI"].includes(a.feeAsset.toUpperCase()) ? (a.feeQuantity ?? null) : null;
  return {
    portfolioId: ctx.portfolioId,
    userId: ctx.userId,
    accountId: ctx.accountId,
    type: a.type,
    incomeKind: a.type === "income" ? (a.incomeKind === "other" || !a.incomeKind ? "airdrop" : a.incomeKind) : null,
    asset: a.asset,
    quantity: decimalToRaw(a.quantity, MANUAL_DECIMALS),
    priceUsd: a.priceUsd,
    feeAsset: feeUsd === null && a.feeAsset ? a.feeAsset : null,
    feeQuantity: feeUsd === null && a.feeAsset && a.feeQuantity ? decimalToRaw(a.feeQuantity, MANUAL_DECIMALS) : null,
    feeUsd,
    occurredAt: new Date(a.occurredAt),
    note: a.note ?? null,
    source: "import" as const,
    importId: ctx.importId,
    externalId: a.externalId ?? null,
    dedupKey: a.dedupKey,
  };
}

// ---- publishing

export async function publish(db: Db, userId: string, input: z.output<typeof publishInput>, opts: { now: Date }) {
  const current = await getPortfolio(db, userId, input.portfolioId);
  bump(input.portfolioId);
  try {
    const p = await q.updatePortfolioForUser(db, userId, input.portfolioId, {
      isPublic: true,
      slug: input.slug,
      privacyMode: input.privacyMode,
      showWallets: input.showWallets,
      publishedAt: current.isPublic && current.publishedAt ? current.publishedAt : opts.now,
    });
    if (!p) throw notFound();
    return p;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("portfolio.SLUG_TAKEN", "conflict", "That address is taken; choose another.");
    throw err;
  }
}

export async function unpublish(db: Db, userId: string, portfolioId: string) {
  await getPortfolio(db, userId, portfolioId);
  const p = await q.updatePortfolioForUser(db, userId, portfolioId, { isPublic: false, slug: null, publishedAt: null });
  if (!p) throw notFound();
  return p;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}
