import { isAddress } from "viem";
import { describe, expect, it } from "vitest";
import { PUBLIC_REGISTRIES } from "./public";
import { chainRegistrySchema } from "./schema";

describe("public registry", () => {
  it("covers Ethereum, Base, Arbitrum, Optimism and Polygon and parses", () => {
    expect(PUBLIC_REGISTRIES.map((r) => r.chainId).sort((a, b) => a - b)).toEqual([1, 10, 137, 8453, 42161]);
    for (const r of PUBLIC_REGISTRIES) expect(() => chainRegistrySchema.parse(r)).not.toThrow();
  });

  it("has only checksum-valid addresses (a typo from memory would fail EIP-55)", () => {
    for (const r of PUBLIC_REGISTRIES) {
      const all = [r.weth, ...r.tokens.map((t) => t.address), ...r.venues.flatMap((v) => [v.factory, v.router, v.quoter, v.positionManager])];
      for (const a of all.filter((x): x is string => Boolean(x))) expect(isAddress(a, { strict: true }), `${r.chainId} ${a}`).toBe(true);
    }
  });

  it("has the well-known Ethereum mainnet deployments", () => {
    const main = chainRegistrySchema.parse(PUBLIC_REGISTRIES.find((r) => r.chainId === 1));
    const byId = Object.fromEntries(main.venues.map((v) => [v.id, v]));
    expect(byId["uniswap-v2"]?.factory).toBe("0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f");
    expect(byId["uniswap-v3"]?.router).toBe("0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45");
    expect(main.tokens.find((t) => t.symbol === "USDC")).toMatchObject({ decimals: 6, address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48" });
  });
});
