// Validation, own-account transfer matching and sorting of activities into the event stream
// every calculator consumes. Pure. Sorting happens once, here.
import {
  fail,
  ok,
  PortfolioErrorCode,
  type Activity,
  type AssetRegistry,
  type Fee,
  type InternalMove,
  type PortfolioError,
  type PortfolioEvent,
  type Result,
} from "./types";

export type PrepareOptions = {
  /**
   * Match an unflagged `transfer_out` of account A with a `transfer_in` of the same asset and the
   * same quantity into another account B of the same portfolio arriving within this window
   * (default 24 h; 0 disables automatic matching). Explicit `transferId` / `internal` always match.
   */
  matchWindowMs?: number;
};

type TransferOut = Extract<Activity, { type: "transfer_out" }>;
type TransferIn = Extract<Activity, { type: "transfer_in" }>;

const invalid = (a: { id: string }, message: string) =>
  fail({ code: PortfolioErrorCode.invalidActivity, message: `${a.id}: ${message}`, activityId: a.id });
const problem = (a: { id: string }, message: string): PortfolioError => ({ code: PortfolioErrorCode.invalidActivity, message: `${a.id}: ${message}`, activityId: a.id });
const unknownAsset = (a: { id: string }, assetId: string, assets: AssetRegistry): PortfolioError | null =>
  assets[assetId] ? null : { code: PortfolioErrorCode.unknownAsset, message: `${a.id}: unknown asset ${assetId}`, activityId: a.id, assetId };

function feeProblem(assets: AssetRegistry, a: Activity, fee: Fee | undefined): PortfolioError | null {
  if (!fee) return null;
  if (fee.kind === "usd") return fee.usdE18 < 0n ? problem(a, "negative fee") : null;
  if (fee.quantityRaw < 0n || fee.priceUsdE18 < 0n) return problem(a, "negative fee");
  return unknownAsset(a, fee.assetId, assets);
}

/** What is wrong with an activity (unknown asset, non-positive quantity, negative price or fee, bad time), or null. */
export function activityProblem(a: Activity, assets: AssetRegistry): PortfolioError | null {
  if (!Number.isFinite(a.timestampMs)) return problem(a, "timestamp is not finite");
  const fee = feeProblem(assets, a, a.fee);
  if (fee) return fee;
  if (a.type === "swap") {
    if (a.from.quantityRaw <= 0n || a.to.quantityRaw <= 0n) return problem(a, "swap quantities must be positive");
    if (a.from.assetId === a.to.assetId) return problem(a, "swap between the same asset");
    if (a.valueUsdE18 < 0n) return problem(a, "negative swap value");
    return unknownAsset(a, a.from.assetId, assets) ?? unknownAsset(a, a.to.assetId, assets);
  }
  if (a.quantityRaw <= 0n) return problem(a, "quantity must be positive");
  if ("priceUsdE18" in a && a.priceUsdE18 !== undefined && a.priceUsdE18 < 0n) return problem(a, "negative price");
  if (a.type === "transfer_in" && a.costBasisUsdE18 !== undefined && a.costBasisUsdE18 < 0n) return problem(a, "negative cost basis");
  return unknownAsset(a, a.assetId, assets);
}

const feesOf = (...as: Activity[]): Fee[] => as.flatMap((a) => (a.fee ? [a.fee] : []));

function pairMove(out: TransferOut, inn: TransferIn): Result<InternalMove> {
  if (inn.quantityRaw > out.quantityRaw) return invalid(inn, `receives more than ${out.id} sent`);
  if (inn.assetId !== out.assetId) return invalid(inn, `asset differs from ${out.id}`);
  if (inn.accountId === out.accountId) return invalid(inn, `same account as ${out.id}`);
  return ok({
    type: "move",
    id: out.id,
    activityIds: [out.id, inn.id],
    timestampMs: out.timestampMs,
    assetId: out.assetId,
    fromAccountId: out.accountId,
    toAccountId: inn.accountId,
    sentRaw: out.quantityRaw,
    receivedRaw: inn.quantityRaw,
    fees: feesOf(out, inn),
  });
}

function loneMove(a: TransferOut | TransferIn): Result<InternalMove> {
  const other = a.type === "transfer_out" ? a.toAccountId : a.fromAccountId;
  if (!other || other === a.accountId) return invalid(a, "internal transfer needs the other account of the user");
  const [from, to] = a.type === "transfer_out" ? [a.accountId, other] : [other, a.accountId];
  return ok({
    type: "move",
    id: a.id,
    activityIds: [a.id],
    timestampMs: a.timestampMs,
    assetId: a.assetId,
    fromAccountId: from,
    toAccountId: to,
    sentRaw: a.quantityRaw,
    receivedRaw: a.quantityRaw,
    fees: feesOf(a),
  });
}

/**
 * Validates activities, turns transfers between the user's own accounts into `InternalMove`s and
 * returns the events sorted by time (ties keep input order). Matching, in order:
 *  1. a `transfer_out` and a `transfer_in` sharing a `transferId`;
 *  2. an `internal: true` transfer_out (needs `toAccountId`) paired with the earliest unmatched
 *     transfer_in of that asset and quantity into that account within the window, else a move alone;
 *     likewise an `internal: true` transfer_in (needs `fromAccountId`) stands alone;
 *  3. automatic: unflagged out/in of the same asset and quantity between two different accounts,
 *     the in no earlier than the out and within `matchWindowMs`.
 */
export function prepareActivities(activities: readonly Activity[], assets: AssetRegistry, opts: PrepareOptions = {}): Result<PortfolioEvent[]> {
  const windowMs = opts.matchWindowMs ?? 86_400_000;
  for (const a of activities) {
    const p = activityProblem(a, assets);
    if (p) return fail(p);
  }
  // Usually already in time order (from the database): then sorting is a copy.
  let inOrder = true;
  for (let i = 1; i < activities.length && inOrder; i++) inOrder = activities[i - 1]!.timestampMs <= activities[i]!.timestampMs;
  const sorted = inOrder
    ? activities.slice()
    : activities.map((a, i) => ({ a, i })).sort((x, y) => x.a.timestampMs - y.a.timestampMs || x.i - y.i).map((x) => x.a);

  // One pass to pick out transfers; the matching below only looks at those.
  const outs: TransferOut[] = [];
  const insAll: TransferIn[] = [];
  for (const a of sorted) {
    if (a.type === "transfer_out") outs.push(a);
    else if (a.type === "transfer_in") insAll.push(a);
  }
  const consumed = new Set<string>();
  const moves: InternalMove[] = [];
  if (outs.length === 0 && insAll.length === 0) return ok(sorted);

  const byTransferId = new Map<string, { out?: TransferOut; in?: TransferIn }>();
  for (const a of [...outs, ...insAll]) {
    if (!a.transferId) continue;
    const e = byTransferId.get(a.transferId) ?? {};
    if (a.type === "transfer_out") e.out = a;
    else e.in = a;
    byTransferId.set(a.transferId, e);
  }
  for (const e of byTransferId.values()) {
    if (!e.out || !e.in) continue;
    const m = pairMove(e.out, e.in);
    if (!m.ok) return m;
    moves.push(m.value);
    consumed.add(e.out.id).add(e.in.id);
  }

  // Unmatched transfer_ins by asset|quantity, in time order, for steps 2 and 3.
  const ins = new Map<string, TransferIn[]>();
  for (const a of insAll) {
    if (consumed.has(a.id)) continue;
    const k = `${a.assetId}|${a.quantityRaw}`;
    const list = ins.get(k);
    if (list) list.push(a);
    else ins.set(k, [a]);
  }
  const findIn = (out: TransferOut, toAccount: string | undefined): TransferIn | undefined =>
    ins.get(`${out.assetId}|${out.quantityRaw}`)?.find(
      (i) =>
        !consumed.has(i.id) &&
        i.accountId !== out.accountId &&
        (toAccount === undefined ? !i.internal || i.fromAccountId === out.accountId : i.accountId === toAccount) &&
        i.timestampMs >= out.timestampMs &&
        i.timestampMs - out.timestampMs <= windowMs,
    );

  for (const a of outs) {
    if (consumed.has(a.id) || !a.internal) continue;
    const inn = findIn(a, a.toAccountId);
    const m = inn ? pairMove(a, inn) : loneMove(a);
    if (!m.ok) return m;
    moves.push(m.value);
    consumed.add(a.id);
    if (inn) consumed.add(inn.id);
  }
  for (const a of insAll) {
    if (consumed.has(a.id) || !a.internal) continue;
    const m = loneMove(a);
    if (!m.ok) return m;
    moves.push(m.value);
    consumed.add(a.id);
  }
  if (windowMs > 0) {
    for (const a of outs) {
      if (consumed.has(a.id)) continue;
      const inn = findIn(a, undefined);
      if (!inn) continue;
      const m = pairMove(a, inn);
      if (!m.ok) return m;
      moves.push(m.value);
      consumed.add(a.id).add(inn.id);
    }
  }

  if (moves.length === 0) return ok(sorted);
  // Re-merge: each move takes the place of its first (sending) activity.
  const moveAt = new Map(moves.map((m) => [m.id, m]));
  const events: PortfolioEvent[] = [];
  for (const a of sorted) {
    if (a.type !== "transfer_out" && a.type !== "transfer_in") events.push(a);
    else {
      const m = moveAt.get(a.id);
      if (m) events.push(m);
      else if (!consumed.has(a.id)) events.push(a);
    }
  }
  return ok(events);
}
