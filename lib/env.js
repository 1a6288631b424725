// @ts-check
// Environment, validated once. next.config.mjs imports this file, so a bad
// environment fails `next build` and `next start` instead of a request later.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const isBuild = process.env.NEXT_PHASE === "phase-production-build";
const isProductionRuntime = process.env.NODE_ENV === "production" && !isBuild;

const url = z.url();
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), url.optional());

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Absent: the embedded PGlite database persisted under LODESTAR_DATA_DIR.
    DATABASE_URL: optionalUrl,
    LODESTAR_DATA_DIR: z.string().min(1).default(".data"),
    PGLITE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    // In development the launcher (scripts/run.ts) generates one under .data/ when absent.
    // A production server refuses to start without it.
    AUTH_SECRET: isProductionRuntime
      ? z.string().min(32, "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)")
      : z.string().min(32).optional(),
    AUTH_URL: optionalUrl,
    RPC_URL_31337: url.default("http://127.0.0.1:8545"),
    RPC_URL_31338: url.default("http://127.0.0.1:8546"),
    RPC_URL_1: optionalUrl,
    RPC_URL_8453: optionalUrl,
    RPC_URL_42161: optionalUrl,
    RPC_URL_10: optionalUrl,
    RPC_URL_137: optionalUrl,
    // Proxies in front of the app that append to X-Forwarded-For (client IP for rate limits).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Online market data (server/market/providers): off by default, the app runs offline.
    MARKET_PROVIDER: z.enum(["none", "binance"]).default("none"),
    MARKET_PROVIDER_URL: optionalUrl,
    // The automation keeper's key (server/chain/keeper.ts); absent: anvil dev account #8 on the local chains only.
    AUTOMATION_KEEPER_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "AUTOMATION_KEEPER_KEY must be 0x + 64 hex characters").optional(),
  },
  client: {
    NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(8).optional(),
    ),
  },
  runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL,
    LODESTAR_DATA_DIR: process.env.LODESTAR_DATA_DIR,
    PGLITE_PORT: process.env.PGLITE_PORT,
    AUTH_SECRET: process.env.AUTH_SECRET,
    AUTH_URL: process.env.AUTH_URL,
    RPC_URL_31337: process.env.RPC_URL_31337,
    RPC_URL_31338: process.env.RPC_URL_31338,
    RPC_URL_1: process.env.RPC_URL_1,
    RPC_URL_8453: process.env.RPC_URL_8453,
    RPC_URL_42161: process.env.RPC_URL_42161,
    RPC_URL_10: process.env.RPC_URL_10,
    RPC_URL_137: process.env.RPC_URL_137,
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS,
    LOG_LEVEL: process.env.LOG_LEVEL,
    MARKET_PROVIDER: process.env.MARKET_PROVIDER,
    MARKET_PROVIDER_URL: process.env.MARKET_PROVIDER_URL,
    AUTOMATION_KEEPER_KEY: process.env.AUTOMATION_KEEPER_KEY,
    NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID,
  },
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  emptyStringAsUndefined: true,
});
