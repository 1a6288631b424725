import { CandlestickChartIcon, ShieldCheckIcon, ZapIcon } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/brand/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { auth } from "@/server/auth";

const POINTS = [
  { icon: ShieldCheckIcon, title: "Your keys, your coins", text: "Lodestar never holds funds. Every action is signed in your own wallet." },
  { icon: CandlestickChartIcon, title: "One view of everything", text: "Wallets across networks, market history and performance in one place." },
  { icon: ZapIcon, title: "Automation you control", text: "Rebalancing, DCA and stop orders that you approve, on your terms." },
];

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (session?.user?.id) redirect("/dashboard");
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,1fr)_minmax(0,1.05fr)]">
      <aside className="relative hidden overflow-hidden border-r bg-sidebar lg:flex lg:flex-col lg:justify-between lg:p-10">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -top-40 -left-40 size-[32rem] rounded-full bg-primary/10 blur-3xl"
        />
        <Link href="/" className="relative w-fit">
          <Logo />
        </Link>
        <div className="relative grid max-w-md gap-8">
          <h2 className="text-3xl font-semibold tracking-tight text-balance">
            Navigate crypto markets with a guiding star.
          </h2>
          <ul className="grid gap-5">
            {POINTS.map((p) => (
              <li key={p.title} className="flex gap-3">
                <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg border bg-card text-primary">
                  <p.icon aria-hidden="true" className="size-4" />
                </span>
                <span className="grid gap-0.5">
                  <span className="text-sm font-medium">{p.title}</span>
                  <span className="text-sm text-muted-foreground">{p.text}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-muted-foreground">Non-custodial. No transaction without your signature.</p>
      </aside>
      <div className="flex flex-col">
        <header className="flex h-16 items-center justify-between px-5 sm:px-8">
          <Link href="/" className="lg:invisible">
            <Logo />
          </Link>
          <ThemeToggle />
        </header>
        <main className="flex flex-1 items-start justify-center px-5 pt-6 pb-16 sm:items-center sm:px-8 sm:pt-0">
          <div className="w-full max-w-sm">{children}</div>
        </main>
      </div>
    </div>
  );
}
