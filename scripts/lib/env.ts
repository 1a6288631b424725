// Loads .env files the way Next does, so scripts see the same configuration as the app.
import nextEnv from "@next/env";

export function loadEnv(dev = true): void {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}

export function dataDir(): string {
  return process.env.LODESTAR_DATA_DIR ?? ".data";
}

export function pglitePort(): number {
  return Number(process.env.PGLITE_PORT ?? 54329);
}
