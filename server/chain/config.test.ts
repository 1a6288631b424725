import { describe, expect, it } from "vitest";
import { configuredChains, rpcUrlsFromEnv } from "./config";

describe("rpcUrlsFromEnv / configuredChains", () => {
  it("always configures the two local chains, defaulting to 8545/8546", () => {
    const urls = rpcUrlsFromEnv({} as NodeJS.ProcessEnv);
    expect(urls[31337]).toBe("http://127.0.0.1:8545");
    expect(urls[31338]).toBe("http://127.0.0.1:8546");
    expect(urls[1]).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    const urls = rpcUrlsFromEnv({ RPC_URL_31337: "", RPC_URL_1: "" } as unknown as NodeJS.ProcessEnv);
    expect(urls[31337]).toBe("http://127.0.0.1:8545");
    expect(urls[1]).toBeUndefined();
  });

  it("configures a public network only when its RPC URL is set", () => {
    const env = { RPC_URL_8453: "https://base.example/rpc", RPC_URL_31338: "http://127.0.0.1:9999" } as unknown as NodeJS.ProcessEnv;
    const chains = configuredChains(env);
    const byId = new Map(chains.map((c) => [c.id, c]));
    expect(byId.get(8453)).toMatchObject({ rpcUrl: "https://base.example/rpc", local: false });
    expect(byId.get(31338)).toMatchObject({ rpcUrl: "http://127.0.0.1:9999", local: true, testnet: true });
    expect(byId.get(1)).toMatchObject({ rpcUrl: null, local: false });
    expect(chains.filter((c) => c.rpcUrl).map((c) => c.id).sort((a, b) => a - b)).toEqual([8453, 31337, 31338]);
  });
});
