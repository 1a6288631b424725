// Alert evaluation: pure. The service (server/services/alerts.ts) loads each alert with its
// persisted state, observes the current value (a token's USD price, a portfolio's drawdown or
// largest weight), calls evaluateAlert and persists what comes back; a trigger becomes one
// notification (its dedupeKey makes a repeated evaluation of the same episode a no-op).
//
// Terms:
// - Level alerts (price_above, price_below, drawdown, concentration) fire when the condition
//   starts to hold while the alert is ARMED, then disarm. They re-arm only after the value
//   has moved back past the level by the hysteresis (so a price hovering at the level does
//   not fire on every tick). A new alert starts armed: if its condition already holds on the
//   first evaluation it fires once then.
// - Percent-move alerts (price_change) compare the price with the REFERENCE: the oldest price
//   sample not older than the window (the price about `window` ago; before a full window has
//   been observed, the first sample). They fire on |change| ≥ the threshold in the chosen
//   direction, at most once per cooldown; after firing the samples restart from the current
//   price, so the next trigger needs a fresh move of the threshold from there.
// - repeat = false: the alert fires once and then stays "triggered" (one-shot).

export const ALERT_KINDS = ["price_above", "price_below", "price_change", "drawdown", "concentration"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type PriceLevelConfig = {
  kind: "price_above" | "price_below";
  chainId: number;
  token: string;
  symbol: string;
  /** The level in USD (a decimal string: exact as the user typed it). */
  priceUsd: string;
  /** Re-arm distance from the level, in basis points of the level. */
  hysteresisBps: number;
};
export type PriceChangeConfig = {
  kind: "price_change";
  chainId: number;
  token: string;
  symbol: string;
  /** Threshold, basis points of the reference price (500 = 5 %). */
  changeBps: number;
  windowMs: number;
  direction: "up" | "down" | "both";
  cooldownMs: number;
};
export type PortfolioAlertConfig = {
  kind: "drawdown" | "concentration";
  portfolioId: string;
  portfolioName: string;
  /** Drawdown from peak, or the largest holding's weight, at or beyond which the alert fires. */
  limitBps: number;
  /** Re-arm once the value is this far back below the limit. */
  hysteresisBps: number;
};
export type AlertConfig = PriceLevelConfig | PriceChangeConfig | PortfolioAlertConfig;

// Type guards (kinds that share one config type do not narrow with === on a union of literals).
export const isPriceLevelConfig = (c: AlertConfig): c is PriceLevelConfig => c.kind === "price_above" || c.kind === "price_below";
export const isPortfolioConfig = (c: AlertConfig): c is PortfolioAlertConfig => c.kind === "drawdown" || c.kind === "concentration";

export type PriceSample = { t: number; p: number };
export type AlertState = {
  /** Level alerts: may fire (undefined = never evaluated = armed). */
  armed?: boolean;
  /** Triggers so far; the next trigger's dedupe key uses fires + 1. */
  fires?: number;
  /** price_change: recent samples, oldest first, spaced ≥ window / MAX_SAMPLES apart. */
  samples?: PriceSample[];
};

export type AlertStatus = "active" | "triggered" | "paused";

export type EvaluableAlert = {
  id: string;
  config: AlertConfig;
  status: AlertStatus;
  repeat: boolean;
  state: AlertState;
  lastTriggeredAt: Date | null;
};

export type Observation =
  | { kind: "price"; priceUsd: number }
  | { kind: "drawdown"; drawdownBps: number }
  | { kind: "concentration"; weightBps: number; symbol: string };

export type AlertSeverity = "info" | "warning" | "critical";

export type AlertTrigger = {
  alertId: string;
  notificationKind: "alert.price" | "alert.drawdown" | "alert.concentration";
  severity: AlertSeverity;
  title: string;
  body: string;
  dedupeKey: string;
  data: Record<string, unknown>;
};

export type AlertEvaluation = {
  status: AlertStatus;
  state: AlertState;
  /** The observed value, for display ("2512.3", "1830" bps). */
  lastValue: string;
  trigger: AlertTrigger | null;
};

export const MAX_SAMPLES = 48;
const BPS = 10_000;

// ---------------------------------------------------------------- formatting

/** "$3,000.00"; prices below $1 keep up to 6 significant decimals ("$0.000123"). */
export function formatUsdPrice(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 1 ? 2 : abs === 0 ? 2 : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(abs)) + 3));
  return `${n < 0 ? "-" : ""}$${abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

/** Basis points as a percentage with two decimals: 1500 → "15.00 %". */
export const formatBps = (bps: number) => `${(bps / 100).toFixed(2)} %`;

/** A signed fraction as a percentage: 0.0526 → "+5.26 %". */
const formatSignedPct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)} %`;

/** A duration in hours, one decimal dropped when whole: 86_400_000 → "24 h", 5_400_000 → "1.5 h". */
export function formatHours(ms: number): string {
  const h = Math.round((ms / 3_600_000) * 10) / 10;
  return `${Number.isInteger(h) ? h.toFixed(0) : h.toFixed(1)} h`;
}

// ---------------------------------------------------------------- evaluation

/** The one entry point: dispatches on the alert's kind. Paused alerts never change. */
export function evaluateAlert(alert: EvaluableAlert, obs: Observation, now: Date): AlertEvaluation {
  const c = alert.config;
  if (alert.status === "paused") return { status: "paused", state: alert.state, lastValue: observedValue(obs), trigger: null };
  if (isPriceLevelConfig(c)) {
    if (obs.kind !== "price") throw new Error(`alert ${alert.id}: ${c.kind} needs a price observation`);
    return evaluatePriceLevel(alert, c, obs.priceUsd);
  }
  if (!isPortfolioConfig(c)) {
    if (obs.kind !== "price") throw new Error(`alert ${alert.id}: price_change needs a price observation`);
    return evaluatePriceChange(alert, c, obs.priceUsd, now);
  }
  if (c.kind === "drawdown") {
    if (obs.kind !== "drawdown") throw new Error(`alert ${alert.id}: drawdown needs a drawdown observation`);
    return evaluatePortfolioLevel(alert, c, obs.drawdownBps, null);
  }
  if (obs.kind !== "concentration") throw new Error(`alert ${alert.id}: concentration needs a weight observation`);
  return evaluatePortfolioLevel(alert, c, obs.weightBps, obs.symbol);
}

function observedValue(obs: Observation): string {
  if (obs.kind === "price") return String(obs.priceUsd);
  return String(obs.kind === "drawdown" ? obs.drawdownBps : obs.weightBps);
}

function nextFire(alert: EvaluableAlert): { fires: number; dedupeKey: string } {
  const fires = (alert.state.fires ?? 0) + 1;
  return { fires, dedupeKey: `alert:${alert.id}:${fires}` };
}

/**
 * Shared level logic. `beyond` = the condition holds; `backInside` = the value has moved back
 * past the level by the hysteresis (re-arm). Armed + beyond → fire and disarm.
 */
function levelStep(alert: EvaluableAlert, beyond: boolean, backInside: boolean) {
  const armed = alert.state.armed ?? true;
  if (armed && beyond) return { fire: true, armed: false };
  if (!armed && backInside && alert.repeat) return { fire: false, armed: true };
  return { fire: false, armed };
}

function statusAfter(alert: EvaluableAlert, armed: boolean): AlertStatus {
  // One-shot alerts stay triggered after their first trigger; repeating ones show
  // "triggered" until they re-arm.
  if (!alert.repeat && (alert.state.fires ?? 0) > 0) return "triggered";
  return armed ? "active" : "triggered";
}

export function evaluatePriceLevel(alert: EvaluableAlert, c: PriceLevelConfig, priceUsd: number): AlertEvaluation {
  const level = Number(c.priceUsd);
  const h = c.hysteresisBps / BPS;
  const above = c.kind === "price_above";
  const beyond = above ? priceUsd >= level : priceUsd <= level;
  const backInside = above ? priceUsd <= level * (1 - h) : priceUsd >= level * (1 + h);
  const step = levelStep(alert, beyond, backInside);
  if (!step.fire) {
    const state = { ...alert.state, armed: step.armed };
    return { status: statusAfter({ ...alert, state }, step.armed), state, lastValue: String(priceUsd), trigger: null };
  }
  const { fires, dedupeKey } = nextFire(alert);
  const word = above ? "above" : "below";
  const rearm = level * (above ? 1 - h : 1 + h);
  const state: AlertState = { ...alert.state, armed: false, fires };
  return {
    status: "triggered",
    state,
    lastValue: String(priceUsd),
    trigger: {
      alertId: alert.id,
      notificationKind: "alert.price",
      severity: "warning",
      title: `${c.symbol} ${above ? "rose above" : "fell below"} ${formatUsdPrice(level)}`,
      body:
        `${c.symbol} is at ${formatUsdPrice(priceUsd)}, ${word} your alert level of ${formatUsdPrice(level)}.` +
        (alert.repeat ? ` The alert re-arms once the price is back ${above ? "below" : "above"} ${formatUsdPrice(rearm)}.` : ""),
      dedupeKey,
      data: { alertId: alert.id, kind: c.kind, chainId: c.chainId, token: c.token, symbol: c.symbol, priceUsd, levelUsd: level },
    },
  };
}

/** Keeps samples within the window, at most MAX_SAMPLES, spaced ≥ window / MAX_SAMPLES apart. */
export function addSample(samples: readonly PriceSample[], sample: PriceSample, windowMs: number): PriceSample[] {
  const kept = samples.filter((s) => sample.t - s.t <= windowMs && s.t <= sample.t);
  const last = kept.at(-1);
  if (!last || sample.t - last.t >= windowMs / MAX_SAMPLES) kept.push(sample);
  return kept.slice(-MAX_SAMPLES);
}

export function evaluatePriceChange(alert: EvaluableAlert, c: PriceChangeConfig, priceUsd: number, now: Date): AlertEvaluation {
  const t = now.getTime();
  const samples = addSample(alert.state.samples ?? [], { t, p: priceUsd }, c.windowMs);
  const ref = samples[0]!;
  const change = ref.p > 0 ? priceUsd / ref.p - 1 : 0;
  const threshold = c.changeBps / BPS;
  const moved = (c.direction !== "down" && change >= threshold) || (c.direction !== "up" && change <= -threshold);
  const cooling = alert.lastTriggeredAt !== null && t - alert.lastTriggeredAt.getTime() < c.cooldownMs;
  const spent = !alert.repeat && (alert.state.fires ?? 0) > 0;
  if (!moved || cooling || spent) {
    return { status: spent ? "triggered" : "active", state: { ...alert.state, samples }, lastValue: String(priceUsd), trigger: null };
  }
  const { fires, dedupeKey } = nextFire(alert);
  const up = change >= 0;
  return {
    status: alert.repeat ? "active" : "triggered",
    // Restart from the current price: the next trigger needs a fresh move of the threshold.
    state: { ...alert.state, samples: [{ t, p: priceUsd }], fires },
    lastValue: String(priceUsd),
    trigger: {
      alertId: alert.id,
      notificationKind: "alert.price",
      severity: Math.abs(change) >= 2 * threshold ? "critical" : "warning",
      title: `${c.symbol} ${up ? "up" : "down"} ${formatSignedPct(change).slice(1)} in ${formatHours(t - ref.t)}`,
      body:
        `${c.symbol} moved from ${formatUsdPrice(ref.p)} to ${formatUsdPrice(priceUsd)} (${formatSignedPct(change)}) ` +
        `in the last ${formatHours(t - ref.t)}; your alert is set at ${c.direction === "both" ? "±" : c.direction === "up" ? "+" : "−"}${formatBps(c.changeBps)} within ${formatHours(c.windowMs)}.`,
      dedupeKey,
      data: { alertId: alert.id, kind: c.kind, chainId: c.chainId, token: c.token, symbol: c.symbol, priceUsd, referenceUsd: ref.p, referenceAt: new Date(ref.t).toISOString(), changeBps: Math.round(change * BPS) },
    },
  };
}

export function evaluatePortfolioLevel(alert: EvaluableAlert, c: PortfolioAlertConfig, valueBps: number, symbol: string | null): AlertEvaluation {
  const beyond = valueBps >= c.limitBps;
  const backInside = valueBps <= c.limitBps - c.hysteresisBps;
  const step = levelStep(alert, beyond, backInside);
  if (!step.fire) {
    const state = { ...alert.state, armed: step.armed };
    return { status: statusAfter({ ...alert, state }, step.armed), state, lastValue: String(valueBps), trigger: null };
  }
  const { fires, dedupeKey } = nextFire(alert);
  const name = `“${c.portfolioName}”`;
  const isDrawdown = c.kind === "drawdown";
  return {
    status: "triggered",
    state: { ...alert.state, armed: false, fires },
    lastValue: String(valueBps),
    trigger: {
      alertId: alert.id,
      notificationKind: isDrawdown ? "alert.drawdown" : "alert.concentration",
      severity: isDrawdown && valueBps >= 2 * c.limitBps ? "critical" : "warning",
      title: isDrawdown ? `${name} is ${formatBps(valueBps)} below its peak` : `${symbol ?? "One holding"} is ${formatBps(valueBps)} of ${name}`,
      body: isDrawdown
        ? `The portfolio's drawdown from its peak is ${formatBps(valueBps)}, beyond your limit of ${formatBps(c.limitBps)}.`
        : `The largest holding, ${symbol ?? "one asset"}, is ${formatBps(valueBps)} of the portfolio's value, above your concentration limit of ${formatBps(c.limitBps)}.`,
      dedupeKey,
      data: { alertId: alert.id, kind: c.kind, portfolioId: c.portfolioId, valueBps, limitBps: c.limitBps, ...(symbol ? { symbol } : {}) },
    },
  };
}

/** One line describing what an alert watches, for lists: "ETH ≥ $3,000.00". */
export function describeAlert(c: AlertConfig): string {
  switch (c.kind) {
    case "price_above":
      return `${c.symbol} at or above ${formatUsdPrice(Number(c.priceUsd))}`;
    case "price_below":
      return `${c.symbol} at or below ${formatUsdPrice(Number(c.priceUsd))}`;
    case "price_change":
      return `${c.symbol} moves ${c.direction === "both" ? "±" : c.direction === "up" ? "+" : "−"}${formatBps(c.changeBps)} within ${formatHours(c.windowMs)}`;
    case "drawdown":
      return `“${c.portfolioName}” ${formatBps(c.limitBps)} or more below its peak`;
    case "concentration":
      return `A holding of “${c.portfolioName}” at ${formatBps(c.limitBps)} or more of its value`;
  }
}
