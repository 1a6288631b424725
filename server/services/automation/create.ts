// Creating, editing and previewing automations. A preview shows what would happen now
// (the next run times, the order plan with real quotes, the stop's distance) without writing.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import { findPaperAccountForUser } from "@/db/queries/paper";
import { listVaultsForUser } from "@/db/queries/vaults";
import { toJsonValue, type CreateAutomationInput, type UpdateAutomationInput } from "@/lib/schemas/automation";
import * as dca from "@/server/automation/dca";
import * as reb from "@/server/automation/rebalance";
import { describeInterval, slotTimeFrom } from "@/server/automation/schedule";
import { INITIAL_DCA_STATE, INITIAL_STOP_STATE, type StopConfig } from "@/server/automation/types";
import { computeMinAmountOut, type Addr } from "@/server/automation/venue";
import { DomainError } from "@/server/errors";
import { computeQuote } from "@/server/services/defi-quote";
import { getVaultState } from "@/server/services/vault";
import { getAccount } from "@/server/services/paper";
import { getAutomation } from "./manage";
import { holdingsFor, stopPrice } from "./strategies";
import { tokenMeta, usdPrices, venueFor, type Rail } from "./rails";

const MAX_AUTOMATIONS = 50;
const json = (v: unknown) => toJsonValue(v) as Record<string, unknown>;
const invalid = (code: `automation.${string}`, msg: string) => new DomainError(code, "invalid", msg);

function tokensOf(input: CreateAutomationInput): string[] {
  switch (input.kind) {
    case "dca":
      return [input.config.tokenIn, input.config.tokenOut];
    case "rebalance":
      return input.config.targets.map((t) => t.token);
    default:
      return [input.config.token, input.config.quoteToken];
  }
}

/** The rail must exist: a paper account with balances, or a vault whose keeper is Lodestar's. */
async function assertRailReady(db: Db, userId: string, rail: Rail, chainId: number) {
  if (rail === "paper") {
    const account = await findPaperAccountForUser(db, userId, chainId);
    if (!account) throw new DomainError("automation.NO_PAPER_ACCOUNT", "conflict", "Set up your paper account (its starting balances) before automating on paper.");
    return;
  }
  const vaults = await listVaultsForUser(db, userId, chainId);
  if (vaults.length === 0) throw new DomainError("automation.NO_VAULT", "conflict", "Create a vault on this chain before automating on chain.");
  const state = await getVaultState(db, userId, { chainId });
  if (!state.vaults.some((v) => v.registered && v.keeperIsOurs)) {
    throw new DomainError("automation.NO_KEEPER", "conflict", "Authorise Lodestar's automation key on your vault (Vault → Keeper) so it can execute within your limits.");
  }
}

async function stopSanity(chainId: number, cfg: StopConfig) {
  const { prices } = await usdPrices(chainId);
  const price = stopPrice(cfg, prices);
  if (price === null) throw invalid("automation.NO_PRICE", "There is no price for this token on this chain right now.");
  const unit = cfg.basis === "usd" ? "$" : "";
  if (cfg.kind === "stop_loss" && cfg.triggerPrice >= price) {
    throw invalid("automation.STOP_ABOVE_PRICE", `The stop price must be below the current price (${unit}${price.toPrecision(6)}); it would fire at once.`);
  }
  if (cfg.kind === "take_profit" && cfg.triggerPrice <= price) {
    throw invalid("automation.TARGET_BELOW_PRICE", `The target price must be above the current price (${unit}${price.toPrecision(6)}); it would fire at once.`);
  }
  return price;
}

function initial(input: CreateAutomationInput, now: Date): { config: Record<string, unknown>; state: Record<string, unknown>; nextRunAt: Date | null } {
  switch (input.kind) {
    case "dca":
      return { config: json(input.config), state: json(INITIAL_DCA_STATE), nextRunAt: input.config.startAt };
    case "rebalance": {
      const config = input.config.mode === "periodic" ? { ...input.config, startAt: input.config.startAt ?? now } : input.config;
      return { config: json(config), state: { lastSlot: null, lastRunAt: null }, nextRunAt: config.mode === "periodic" ? (config.startAt ?? now) : now };
    }
    default:
      return { config: json(input.config), state: json(INITIAL_STOP_STATE), nextRunAt: null };
  }
}

export async function createAutomation(db: Db, userId: string, input: CreateAutomationInput, opts: { now: Date }) {
  if ((await q.countAutomationsForUser(db, userId)) >= MAX_AUTOMATIONS) {
    throw new DomainError("automation.LIMIT", "conflict", `You can have at most ${MAX_AUTOMATIONS} automations.`);
  }
  for (const t of tokensOf(input)) tokenMeta(input.chainId, t);
  if (input.kind === "stop_loss" || input.kind === "take_profit" || input.kind === "trailing_stop") await stopSanity(input.chainId, input.config);
  await assertRailReady(db, userId, input.rail, input.chainId);
  const init = initial(input, opts.now);
  const row = await q.insertAutomation(db, { userId, kind: input.kind, name: input.name, status: "active", rail: input.rail, chainId: input.chainId, ...init });
  return getAutomation(db, userId, row.id, opts);
}

export async function updateAutomation(db: Db, userId: string, input: UpdateAutomationInput, opts: { now: Date }) {
  const a = await q.findAutomationForUser(db, userId, input.id);
  if (!a) throw new DomainError("automation.NOT_FOUND", "not_found", "Automation not found.");
  if (a.kind !== input.kind) throw invalid("automation.KIND_MISMATCH", "An automation's kind cannot change; create a new one.");
  if (a.status === "stopped") throw new DomainError("automation.STOPPED", "conflict", "This automation has finished; create a new one instead.");
  const patch: Parameters<typeof q.updateAutomationForUser>[3] = {};
  if (input.name) patch.name = input.name;
  if (input.config) {
    const full = { kind: input.kind, name: input.name ?? a.name, rail: a.rail, chainId: a.chainId, config: input.config } as CreateAutomationInput;
    for (const t of tokensOf(full)) tokenMeta(a.chainId, t);
    if (full.kind === "stop_loss" || full.kind === "take_profit" || full.kind === "trailing_stop") await stopSanity(a.chainId, full.config);
    const init = initial(full, opts.now);
    patch.config = init.config;
    // A new schedule keeps the progress made (runs, spent) but a stop restarts its watch.
    if (full.kind === "trailing_stop") patch.state = init.state;
    if (a.status === "active") patch.nextRunAt = init.nextRunAt && init.nextRunAt < opts.now ? opts.now : init.nextRunAt;
  }
  await q.updateAutomationForUser(db, userId, a.id, patch);
  return getAutomation(db, userId, a.id, opts);
}

// ---------------------------------------------------------------- preview

async function quoteFor(chainId: number, tokenIn: Addr, tokenOut: Addr, amountIn: bigint, slippageBps: number, now: Date) {
  try {
    const { quote } = await computeQuote({ chainId, tokenIn, tokenOut, amountIn, slippageBps }, { now });
    return { amountOut: quote.amountOut.toString(), minAmountOut: quote.minAmountOut.toString(), priceImpactBps: quote.priceImpactBps, gasCostOut: quote.gasCostOut?.toString() ?? null, block: quote.block.toString(), error: null };
  } catch (err) {
    return { amountOut: null, minAmountOut: null, priceImpactBps: null, gasCostOut: null, block: null, error: err instanceof DomainError ? err.userMessage : "No quote right now." };
  }
}

async function railBalances(db: Db, userId: string, rail: Rail, chainId: number) {
  try {
    if (rail === "paper") {
      const acc = await getAccount(db, userId, chainId);
      return { ready: acc.exists, balances: new Map(acc.balances.map((b) => [b.address.toLowerCase() as Addr, b.amountRaw])) };
    }
    // Ready = a registered vault with Lodestar's keeper authorised (what create requires).
    const state = await getVaultState(db, userId, { chainId });
    const ready = state.vaults.some((v) => v.registered && v.keeperIsOurs);
    const venue = venueFor(db, userId, rail, chainId);
    return { ready, balances: ready ? await venue.balances() : new Map<Addr, bigint>() };
  } catch {
    return { ready: false, balances: new Map<Addr, bigint>() };
  }
}

export async function previewAutomation(db: Db, userId: string, input: CreateAutomationInput, opts: { now: Date }) {
  const { now } = opts;
  for (const t of tokensOf(input)) tokenMeta(input.chainId, t);
  const rail = await railBalances(db, userId, input.rail, input.chainId);
  if (input.kind === "dca") {
    const cfg = input.config;
    const times: string[] = [];
    const first = dca.nextSlot(cfg, INITIAL_DCA_STATE, now);
    for (let n = first?.slot ?? 0; times.length < 5; n++) {
      const t = dca.slotTime(cfg, n);
      if (cfg.endAt && t > cfg.endAt) break;
      if (cfg.maxRuns !== undefined && times.length >= cfg.maxRuns) break;
      times.push(t.toISOString());
    }
    const { prices } = await usdPrices(input.chainId);
    const priceUsd = prices.get(cfg.tokenOut) ?? null;
    const paused =
      priceUsd !== null && ((cfg.pauseAbovePriceUsd !== undefined && priceUsd > cfg.pauseAbovePriceUsd) || (cfg.pauseBelowPriceUsd !== undefined && priceUsd < cfg.pauseBelowPriceUsd));
    const budget = dca.dcaBudgetRaw(cfg);
    const lastAt = cfg.maxRuns !== undefined ? slotTimeFrom(cfg.startAt, cfg.interval, cfg.maxRuns - 1) : (cfg.endAt ?? null);
    const held = rail.balances.get(cfg.tokenIn) ?? 0n;
    return {
      kind: "dca" as const,
      nextRuns: times,
      every: describeInterval(cfg.interval),
      perRun: await quoteFor(input.chainId, cfg.tokenIn, cfg.tokenOut, cfg.amountInRaw, cfg.slippageBps, now),
      budgetRaw: budget?.toString() ?? null,
      lastRunAt: lastAt?.toISOString() ?? null,
      priceUsd,
      pausedNow: paused,
      railReady: rail.ready,
      heldRaw: held.toString(),
      runsFunded: cfg.amountInRaw > 0n ? Number(held / cfg.amountInRaw) : 0,
    };
  }
  if (input.kind === "rebalance") {
    const cfg = input.config;
    const venue = venueFor(db, userId, input.rail, input.chainId);
    const { holdings, totalUsd } = await holdingsFor(venue, cfg.targets).catch(() => ({ holdings: [], totalUsd: 0, block: 0n }));
    const plan = reb.planRebalance(holdings, cfg);
    const quotes = await Promise.all(plan.orders.map((o) => quoteFor(input.chainId, o.tokenIn, o.tokenOut, o.amountInRaw, cfg.slippageBps, now)));
    const { prices } = await usdPrices(input.chainId);
    const costs = reb.summarizePlanCosts(
      plan,
      quotes.map((qt, i) =>
        qt.amountOut === null
          ? null
          : {
              estimatedOutRaw: BigInt(qt.amountOut),
              priceImpactBps: qt.priceImpactBps ?? 0,
              gasUsd: qt.gasCostOut ? (Number(qt.gasCostOut) / 10 ** tokenMeta(input.chainId, plan.orders[i]!.tokenOut).decimals) * (prices.get(plan.orders[i]!.tokenOut) ?? 0) : 0,
            },
      ),
      cfg.maxPriceImpactBps,
    );
    return {
      kind: "rebalance" as const,
      railReady: rail.ready,
      totalUsd,
      analysis: json(plan.analysis),
      orders: plan.orders.map((o, i) => ({ ...json(o), quote: quotes[i]! })),
      skipped: json(plan.skipped),
      costs,
      nextRuns: cfg.mode === "periodic" && cfg.interval ? [0, 1, 2, 3, 4].map((n) => slotTimeFrom(cfg.startAt ?? now, cfg.interval!, n).toISOString()) : [],
    };
  }
  const cfg = input.config;
  const { prices, block } = await usdPrices(input.chainId);
  const price = stopPrice(cfg, prices);
  const held = rail.balances.get(cfg.token) ?? 0n;
  const amountIn = cfg.amount.type === "all" ? held : cfg.amount.amountRaw < held ? cfg.amount.amountRaw : held;
  const level = cfg.kind === "trailing_stop" ? (price !== null ? (price * (10_000 - cfg.trailBps)) / 10_000 : null) : cfg.triggerPrice;
  const quote = amountIn > 0n ? await quoteFor(input.chainId, cfg.token, cfg.quoteToken, amountIn, cfg.slippageBps, now) : null;
  return {
    kind: input.kind,
    railReady: rail.ready,
    block: block.toString(),
    price,
    level,
    distanceBps: price !== null && level !== null ? Math.round(((price - level) / price) * 10_000) : null,
    heldRaw: held.toString(),
    sellRaw: amountIn.toString(),
    quoteNow: quote,
    minOutNow: quote?.amountOut ? computeMinAmountOut(BigInt(quote.amountOut), cfg.slippageBps).toString() : null,
  };
}
