// Importing the env module validates the environment: a bad configuration fails the build
// and the server start, not a request later.
import "./lib/env.js";

const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Keep the dev indicator clear of the sidebar footer.
  devIndicators: { position: "bottom-right" },
  // The Docker image builds with NEXT_OUTPUT=standalone; `npm start` uses `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pino", "postgres"],
  outputFileTracingIncludes: { "/**": ["./data/market/**/*", "./db/migrations/**/*"] },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages and API responses get their CSP from proxy.ts; static assets get this one.
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
