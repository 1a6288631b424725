// Token and venue logos from @web3icons/react (inline SVG components: no network, SSR-safe).
// Each icon is imported from its own module so only these few ship. A registry token's `logo`
// is its lowercase symbol; WETH has no icon of its own, so it is ETH's with a "W" tag; unknown
// tokens get a lettered circle.
import ExchangeSushiswap from "@web3icons/react/icons/exchanges/ExchangeSushiswap";
import ExchangeUniswap from "@web3icons/react/icons/exchanges/ExchangeUniswap";
import TokenAAVE from "@web3icons/react/icons/tokens/TokenAAVE";
import TokenDAI from "@web3icons/react/icons/tokens/TokenDAI";
import TokenETH from "@web3icons/react/icons/tokens/TokenETH";
import TokenLINK from "@web3icons/react/icons/tokens/TokenLINK";
import TokenSOL from "@web3icons/react/icons/tokens/TokenSOL";
import TokenUNI from "@web3icons/react/icons/tokens/TokenUNI";
import TokenUSDC from "@web3icons/react/icons/tokens/TokenUSDC";
import TokenUSDT from "@web3icons/react/icons/tokens/TokenUSDT";
import TokenWBTC from "@web3icons/react/icons/tokens/TokenWBTC";
import { cn } from "@/components/ui/cn";

const ICONS = {
  eth: TokenETH,
  weth: TokenETH,
  usdc: TokenUSDC,
  usdt: TokenUSDT,
  dai: TokenDAI,
  wbtc: TokenWBTC,
  link: TokenLINK,
  uni: TokenUNI,
  aave: TokenAAVE,
  sol: TokenSOL,
} as const;

export function TokenLogo({ logo, symbol, size = 24, className }: { logo?: string | null; symbol: string; size?: number; className?: string }) {
  const key = (logo ?? symbol).toLowerCase() as keyof typeof ICONS;
  const Icon = ICONS[key];
  if (!Icon) {
    return (
      <span
        aria-hidden="true"
        className={cn("inline-flex shrink-0 items-center justify-center rounded-full bg-muted font-semibold text-muted-foreground", className)}
        style={{ width: size, height: size, fontSize: Math.max(9, size * 0.42) }}
      >
        {symbol.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  return (
    <span
      aria-hidden="true"
      className={cn("relative inline-flex shrink-0 items-center justify-center rounded-full bg-white ring-1 ring-black/10", className)}
      style={{ width: size, height: size }}
    >
      {/* Branded (coloured) marks on a white disc read on dark and light themes alike. */}
      <Icon variant="branded" size={Math.round(size * 0.86)} />
      {key === "weth" ? (
        <span
          className="absolute -right-1 -bottom-1 rounded-full border border-background bg-foreground px-[3px] leading-none font-bold text-background"
          style={{ fontSize: Math.max(7, size * 0.32) }}
        >
          W
        </span>
      ) : null}
    </span>
  );
}

const VENUE_ICONS = { "uniswap-v2": ExchangeUniswap, "uniswap-v3": ExchangeUniswap, sushiswap: ExchangeSushiswap } as const;

export function VenueLogo({ venue, size = 16, className }: { venue: string; size?: number; className?: string }) {
  const Icon = VENUE_ICONS[venue as keyof typeof VENUE_ICONS];
  if (!Icon) return null;
  return <Icon aria-hidden="true" variant="branded" size={size} className={cn("shrink-0", className)} />;
}
