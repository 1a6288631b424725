import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Button } from "@/components/ui/button";

// Public, read-only pages: no session needed (this is outside the (app) group), no account data.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-background/75 backdrop-blur-md">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-3 px-4 sm:px-6">
          <Link href="/" aria-label="Lodestar home">
            <Logo />
          </Link>
          <nav aria-label="Public" className="ml-4 text-sm text-muted-foreground">
            <Link href="/p" className="hover:text-foreground">
              Shared portfolios
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-1.5">
            <ThemeToggle />
            <Button asChild size="sm" variant="outline">
              <Link href="/sign-up">Track yours</Link>
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <footer className="border-t">
        <p className="mx-auto max-w-5xl px-4 py-6 text-xs text-muted-foreground sm:px-6">
          Read-only view shared by its owner. Market data: Binance spot klines. Nothing here is financial advice.
        </p>
      </footer>
    </div>
  );
}
