// Prefilled rebalance targets in the "new automation" URL, so another page (featured portfolios'
// "copy this allocation") can open the rebalance form with targets the user then reviews against
// the live preview before anything is created:
//   /automation/new?kind=rebalance&chain=31337&targets=<address>:<bps>,<address>:<bps>&from=<name>
// Plain module (no "use client"): the server page parses, the client builds the link.
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

export type RebalancePrefill = { chainId: number | null; targets: { token: string; weightBps: number }[]; source: string | null };

const MAX_TARGETS = 25;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function rebalancePrefillHref(p: { chainId: number; targets: { token: string; weightBps: number }[]; source?: string }): string {
  const q = new URLSearchParams({ kind: "rebalance", chain: String(p.chainId), targets: p.targets.map((t) => `${t.token}:${t.weightBps}`).join(",") });
  if (p.source) q.set("from", p.source.slice(0, 64));
  return `/automation/new?${q.toString()}`;
}

/** The prefill in the URL's parameters, or null when there is none or it is malformed (the form's defaults then). */
export function parseRebalancePrefill(params: { chain?: string | string[]; targets?: string | string[]; from?: string | string[] }): RebalancePrefill | null {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw = one(params.targets);
  if (!raw) return null;
  const targets: RebalancePrefill["targets"] = [];
  for (const part of raw.split(",").slice(0, MAX_TARGETS)) {
    const [token, bps] = part.split(":");
    const weightBps = Number(bps);
    if (!token || !ADDRESS.test(token) || !Number.isInteger(weightBps) || weightBps <= 0 || weightBps > 10_000) return null;
    if (targets.some((t) => t.token.toLowerCase() === token.toLowerCase())) return null;
    targets.push({ token, weightBps });
  }
  const chain = Number(one(params.chain));
  const source = one(params.from)?.trim().slice(0, 64) || null;
  return { chainId: (LOCAL_CHAIN_IDS as readonly number[]).includes(chain) ? chain : null, targets, source };
}
