import {
  ArrowLeftRightIcon,
  ArrowRightIcon,
  BotIcon,
  ChartNoAxesCombinedIcon,
  KeyRoundIcon,
  ShieldCheckIcon,
  UsersIcon,
  WalletCardsIcon,
} from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { auth } from "@/server/auth";
import { MarketSnapshot } from "./_components/market-snapshot";

const FEATURES = [
  {
    icon: WalletCardsIcon,
    title: "Portfolio",
    text: "Every linked wallet on every network in one view, with cost basis (FIFO, LIFO, HIFO or average) and performance over time.",
  },
  {
    icon: ArrowLeftRightIcon,
    title: "DeFi swaps",
    text: "Best-price routing across Uniswap V2, SushiSwap and Uniswap V3, with the minimum you receive shown before you sign.",
  },
  {
    icon: UsersIcon,
    title: "Social trading",
    text: "Publish a trader profile, follow others, and copy their trades with sizing rules you set.",
  },
  {
    icon: BotIcon,
    title: "Automation",
    text: "Rebalancing to target weights, dollar-cost averaging, stop-loss, trailing-stop and take-profit orders.",
  },
  {
    icon: ChartNoAxesCombinedIcon,
    title: "Insights",
    text: "Volatility, drawdowns and returns from years of daily market history, and backtests of your strategy.",
  },
  {
    icon: ShieldCheckIcon,
    title: "Non-custodial by design",
    text: "Sign in with Ethereum, link wallets by signature, and approve every transaction yourself.",
  },
];

const STEPS = [
  { title: "Create an account", text: "With email and password, or sign in with your Ethereum wallet." },
  { title: "Link your wallets", text: "Prove ownership with a free signature. No transaction, no gas." },
  { title: "Track, trade, automate", text: "See everything in one place and act from your own wallet." },
];

export default async function LandingPage() {
  const session = await auth();
  const signedIn = Boolean(session?.user?.id);

  return (
    <>
      <section className="relative overflow-hidden">
        <div aria-hidden="true" className="pointer-events-none absolute inset-0 -z-10">
          <div className="absolute top-[-20%] left-1/2 h-[36rem] w-[60rem] -translate-x-1/2 rounded-full bg-primary/10 blur-3xl" />
          <div className="absolute inset-0 bg-[linear-gradient(to_right,var(--color-border)_1px,transparent_1px),linear-gradient(to_bottom,var(--color-border)_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_at_top,black_20%,transparent_70%)] bg-[size:48px_48px] opacity-40" />
        </div>
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-5 pt-16 pb-20 sm:px-8 lg:grid-cols-[1.1fr_1fr] lg:pt-24">
          <div className="grid gap-6">
            <p className="inline-flex w-fit items-center gap-2 rounded-full border bg-card/60 px-3 py-1 text-xs text-muted-foreground">
              <KeyRoundIcon aria-hidden="true" className="size-3.5 text-primary" />
              Non-custodial: your keys never leave your wallet
            </p>
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl">
              Your crypto, <span className="text-primary">one guiding star.</span>
            </h1>
            <p className="max-w-xl text-lg text-muted-foreground">
              Lodestar brings your portfolio, DeFi swaps, social trading, automation and market insights together — while every
              transaction is signed in your own wallet.
            </p>
            <div className="flex flex-wrap gap-3">
              {signedIn ? (
                <Button asChild size="lg">
                  <Link href="/dashboard">
                    Go to dashboard <ArrowRightIcon aria-hidden="true" />
                  </Link>
                </Button>
              ) : (
                <>
                  <Button asChild size="lg">
                    <Link href="/sign-up">
                      Get started <ArrowRightIcon aria-hidden="true" />
                    </Link>
                  </Button>
                  <Button asChild size="lg" variant="outline">
                    <Link href="/sign-in">Sign in</Link>
                  </Button>
                </>
              )}
            </div>
          </div>
          <MarketSnapshot />
        </div>
      </section>

      <section id="features" className="scroll-mt-20 border-t bg-sidebar/40">
        <div className="mx-auto max-w-6xl px-5 py-20 sm:px-8">
          <div className="mb-10 grid max-w-2xl gap-3">
            <h2 className="text-3xl font-semibold tracking-tight">Everything a self-custody trader needs</h2>
            <p className="text-muted-foreground">One workspace for the whole loop: see, decide, act — without handing over your keys.</p>
          </div>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((f) => (
              <li key={f.title} className="rounded-xl border bg-card p-5 transition-colors hover:border-primary/40">
                <span className="mb-4 flex size-9 items-center justify-center rounded-lg bg-primary/10 text-primary">
                  <f.icon aria-hidden="true" className="size-4.5" />
                </span>
                <h3 className="mb-1.5 font-semibold">{f.title}</h3>
                <p className="text-sm leading-relaxed text-muted-foreground">{f.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="security" className="scroll-mt-20 border-t">
        <div className="mx-auto grid max-w-6xl gap-10 px-5 py-20 sm:px-8 lg:grid-cols-2">
          <div className="grid content-start gap-3">
            <h2 className="text-3xl font-semibold tracking-tight">Built so we can&apos;t touch your funds</h2>
            <p className="text-muted-foreground">
              Lodestar plans transactions; your wallet signs them. The server verifies every result on chain itself and never
              trusts what a browser says happened.
            </p>
          </div>
          <ol className="grid gap-3">
            {STEPS.map((s, i) => (
              <li key={s.title} className="flex gap-4 rounded-xl border bg-card p-4">
                <span className="flex size-8 shrink-0 items-center justify-center rounded-full border font-mono text-sm text-primary">{i + 1}</span>
                <span className="grid gap-0.5">
                  <span className="font-medium">{s.title}</span>
                  <span className="text-sm text-muted-foreground">{s.text}</span>
                </span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </>
  );
}
