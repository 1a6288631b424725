// Where the e2e stack runs: its own port, data directory, database port and anvil chains,
// so a suite run never touches a developer's `npm run dev` (3000 / .data / 8545 / 8546).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// The browser, the SIWE domain and every request use this host (not 127.0.0.1).
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_RPC_URLS = {
  31337: "http://127.0.0.1:18545",
  31338: "http://127.0.0.1:18546",
} as const satisfies Record<number, string>;
export type E2eChainId = keyof typeof E2E_RPC_URLS;

export const E2E_SERVER_ENV = {
  PORT: String(E2E_PORT),
  LODESTAR_DATA_DIR: ".data/e2e",
  PGLITE_PORT: "54339",
  RPC_URL_31337: E2E_RPC_URLS[31337],
  RPC_URL_31338: E2E_RPC_URLS[31338],
  // Unset on purpose: the app derives its origin (and the SIWE domain) from the request.
  AUTH_URL: "",
  NEXT_TELEMETRY_DISABLED: "1",
  // A trader is ranked after 0 days and 3 verified trades on the e2e stack (30 days and 10
  // trades by default), so e2e/social can watch a new trader reach the leaderboard.
  SOCIAL_MIN_RECORD_DAYS: "0",
  SOCIAL_MIN_RECORD_TRADES: "3",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};

// Where screenshots go (gitignored).
export const SCREENSHOT_DIR = "e2e/.artifacts/screenshots";
