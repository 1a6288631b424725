// The feed: the verified trades and signals of the public traders the viewer follows, newest
// first. A trade shows once it is older than its trader's chosen delay (trade_delay_minutes), as
// on the trader's public profile. The UI polls it every few seconds ("updated live"); the cursor
// (time, id) is stable under polling: new items only ever appear above it.
import type { z } from "zod";
import type { Db } from "@/db/client";
import { countFollowing, listFeedSignals, listFeedTrades } from "@/db/queries/social-signals";
import type { feedInput, FeedDto, FeedItemDto } from "@/lib/schemas/social";
import { toTradeDto } from "./trade-dto";
import { decodeCursor, encodeCursor, toSignalDto } from "./signals";

type Keyed = { atMs: number; id: string; item: FeedItemDto };

// Newest first; ties on time by id descending in code-point order (the SQL side's "C" collation).
const newestFirst = (a: Keyed, b: Keyed) => b.atMs - a.atMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export async function getFeed(db: Db, viewerId: string, input: z.output<typeof feedInput>, now: Date): Promise<FeedDto> {
  const cursor = decodeCursor(input.cursor);
  // Each list is read one past the page, so the merged page knows whether more follow.
  const [trades, signals, following] = await Promise.all([
    listFeedTrades(db, viewerId, { now, limit: input.limit + 1, cursor }),
    listFeedSignals(db, viewerId, { limit: input.limit + 1, cursor }),
    countFollowing(db, viewerId),
  ]);
  const keyed: Keyed[] = [
    ...trades.map((r): Keyed => ({
      atMs: r.trade.executedAt.getTime(),
      id: r.trade.id,
      item: { type: "trade", at: r.trade.executedAt.toISOString(), trader: { id: r.trade.userId, name: r.name, kind: r.kind }, trade: toTradeDto(r.trade) },
    })),
    ...signals.map((r): Keyed => ({ atMs: r.signal.publishedAt.getTime(), id: r.signal.id, item: { type: "signal", at: r.signal.publishedAt.toISOString(), signal: toSignalDto(r) } })),
  ].sort(newestFirst);
  const page = keyed.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page.map((k) => k.item), nextCursor: keyed.length > input.limit && last ? encodeCursor(last) : null, following };
}
