// Lots and cost basis: FIFO, LIFO, HIFO and average cost over the prepared event stream. Pure.
//
// Definitions (per asset, summed over the user's accounts):
//   lot            quantity acquired at one time with its cost basis (USD×1e18); lots live per
//                  (account, asset) and keep their acquisition time when moved between own accounts.
//   realised       Σ (proceeds − consumed cost) over sells, swaps (the `from` leg) and fees paid in
//                  the asset as part of a trade (disposed at their market value).
//   income         Σ market value at receipt of `income` activities (also the new lot's cost basis).
//   fee cost       Σ cost basis consumed by zero-proceeds disposals (standalone `fee` activities,
//                  gas on transfers, bridge shortfall of a move) plus USD fees on transfers.
//   net invested   money put into the holding minus money taken out, at the values booked:
//                  buy +value+fee, sell −proceeds, external transfer in +cost basis, external
//                  transfer out −consumed cost, swap from −(value−fee)… to +value, trade fee asset −fee.
//   unrealised     market value − open cost basis (null when unpriced).
// Conservation (tested for every method): realised + income − fee cost + unrealised = value − net invested.
//
// Rounding: consumed cost is rounded up (a larger cost basis never overstates a gain) and the rest
// stays in the lot, so cost is conserved exactly; proceeds split across lots pro rata, rounded
// down, the last lot taking the remainder.
import {
  costUsdE18,
  fail,
  LotMethod,
  mulDivUp,
  ok,
  PortfolioErrorCode,
  valueUsdE18,
  type AssetRegistry,
  type Fee,
  type PortfolioEvent,
  type Result,
  type UsdE18,
} from "./types";

export type Lot = {
  id: string;
  assetId: string;
  accountId: string;
  acquiredAtMs: number;
  /** Activity that created the lot (for moved lots: the original acquisition). */
  sourceActivityId: string;
  quantityRaw: bigint;
  costUsdE18: UsdE18;
};

/** One lot (or part of one) consumed by a disposal, as it stood when consumed. */
export type LotConsumption = { lotId: string; acquiredAtMs: number; quantityRaw: bigint; costUsdE18: UsdE18 };

export type DisposalKind = "sell" | "swap" | "trade_fee" | "fee" | "transfer_out" | "move_shortfall";

/** A disposal: what was consumed, for how much. `zeroProceeds` disposals count as fee cost, the rest as realised. */
export type Disposal = {
  activityId: string;
  timestampMs: number;
  kind: DisposalKind;
  accountId: string;
  assetId: string;
  quantityRaw: bigint;
  proceedsUsdE18: UsdE18;
  costUsdE18: UsdE18;
  /** proceeds − cost for realising kinds; 0 for transfer_out (not a P&L event) and zero-proceeds fees. */
  realisedUsdE18: UsdE18;
  consumed: LotConsumption[];
};

export type Acquisition = {
  activityId: string;
  timestampMs: number;
  kind: "buy" | "income" | "transfer_in" | "swap";
  accountId: string;
  lotId: string;
  quantityRaw: bigint;
  costUsdE18: UsdE18;
};

export type HoldingLedger = {
  assetId: string;
  quantityRaw: bigint;
  costBasisUsdE18: UsdE18;
  realisedUsdE18: UsdE18;
  incomeUsdE18: UsdE18;
  feeCostUsdE18: UsdE18;
  netInvestedUsdE18: UsdE18;
  acquisitions: Acquisition[];
  disposals: Disposal[];
};

export type LotLedger = {
  method: LotMethod;
  holdings: Map<string, HoldingLedger>;
  /** Open lots per `${accountId}|${assetId}`, in acquisition order (average cost: one pooled lot). */
  books: Map<string, Lot[]>;
};

const emptyHolding = (assetId: string): HoldingLedger => ({
  assetId,
  quantityRaw: 0n,
  costBasisUsdE18: 0n,
  realisedUsdE18: 0n,
  incomeUsdE18: 0n,
  feeCostUsdE18: 0n,
  netInvestedUsdE18: 0n,
  acquisitions: [],
  disposals: [],
});

class Engine {
  readonly holdings = new Map<string, HoldingLedger>();
  readonly books = new Map<string, Lot[]>();
  private seq = 0;
  constructor(
    readonly method: LotMethod,
    readonly assets: AssetRegistry,
  ) {}

  holding(assetId: string): HoldingLedger {
    let h = this.holdings.get(assetId);
    if (!h) this.holdings.set(assetId, (h = emptyHolding(assetId)));
    return h;
  }

  private book(accountId: string, assetId: string): Lot[] {
    const k = `${accountId}|${assetId}`;
    let b = this.books.get(k);
    if (!b) this.books.set(k, (b = []));
    return b;
  }

  /** Quantity per `${accountId}|${assetId}` (kept so a disposal needn't sum the book). */
  private readonly held = new Map<string, bigint>();
  private heldIn(accountId: string, assetId: string): bigint {
    return this.held.get(`${accountId}|${assetId}`) ?? 0n;
  }

  /** Adds a lot (average cost: merges into the pool). Keeps the book sorted by acquisition time. */
  addLot(lot: Omit<Lot, "id">, id?: string): Lot {
    const book = this.book(lot.accountId, lot.assetId);
    this.held.set(`${lot.accountId}|${lot.assetId}`, this.heldIn(lot.accountId, lot.assetId) + lot.quantityRaw);
    const h = this.holding(lot.assetId);
    h.quantityRaw += lot.quantityRaw;
    h.costBasisUsdE18 += lot.costUsdE18;
    if (this.method === LotMethod.average && book.length > 0) {
      const pool = book[0]!;
      pool.quantityRaw += lot.quantityRaw;
      pool.costUsdE18 += lot.costUsdE18;
      pool.acquiredAtMs = Math.min(pool.acquiredAtMs, lot.acquiredAtMs);
      return pool;
    }
    const full: Lot = { ...lot, id: this.method === LotMethod.average ? `avg:${lot.accountId}:${lot.assetId}` : (id ?? `lot${++this.seq}`) };
    let i = book.length;
    while (i > 0 && book[i - 1]!.acquiredAtMs > full.acquiredAtMs) i--;
    book.splice(i, 0, full);
    return full;
  }

  /** Index of the next lot to consume under the method. */
  private pick(book: Lot[]): number {
    if (this.method === LotMethod.lifo) return book.length - 1;
    if (this.method !== LotMethod.hifo) return 0;
    let best = 0;
    for (let i = 1; i < book.length; i++) {
      const a = book[i]!;
      const b = book[best]!;
      // Highest unit cost first (a.cost/a.qty > b.cost/b.qty); ties: earliest.
      if (a.costUsdE18 * b.quantityRaw > b.costUsdE18 * a.quantityRaw) best = i;
    }
    return best;
  }

  /** Removes `quantityRaw` from the account's lots under the method, or fails if not enough is held. */
  consume(activityId: string, accountId: string, assetId: string, quantityRaw: bigint): Result<LotConsumption[] & { moved: Lot[] }> {
    const book = this.book(accountId, assetId);
    const held = this.heldIn(accountId, assetId);
    if (held < quantityRaw) {
      return fail({
        code: PortfolioErrorCode.insufficientQuantity,
        message: `${activityId}: disposes ${quantityRaw} of ${assetId} from ${accountId}, which holds ${held}`,
        activityId,
        assetId,
        heldRaw: held,
        requestedRaw: quantityRaw,
      });
    }
    const out = Object.assign([] as LotConsumption[], { moved: [] as Lot[] });
    let left = quantityRaw;
    while (left > 0n) {
      const i = this.pick(book);
      const lot = book[i]!;
      const q = left < lot.quantityRaw ? left : lot.quantityRaw;
      const cost = q === lot.quantityRaw ? lot.costUsdE18 : mulDivUp(lot.costUsdE18, q, lot.quantityRaw);
      out.push({ lotId: lot.id, acquiredAtMs: lot.acquiredAtMs, quantityRaw: q, costUsdE18: cost });
      out.moved.push({ ...lot, quantityRaw: q, costUsdE18: cost });
      lot.quantityRaw -= q;
      lot.costUsdE18 -= cost;
      if (lot.quantityRaw === 0n) book.splice(i, 1);
      left -= q;
    }
    this.held.set(`${accountId}|${assetId}`, held - quantityRaw);
    const h = this.holding(assetId);
    h.quantityRaw -= quantityRaw;
    for (const c of out) h.costBasisUsdE18 -= c.costUsdE18;
    return ok(out);
  }

  /** Disposes `quantityRaw` and books it: realised (proceeds − cost) or, for zero-proceeds kinds, fee cost. */
  dispose(
    e: { id: string; timestampMs: number },
    kind: DisposalKind,
    accountId: string,
    assetId: string,
    quantityRaw: bigint,
    proceedsUsdE18: UsdE18,
  ): Result<Disposal> {
    const c = this.consume(e.id, accountId, assetId, quantityRaw);
    if (!c.ok) return c;
    let cost = 0n;
    for (const x of c.value) cost += x.costUsdE18;
    const h = this.holding(assetId);
    const zero = kind === "fee" || kind === "move_shortfall";
    const realised = kind === "transfer_out" || zero ? 0n : proceedsUsdE18 - cost;
    if (zero) h.feeCostUsdE18 += cost;
    else if (kind === "transfer_out") h.netInvestedUsdE18 -= cost;
    else {
      h.realisedUsdE18 += realised;
      h.netInvestedUsdE18 -= proceedsUsdE18;
    }
    const d: Disposal = {
      activityId: e.id,
      timestampMs: e.timestampMs,
      kind,
      accountId,
      assetId,
      quantityRaw,
      proceedsUsdE18: zero || kind === "transfer_out" ? 0n : proceedsUsdE18,
      costUsdE18: cost,
      realisedUsdE18: realised,
      consumed: [...c.value],
    };
    h.disposals.push(d);
    return ok(d);
  }

  acquire(
    e: { id: string; timestampMs: number },
    kind: Acquisition["kind"],
    accountId: string,
    assetId: string,
    quantityRaw: bigint,
    costUsdE18: UsdE18,
  ): void {
    const lot = this.addLot({ assetId, accountId, acquiredAtMs: e.timestampMs, sourceActivityId: e.id, quantityRaw, costUsdE18 });
    const h = this.holding(assetId);
    if (kind === "income") h.incomeUsdE18 += costUsdE18;
    else h.netInvestedUsdE18 += costUsdE18;
    h.acquisitions.push({ activityId: e.id, timestampMs: e.timestampMs, kind, accountId, lotId: lot.id, quantityRaw, costUsdE18 });
  }

  /**
   * A fee that is part of a trade: returns its USD value (added to the bought lot's cost or taken
   * from proceeds). Paid in an asset, that asset is disposed at the fee's market value.
   */
  tradeFee(e: { id: string; timestampMs: number }, accountId: string, fee: Fee | undefined): Result<UsdE18> {
    if (!fee) return ok(0n);
    if (fee.kind === "usd") return ok(fee.usdE18);
    const v = valueUsdE18(fee.quantityRaw, this.decimals(fee.assetId), fee.priceUsdE18);
    if (fee.quantityRaw === 0n) return ok(0n);
    const d = this.dispose(e, "trade_fee", accountId, fee.assetId, fee.quantityRaw, v);
    return d.ok ? ok(v) : d;
  }

  /** A fee not tied to a trade (transfers, income, gas): a zero-proceeds disposal, or a USD expense. */
  standaloneFee(e: { id: string; timestampMs: number }, accountId: string, fee: Fee, assetForUsd: string): Result<true> {
    if (fee.kind === "usd") {
      const h = this.holding(assetForUsd);
      h.feeCostUsdE18 += fee.usdE18;
      h.netInvestedUsdE18 += fee.usdE18;
      return ok(true);
    }
    if (fee.quantityRaw === 0n) return ok(true);
    const d = this.dispose(e, "fee", accountId, fee.assetId, fee.quantityRaw, 0n);
    return d.ok ? ok(true) : d;
  }

  decimals(assetId: string): number {
    return this.assets[assetId]?.decimals ?? 18;
  }
}

function apply(en: Engine, e: PortfolioEvent, priceOfTransfer: (assetId: string, timestampMs: number) => UsdE18 | null): Result<true> {
  switch (e.type) {
    case "buy": {
      const f = en.tradeFee(e, e.accountId, e.fee);
      if (!f.ok) return f;
      // Buy fees add to cost basis (the lot's cost includes the fee's value).
      en.acquire(e, "buy", e.accountId, e.assetId, e.quantityRaw, costUsdE18(e.quantityRaw, en.decimals(e.assetId), e.priceUsdE18) + f.value);
      return ok(true);
    }
    case "sell": {
      const f = en.tradeFee(e, e.accountId, e.fee);
      if (!f.ok) return f;
      const gross = valueUsdE18(e.quantityRaw, en.decimals(e.assetId), e.priceUsdE18);
      const d = en.dispose(e, "sell", e.accountId, e.assetId, e.quantityRaw, gross - f.value);
      return d.ok ? ok(true) : d;
    }
    case "swap": {
      const f = en.tradeFee(e, e.accountId, e.fee);
      if (!f.ok) return f;
      const d = en.dispose(e, "swap", e.accountId, e.from.assetId, e.from.quantityRaw, e.valueUsdE18 - f.value);
      if (!d.ok) return d;
      en.acquire(e, "swap", e.accountId, e.to.assetId, e.to.quantityRaw, e.valueUsdE18);
      // Net invested: from −(value − fee), to +value, so a USD fee (outside money) adds the fee and an
      // asset fee nets to zero against the fee asset's −fee.
      return ok(true);
    }
    case "income":
    case "transfer_in": {
      if (e.fee) {
        const f = en.standaloneFee(e, e.accountId, e.fee, e.assetId);
        if (!f.ok) return f;
      }
      const price = e.type === "income" ? e.priceUsdE18 : (e.priceUsdE18 ?? priceOfTransfer(e.assetId, e.timestampMs) ?? 0n);
      const cost = e.type === "transfer_in" && e.costBasisUsdE18 !== undefined ? e.costBasisUsdE18 : valueUsdE18(e.quantityRaw, en.decimals(e.assetId), price);
      en.acquire(e, e.type, e.accountId, e.assetId, e.quantityRaw, cost);
      return ok(true);
    }
    case "transfer_out":
    case "fee": {
      const d = en.dispose(e, e.type, e.accountId, e.assetId, e.quantityRaw, 0n);
      if (!d.ok) return d;
      return e.fee ? en.standaloneFee(e, e.accountId, e.fee, e.assetId) : ok(true);
    }
    case "move": {
      const c = en.consume(e.id, e.fromAccountId, e.assetId, e.sentRaw);
      if (!c.ok) return c;
      // Re-add what arrives (same acquisition times and costs); a shortfall is disposed for nothing.
      let short = e.sentRaw - e.receivedRaw;
      const arriving: { lot: Lot; q: bigint; cost: UsdE18 }[] = [];
      const h = en.holding(e.assetId);
      for (const lot of c.value.moved) {
        let q = lot.quantityRaw;
        let cost = lot.costUsdE18;
        if (short > 0n) {
          const s = short < q ? short : q;
          const sc = s === q ? cost : mulDivUp(cost, s, q);
          h.feeCostUsdE18 += sc;
          h.disposals.push({
            activityId: e.id, timestampMs: e.timestampMs, kind: "move_shortfall", accountId: e.fromAccountId, assetId: e.assetId,
            quantityRaw: s, proceedsUsdE18: 0n, costUsdE18: sc, realisedUsdE18: 0n,
            consumed: [{ lotId: lot.id, acquiredAtMs: lot.acquiredAtMs, quantityRaw: s, costUsdE18: sc }],
          });
          q -= s;
          cost -= sc;
          short -= s;
        }
        if (q > 0n) arriving.push({ lot, q, cost });
      }
      for (const a of arriving) {
        en.addLot({ ...a.lot, accountId: e.toAccountId, quantityRaw: a.q, costUsdE18: a.cost }, a.lot.id);
      }
      for (const fee of e.fees) {
        const f = en.standaloneFee(e, e.fromAccountId, fee, e.assetId);
        if (!f.ok) return f;
      }
      return ok(true);
    }
  }
}

/**
 * Runs the cost-basis engine over prepared events (activities.ts) with one lot method.
 * `priceAt` values external transfers in that carry neither a price nor a cost basis (cost basis =
 * market value at receipt; 0 when unpriced too). Fails with INSUFFICIENT_QUANTITY when an
 * account disposes more than it holds at that moment.
 */
export function computeLots(
  events: readonly PortfolioEvent[],
  assets: AssetRegistry,
  method: LotMethod,
  priceAt: (assetId: string, timestampMs: number) => UsdE18 | null = () => null,
): Result<LotLedger> {
  const en = new Engine(method, assets);
  for (const e of events) {
    const r = apply(en, e, priceAt);
    if (!r.ok) return r;
  }
  return ok({ method, holdings: en.holdings, books: en.books });
}

export type HoldingPnl = {
  assetId: string;
  quantityRaw: bigint;
  priceUsdE18: UsdE18 | null;
  /** null when unpriced (flagged, not zero). */
  valueUsdE18: UsdE18 | null;
  costBasisUsdE18: UsdE18;
  unrealisedUsdE18: UsdE18 | null;
  realisedUsdE18: UsdE18;
  incomeUsdE18: UsdE18;
  feeCostUsdE18: UsdE18;
  netInvestedUsdE18: UsdE18;
  /** realised + income − fee cost + unrealised (= value − net invested); null when unpriced. */
  totalPnlUsdE18: UsdE18 | null;
};

/** Realised and unrealised P&L per holding at current prices (`priceOf` null → unpriced). */
export function summarizeHoldings(ledger: LotLedger, assets: AssetRegistry, priceOf: (assetId: string) => UsdE18 | null): HoldingPnl[] {
  return [...ledger.holdings.values()].map((h) => {
    const price = priceOf(h.assetId);
    const value = price === null ? null : valueUsdE18(h.quantityRaw, assets[h.assetId]?.decimals ?? 18, price);
    const unrealised = value === null ? null : value - h.costBasisUsdE18;
    return {
      assetId: h.assetId,
      quantityRaw: h.quantityRaw,
      priceUsdE18: price,
      valueUsdE18: value,
      costBasisUsdE18: h.costBasisUsdE18,
      unrealisedUsdE18: unrealised,
      realisedUsdE18: h.realisedUsdE18,
      incomeUsdE18: h.incomeUsdE18,
      feeCostUsdE18: h.feeCostUsdE18,
      netInvestedUsdE18: h.netInvestedUsdE18,
      totalPnlUsdE18: unrealised === null ? null : h.realisedUsdE18 + h.incomeUsdE18 - h.feeCostUsdE18 + unrealised,
    };
  });
}

/** Quantity held per account of one asset (open lots summed). */
export function quantityByAccount(ledger: LotLedger, assetId: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [k, lots] of ledger.books) {
    const [account, asset] = k.split("|") as [string, string];
    if (asset !== assetId) continue;
    let q = 0n;
    for (const l of lots) q += l.quantityRaw;
    if (q > 0n) out.set(account, q);
  }
  return out;
}
