import { Change } from "@/components/market/change";
import { formatDay, formatUsd } from "@/components/market/format";
import { caller } from "@/server/api/rsc";

const FEATURED = ["BTC", "ETH", "SOL", "LINK", "UNI", "AAVE"];

// Real closes from the shipped daily history (data/market), not live prices: the card
// says which day they are from.
export async function MarketSnapshot() {
  const assets = await caller.market.assets().catch(() => []);
  const rows = FEATURED.map((s) => assets.find((a) => a.symbol === s)).filter((a) => a !== undefined);
  if (rows.length === 0) return <div />;
  const lastDate = rows[0]?.lastDate;
  return (
    <div id="markets" className="scroll-mt-24 rounded-2xl border bg-card/80 p-2 shadow-2xl shadow-black/20 backdrop-blur">
      <div className="flex items-center justify-between px-3 pt-2 pb-3">
        <p className="text-sm font-medium">Market snapshot</p>
        {lastDate ? <p className="text-xs text-muted-foreground">Daily close · {formatDay(lastDate)}</p> : null}
      </div>
      <ul className="grid gap-1">
        {rows.map((a) => (
          <li key={a.symbol} className="flex items-center gap-3 rounded-lg px-3 py-2.5 odd:bg-muted/40">
            <span className="flex size-8 items-center justify-center rounded-full bg-secondary font-mono text-[11px] font-semibold">{a.symbol.slice(0, 4)}</span>
            <span className="flex-1 text-sm font-medium">{a.symbol}</span>
            <span className="tabular font-mono text-sm">{a.lastClose !== null ? formatUsd(a.lastClose) : "–"}</span>
            <Change value={a.change1dPct} className="w-20 justify-end text-sm" />
          </li>
        ))}
      </ul>
      <p className="px-3 pt-3 pb-2 text-[11px] text-muted-foreground">Market data: Binance spot klines (daily closes of USDT pairs).</p>
    </div>
  );
}
