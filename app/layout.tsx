import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { Providers } from "@/components/providers/providers";
import { WAGMI_COOKIE } from "@/lib/web3/storage-key";
import { configuredChains } from "@/server/chain/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lodestar — non-custodial crypto portfolio, DeFi and automation", template: "%s · Lodestar" },
  description:
    "Track your crypto portfolio, swap at the best price across DEXs, follow traders and automate your strategy — with your keys always in your own wallet.",
  applicationName: "Lodestar",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }] },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: dark)", color: "#0f1118" },
    { media: "(prefers-color-scheme: light)", color: "#f8f9fb" },
  ],
  colorScheme: "dark light",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  // proxy.ts puts this request's CSP nonce here; next-themes' inline script needs it.
  const nonce = h.get("x-nonce") ?? undefined;
  // RPC URLs are runtime configuration: read them on the server for every request.
  const chains = configuredChains()
    .filter((c) => c.rpcUrl)
    .map((c) => ({ id: c.id, name: c.name, rpcUrl: c.rpcUrl }));
  const wagmiCookie = jar.get(WAGMI_COOKIE)?.value ?? null;

  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <body className="min-h-dvh antialiased">
        <Providers nonce={nonce} chains={chains} wagmiCookie={wagmiCookie}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
