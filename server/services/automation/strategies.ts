// Adapters between stored automations (jsonb config/state, re-parsed with the shared zod
// schemas) and the pure strategy cores in server/automation, plus each kind's step: what the
// engine runs for a slot or a trigger. Steps only decide and call the venue; the engine
// records the outcome once.
import type { AutomationRow } from "@/db/queries/automation";
import {
  dcaStateSchema,
  parseAutomationConfig,
  rebalanceStateSchema,
  stopStateSchema,
  toJsonValue,
} from "@/lib/schemas/automation";
import type { TradeIntent } from "@/server/automation/breakers";
import * as dca from "@/server/automation/dca";
import * as reb from "@/server/automation/rebalance";
import { slotIndexAt, slotTimeFrom } from "@/server/automation/schedule";
import { convertRawAtUsdPricesDown, mulBpsDown } from "@/server/automation/sizing";
import * as stops from "@/server/automation/stops";
import type { Holding, StopConfig } from "@/server/automation/types";
import { computeMinAmountOut, type Addr, type ExecuteResult, type Fill, type OrderRequest, type Venue } from "@/server/automation/venue";
import type { Gate } from "./breakers";
import { isStableToken, snapshotRail, tokenMeta, usdPrices } from "./rails";

/** Threshold-mode rebalances look at their drift this often. */
export const THRESHOLD_CHECK_MS = 30_000;
/** A scheduled run is "stale" when its slot has gone unrun this long (or 10 % of the interval, if longer). */
export const STALE_GRACE_MS = 120_000;

export type StepOutcome = {
  status: "ok" | "skipped" | "failed";
  inputs: Record<string, unknown>;
  decision: Record<string, unknown>;
  rationale: string;
  fills: Fill[];
  state?: Record<string, unknown>;
  /** Set when the automation is finished (stopped) by this step, with the reason shown. */
  finish?: string;
  error?: string;
  title?: string;
};

type Settled = Exclude<ExecuteResult, { status: "pending" }>;
export type StepArgs = { a: AutomationRow; venue: Venue; slot: number; now: Date; key: string; gate: Gate; execute: (o: OrderRequest) => Promise<Settled> };

const json = (v: unknown) => toJsonValue(v) as Record<string, unknown>;


/** What an automation wants to do, for the circuit breaker. */
export function intentOf(a: Pick<AutomationRow, "kind" | "config" | "chainId">): TradeIntent {
  if (a.kind === "stop_loss" || a.kind === "trailing_stop" || a.kind === "take_profit") return { kind: a.kind };
  if (a.kind === "dca") {
    const c = a.config as { tokenIn?: string; tokenOut?: string };
    return { kind: "dca", tokenInStable: isStableToken(a.chainId, c.tokenIn ?? ""), tokenOutStable: isStableToken(a.chainId, c.tokenOut ?? "") };
  }
  return { kind: "rebalance", tokenInStable: false, tokenOutStable: false };
}

function intervalMsApprox(i: { every: number; unit: string }) {
  const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_592_000_000 }[i.unit] ?? 60_000;
  return i.every * unit;
}

// ---------------------------------------------------------------- scheduling

export type DueSlot = { index: number; key: string; at: Date; next: Date | null };

/** The slot a scheduled automation should run at `now`, or null (nothing due). */
export function slotDue(a: AutomationRow, now: Date): DueSlot | null {
  if (a.kind === "dca") {
    const cfg = parseAutomationConfig("dca", a.config);
    const state = dcaStateSchema.parse(a.state);
    const n = dca.slotAt(cfg, now);
    if (n === null || n <= (state.lastSlot ?? -1)) return null;
    const next = dca.nextSlot(cfg, { ...state, lastSlot: n }, now);
    return { index: n, key: String(n), at: dca.slotTime(cfg, n), next: next?.at ?? null };
  }
  if (a.kind === "rebalance") {
    const cfg = parseAutomationConfig("rebalance", a.config);
    if (cfg.mode === "threshold") {
      const n = Math.floor(now.getTime() / THRESHOLD_CHECK_MS);
      return { index: n, key: `t${n}`, at: new Date(n * THRESHOLD_CHECK_MS), next: new Date((n + 1) * THRESHOLD_CHECK_MS) };
    }
    const state = rebalanceStateSchema.parse(a.state);
    const anchor = cfg.startAt ?? a.createdAt;
    const n = slotIndexAt(anchor, cfg.interval!, now);
    if (n === null || n <= (state.lastSlot ?? -1)) return null;
    return { index: n, key: String(n), at: slotTimeFrom(anchor, cfg.interval!, n), next: slotTimeFrom(anchor, cfg.interval!, n + 1) };
  }
  return null;
}

/**
 * When a scheduled automation should next be looked at (null: never, e.g. a finished DCA or a
 * stop). On resume the latest slot that fell due during the pause runs at once (the older ones
 * count as missed), as after any downtime.
 */
export function nextRunAfter(a: AutomationRow, now: Date): Date | null {
  if (a.kind === "dca") {
    const cfg = parseAutomationConfig("dca", a.config);
    return dca.nextSlot(cfg, dcaStateSchema.parse(a.state), now)?.at ?? null;
  }
  if (a.kind === "rebalance") {
    const cfg = parseAutomationConfig("rebalance", a.config);
    if (cfg.mode === "threshold") return now;
    const state = rebalanceStateSchema.parse(a.state);
    const anchor = cfg.startAt ?? a.createdAt;
    const n = slotIndexAt(anchor, cfg.interval!, now);
    const due = n !== null && n > (state.lastSlot ?? -1);
    return due ? now : slotTimeFrom(anchor, cfg.interval!, n === null ? 0 : n + 1);
  }
  return null;
}

/** An active scheduled automation whose due slot has gone unrun past the grace period. */
export function staleCheck(a: AutomationRow, now: Date): { slot: number; reason: string } | null {
  if (a.status !== "active") return null;
  if (a.kind === "dca") {
    const cfg = parseAutomationConfig("dca", a.config);
    const state = dcaStateSchema.parse(a.state);
    const grace = Math.max(STALE_GRACE_MS, intervalMsApprox(cfg.interval) / 10);
    if (!dca.isDcaStale(cfg, state, now, grace)) return null;
    const slot = (state.lastSlot ?? -1) + 1;
    const at = dca.slotTime(cfg, slot);
    return { slot, reason: `The buy due at ${at.toISOString().slice(0, 16).replace("T", " ")} UTC has not run for ${Math.round((now.getTime() - at.getTime()) / 60_000)} min.` };
  }
  return null;
}

export type Health = { status: "ok" | "waiting" | "stale" | "failing" | "warning" | "paused" | "stopped"; label: string; detail: string };

export function healthOf(a: AutomationRow, recent: string[], now: Date): Health {
  if (a.status === "paused") return { status: "paused", label: "Paused", detail: a.statusReason ?? "Paused" };
  if (a.status === "stopped") return { status: "stopped", label: "Finished", detail: a.statusReason ?? "Finished" };
  try {
    const stale = staleCheck(a, now);
    if (stale) return { status: "stale", label: "Overdue", detail: stale.reason };
  } catch {
    return { status: "failing", label: "Invalid", detail: "The stored configuration no longer validates." };
  }
  if (recent[0] === "failed" && recent[1] === "failed") return { status: "failing", label: "Failing", detail: "The last runs failed." };
  if (recent[0] === "failed") return { status: "warning", label: "Last run failed", detail: "The last run failed; the next one will try again." };
  if (recent.length === 0) {
    const what = a.kind === "stop_loss" || a.kind === "trailing_stop" || a.kind === "take_profit" ? "Watching the price every block" : "No run yet";
    return { status: "waiting", label: "Armed", detail: what };
  }
  return { status: "ok", label: "Healthy", detail: "Running on schedule" };
}

// ---------------------------------------------------------------- steps

function rejectionOutcome(base: Omit<StepOutcome, "status" | "rationale" | "fills">, r: Extract<Settled, { status: "rejected" }>, what: string): StepOutcome {
  return { ...base, status: "failed", rationale: `${what} was rejected: ${r.reason}`, error: `${r.code}: ${r.reason}`, fills: [] };
}

export async function dcaStep({ a, slot, now, key, gate, execute }: StepArgs): Promise<StepOutcome | null> {
  const cfg = parseAutomationConfig("dca", a.config);
  const state = dcaStateSchema.parse(a.state);
  const { block, prices } = await usdPrices(a.chainId);
  const priceUsd = prices.get(cfg.tokenOut) ?? null;
  const d = dca.decideDca(cfg, state, { now, priceUsd });
  const inputs = { slot, block: block.toString(), priceUsd, state: json(state), breakerLevel: gate.level };
  if (d.action === "wait") return null;
  if (d.action === "complete") return { status: "skipped", inputs, decision: json(d), rationale: d.message, fills: [], finish: d.message };
  if (d.action === "skip") return { status: "skipped", inputs, decision: json(d), rationale: d.message, fills: [], state: json(dca.applyDca(state, d)) };

  const verdict = gate.check(intentOf(a));
  if (!verdict.allowed) {
    const skip = dca.blockDcaBuy(d, verdict.reason);
    return { status: "skipped", inputs, decision: { ...json(d), breaker: verdict.reason }, rationale: `Circuit breaker: ${verdict.reason}`, fills: [], state: json(dca.applyDca(state, skip)) };
  }
  const amountIn = mulBpsDown(d.amountInRaw, verdict.sizeMultiplierBps);
  const sized = verdict.sizeMultiplierBps < 10_000 ? ` Size × ${verdict.sizeMultiplierBps / 100} % (circuit breaker).` : "";
  const r = await execute({ key, chainId: a.chainId, tokenIn: cfg.tokenIn, tokenOut: cfg.tokenOut, amountIn, slippageBps: cfg.slippageBps, source: "automation", automationId: a.id });
  if (r.status === "rejected") {
    // The slot is spent (a failed slot is not retried by the next one); the run says why.
    return { ...rejectionOutcome({ inputs, decision: json(d) }, r, "The buy"), state: json({ ...state, lastSlot: d.slot }) };
  }
  const next = dca.applyDca(state, d, r.fill.amountIn);
  const remaining = dca.nextSlot(cfg, next, now);
  return {
    status: "ok",
    inputs,
    decision: json({ ...d, amountInRaw: amountIn }),
    rationale: `${d.reason}${sized} Buy ${cfg.maxRuns ? `${next.runs} of ${cfg.maxRuns}` : `#${next.runs}`}.`,
    fills: [r.fill],
    state: json(next),
    title: `${a.name}: buy ${next.runs}${cfg.maxRuns ? `/${cfg.maxRuns}` : ""}`,
    ...(remaining === null ? { finish: cfg.maxRuns ? `All ${cfg.maxRuns} buys are done.` : "The schedule reached its end." } : {}),
  };
}

/** Priced holdings of a venue plus the target tokens it does not hold (amount 0). */
export async function holdingsFor(venue: Venue, targets: readonly { token: Addr }[]): Promise<{ holdings: Holding[]; block: bigint; totalUsd: number }> {
  const snap = await snapshotRail(venue);
  const holdings: Holding[] = snap.holdings.map((h) => ({ token: h.token, symbol: h.symbol, decimals: h.decimals, amountRaw: h.amountRaw, priceUsd: h.priceUsd }));
  for (const t of targets) {
    if (holdings.some((h) => h.token === t.token)) continue;
    const m = tokenMeta(venue.chainId, t.token);
    holdings.push({ token: m.address, symbol: m.symbol, decimals: m.decimals, amountRaw: 0n, priceUsd: snap.prices.get(m.address) ?? 0 });
  }
  return { holdings, block: snap.block, totalUsd: snap.totalUsd };
}

export async function rebalanceStep({ a, venue, slot, now, key, gate, execute }: StepArgs): Promise<StepOutcome | null> {
  const cfg = parseAutomationConfig("rebalance", a.config);
  const config = { ...cfg, startAt: cfg.startAt ?? a.createdAt };
  const state = rebalanceStateSchema.parse(a.state);
  const { holdings, block, totalUsd } = await holdingsFor(venue, cfg.targets);
  const d = reb.decideRebalance(config, state, holdings, now);
  const inputs = { slot, block: block.toString(), totalUsd, holdings: json(holdings), breakerLevel: gate.level };
  const analysis = d.action === "trade" ? d.plan.analysis : d.analysis;
  const decisionBase = { action: d.action, reason: d.reason, maxDriftBps: analysis.maxDriftBps, drifts: json(analysis.assets.map((x) => ({ symbol: x.symbol, weightBps: x.weightBps, targetBps: x.targetBps, driftBps: x.driftBps }))) };
  if (d.action === "wait") return null;
  if (d.action === "skip") return { status: "skipped", inputs, decision: decisionBase, rationale: d.reason, fills: [], state: json(reb.applyRebalanceDecision(state, d, now)) };

  const fills: Fill[] = [];
  const problems: string[] = [];
  for (const [i, o] of d.plan.orders.entries()) {
    const verdict = gate.check({ kind: "rebalance", tokenInStable: isStableToken(a.chainId, o.tokenIn), tokenOutStable: isStableToken(a.chainId, o.tokenOut) });
    if (!verdict.allowed) {
      problems.push(`${o.symbolIn}→${o.symbolOut}: ${verdict.reason}`);
      continue;
    }
    const amountIn = mulBpsDown(o.amountInRaw, verdict.sizeMultiplierBps);
    if (amountIn === 0n) continue;
    const r = await execute({ key: `${key}:${i}`, chainId: a.chainId, tokenIn: o.tokenIn, tokenOut: o.tokenOut, amountIn, slippageBps: cfg.slippageBps, source: "automation", automationId: a.id });
    if (r.status === "rejected") problems.push(`${o.symbolIn}→${o.symbolOut}: ${r.reason}`);
    else fills.push(r.fill);
  }
  const orders = d.plan.orders.map((o) => ({ tokenIn: o.tokenIn, tokenOut: o.tokenOut, symbolIn: o.symbolIn, symbolOut: o.symbolOut, amountInRaw: o.amountInRaw.toString(), estUsd: o.estUsd }));
  const decision = { ...decisionBase, orders, skipped: json(d.plan.skipped), problems };
  // Any order that did not fill makes the run "failed" (the fills that did happen are kept in
  // the decision and the error lists each problem).
  const status = problems.length === 0 ? "ok" : "failed";
  return {
    status,
    inputs,
    decision,
    rationale: problems.length ? `${d.reason} Problems: ${problems.join("; ")}.` : d.reason,
    fills,
    state: json(reb.applyRebalanceDecision(state, d, now)),
    ...(problems.length ? { error: problems.join("; ") } : {}),
    title: `${a.name}: rebalanced (${fills.length} order${fills.length === 1 ? "" : "s"})`,
  };
}

// ---------------------------------------------------------------- stops

function stopConfig(a: Pick<AutomationRow, "kind" | "config">): StopConfig {
  if (a.kind === "stop_loss") return parseAutomationConfig("stop_loss", a.config);
  if (a.kind === "take_profit") return parseAutomationConfig("take_profit", a.config);
  if (a.kind === "trailing_stop") return parseAutomationConfig("trailing_stop", a.config);
  throw new Error(`${a.kind} is not a stop`);
}

/** The price a stop watches, in its basis (USD, or token per quote token). */
export function stopPrice(cfg: StopConfig, prices: ReadonlyMap<Addr, number>): number | null {
  const p = prices.get(cfg.token);
  if (!p) return null;
  if (cfg.basis === "usd") return p;
  const q = prices.get(cfg.quoteToken);
  return q ? p / q : null;
}

export function evaluateStopFor(a: AutomationRow, prices: ReadonlyMap<Addr, number>, block: bigint) {
  const cfg = stopConfig(a);
  const state = stopStateSchema.parse(a.state);
  const price = stopPrice(cfg, prices);
  if (price === null) return null;
  const ev = stops.evaluateStop(cfg, state, { price, block });
  // lastBlock moves every block: persist only what matters (the high-water mark, the trigger).
  const stateChanged = ev.state.highWater !== state.highWater || ev.state.triggered !== state.triggered;
  return { state: json(ev.state), stateChanged, trigger: ev.trigger, priceUsd: prices.get(cfg.token) ?? 0, quoteUsd: prices.get(cfg.quoteToken) ?? null, price, level: ev.triggerPrice, reason: ev.reason };
}

export async function stopOrder(args: {
  a: AutomationRow;
  venue: Venue;
  now: Date;
  key: string;
  gate: Gate;
  trigger: { block: bigint; priceUsd: number; quoteUsd?: number | null; reason: string };
  execute: (o: OrderRequest) => Promise<Settled>;
}): Promise<StepOutcome> {
  const { a, venue, key, gate, trigger } = args;
  const cfg = stopConfig(a);
  const held = (await venue.balances()).get(cfg.token) ?? 0n;
  const amountIn = stops.stopSellAmount(cfg, held);
  const tIn = tokenMeta(a.chainId, cfg.token);
  const tOut = tokenMeta(a.chainId, cfg.quoteToken);
  const inputs = { triggerBlock: trigger.block.toString(), priceUsd: trigger.priceUsd, heldRaw: held.toString(), breakerLevel: gate.level };
  const state = json({ ...stopStateSchema.parse(a.state), triggered: true, triggeredBlock: trigger.block });
  const label = { stop_loss: "Stop-loss", trailing_stop: "Trailing stop", take_profit: "Take-profit" }[a.kind as "stop_loss"];
  if (amountIn === 0n) {
    const msg = `${label} triggered (${trigger.reason}) but the ${venue.kind === "paper" ? "paper account" : "vault"} holds no ${tIn.symbol}.`;
    return { status: "failed", inputs, decision: { trigger: trigger.reason }, rationale: msg, error: msg, fills: [], state, finish: msg };
  }
  const verdict = gate.check(intentOf(a));
  if (!verdict.allowed) {
    const msg = `${label} triggered but the circuit breaker blocked the sell: ${verdict.reason}`;
    return { status: "skipped", inputs, decision: { trigger: trigger.reason }, rationale: msg, fills: [], state, finish: msg };
  }
  // A floor from the price observed at the trigger (not the stop level: after a gap down the
  // market is below the level and a stop is a market order), less the slippage tolerance.
  // The receive token's price at the trigger block comes with the trigger (no second read).
  const outUsd = trigger.quoteUsd ?? (await usdPrices(a.chainId, trigger.block)).prices.get(tOut.address);
  const floor = outUsd ? computeMinAmountOut(convertRawAtUsdPricesDown(amountIn, trigger.priceUsd, outUsd, tIn.decimals, tOut.decimals), cfg.slippageBps) : undefined;
  const r = await args.execute({
    key,
    chainId: a.chainId,
    tokenIn: tIn.address,
    tokenOut: tOut.address,
    amountIn,
    slippageBps: cfg.slippageBps,
    ...(floor !== undefined ? { minAmountOut: floor } : {}),
    source: "automation",
    automationId: a.id,
    triggerBlock: trigger.block,
  });
  const decision = { trigger: trigger.reason, amountInRaw: amountIn.toString(), minAmountOut: floor?.toString() ?? null };
  if (r.status === "rejected") {
    const msg = `${label} triggered (${trigger.reason}) but the sell failed: ${r.reason}`;
    return { status: "failed", inputs, decision, rationale: msg, error: `${r.code}: ${r.reason}`, fills: [], state, finish: msg };
  }
  const latency = r.fill.txHash ? ` Mined in block ${r.fill.block} (${r.fill.block - trigger.block} block(s) after the trigger).` : "";
  return {
    status: "ok",
    inputs,
    decision: { ...decision, latencyBlocks: r.fill.txHash ? Number(r.fill.block - trigger.block) : null },
    rationale: `${trigger.reason} Sold ${tIn.symbol} for ${tOut.symbol}.${latency}`,
    fills: [r.fill],
    state,
    title: `${label} executed: ${a.name}`,
    finish: `${label} executed at block ${r.fill.block}.`,
  };
}
