// LodestarVault + LodestarVaultFactory on a throwaway anvil (the deploy's compile path and
// deployment): only the owner moves funds, the keeper (anvil dev account 8) can only swap
// through the executor back into the vault within the owner's limits (tokens, per-execution
// and daily caps with the UTC day reset, keeper min out and the owner's price bound), hostile
// routes revert with nothing moved, revoke stops the keeper, and the gas per call is printed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeDeployData,
  erc20Abi,
  http,
  parseEther,
  parseEventLogs,
  parseUnits,
  type Abi,
  type Address,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/db/testing/database";
import { HOP_KIND, lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { lodestarVaultAbi, lodestarVaultFactoryAbi } from "@/lib/web3/abi/vault";
import { localChainA, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { startAnvil, type TestChain } from "@/test/anvil";
import { compileOwnContracts, loadNpmArtifacts, type Artifact } from "./artifacts";
import { deployChain } from "./deploy";
import { readRegistryFile, writeRegistryFile } from "./registry-file";

const PORT = 29045;
const CHAIN_ID = 31337;
// anvil dev accounts: 1 = vault owner, 8 = the keeper (AUTOMATION_KEEPER_KEY's local default), 3 = a stranger.
const owner = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const keeper = privateKeyToAccount("0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97");
const stranger = privateKeyToAccount("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
const npm = loadNpmArtifacts();
const RUNS_HERE = testDatabaseKind() === "pglite";
const DAY = 86_400n;

// Executor errors bubble up through execute(); InsufficientOutput has one signature in both.
const revertAbi = [...lodestarVaultAbi, ...lodestarExecutorAbi.filter((x) => x.type === "error" && x.name !== "InsufficientOutput")] as const;

type Hop = { kind: number; pool: Address; tokenIn: Address; tokenOut: Address };
type SwapPath = { amountIn: bigint; hops: Hop[] };

let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let own: Record<string, Artifact>;
let factory: Address;
let vault: Address;
const gas: Record<string, bigint> = {};
const chainDef = () => withRpc(localChainA, chain.url);

beforeAll(async () => {
  if (!RUNS_HERE) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-vault-"));
  chain = await startAnvil(PORT, CHAIN_ID);
  client = createPublicClient({ chain: chainDef(), transport: http(chain.url), pollingInterval: 50 });
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  own = await compileOwnContracts(dataDir);
  factory = registry.vaultFactory as Address;
}, 120_000);

afterAll(async () => {
  if (!RUNS_HERE) return;
  await chain?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (Object.keys(gas).length) console.info(`LodestarVault gasUsed:\n${Object.entries(gas).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);
});

const tok = (symbol: string) => (registry.tokens.find((t) => t.symbol === symbol)?.address ?? "") as Address;
function pool(venue: string, a: string, b: string, fee?: number): Address {
  const [x, y] = [tok(a), tok(b)];
  const p = registry.pools.find((p) => p.venue === venue && p.fee === fee && [p.token0, p.token1].includes(x) && [p.token0, p.token1].includes(y));
  if (!p) throw new Error(`no ${venue} pool ${a}/${b} ${fee ?? ""}`);
  return p.address as Address;
}
const v2 = (a: string, b: string): Hop => ({ kind: HOP_KIND.v2, pool: pool("uniswap-v2", a, b), tokenIn: tok(a), tokenOut: tok(b) });
const v3 = (fee: number, a: string, b: string): Hop => ({ kind: HOP_KIND.v3, pool: pool("uniswap-v3", a, b, fee), tokenIn: tok(a), tokenOut: tok(b) });

async function quoteHop(h: Hop, amountIn: bigint): Promise<bigint> {
  if (h.kind === HOP_KIND.v2) {
    const router = registry.venues.find((v) => v.id === "uniswap-v2")!.router as Address;
    const amounts = (await client.readContract({ address: router, abi: npm.v2Router.abi, functionName: "getAmountsOut", args: [amountIn, [h.tokenIn, h.tokenOut]] })) as bigint[];
    return amounts[1]!;
  }
  const fee = registry.pools.find((p) => p.address === h.pool)!.fee!;
  const quoter = registry.venues.find((v) => v.id === "uniswap-v3")!.quoter as Address;
  const { result } = await client.simulateContract({
    address: quoter,
    abi: npm.quoterV2.abi,
    functionName: "quoteExactInputSingle",
    args: [{ tokenIn: h.tokenIn, tokenOut: h.tokenOut, amountIn, fee, sqrtPriceLimitX96: 0n }],
  });
  return (result as readonly bigint[])[0]!;
}
async function quote(paths: SwapPath[]): Promise<bigint> {
  let total = 0n;
  for (const p of paths) {
    let amount = p.amountIn;
    for (const h of p.hops) amount = await quoteHop(h, amount);
    total += amount;
  }
  return total;
}

const balance = (token: Address, who: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
const deadline = async () => (await client.getBlock()).timestamp + 600n;

async function send(account: PrivateKeyAccount, to: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], value = 0n): Promise<TransactionReceipt> {
  const wallet = createWalletClient({ account, chain: chainDef(), transport: http(chain.url) });
  const hash = await wallet.writeContract({ chain: chainDef(), account, address: to, abi, functionName, args, value, gas: 3_000_000n } as never);
  const receipt = await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 });
  expect(receipt.status, `${functionName} mined`).toBe("success");
  return receipt;
}
const asOwner = (functionName: string, args: readonly unknown[] = [], value = 0n) => send(owner, vault, lodestarVaultAbi as unknown as Abi, functionName, args, value);

function revertName(e: unknown): string | undefined {
  const r = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
  return r instanceof ContractFunctionRevertedError ? r.data?.errorName : undefined;
}
async function revertOf(account: PrivateKeyAccount | Address, functionName: string, args: readonly unknown[] = [], value = 0n): Promise<{ name?: string; args?: readonly unknown[] }> {
  const err = await client
    .simulateContract({ account, address: vault, abi: revertAbi, functionName, args, value } as never)
    .then(() => null, (e: unknown) => e);
  expect(err, `${functionName} should revert`).not.toBeNull();
  const r = err instanceof BaseError ? err.walk((x) => x instanceof ContractFunctionRevertedError) : null;
  return r instanceof ContractFunctionRevertedError ? { name: r.data?.errorName, args: r.data?.args } : { name: undefined };
}
const executeArgs = (tokenIn: Address, tokenOut: Address, amountIn: bigint, minOut: bigint, dl: bigint, paths: SwapPath[]) => [tokenIn, tokenOut, amountIn, minOut, dl, paths] as const;

// minOutPerInX18 from a reference quote of `amountIn`, scaled by `pct` %.
const boundFrom = (out: bigint, amountIn: bigint, pct: bigint) => (out * 10n ** 18n * pct) / (amountIn * 100n);

// A hostile "pool" for both hop kinds: as a V2 pair it reports huge reserves and keeps the
// input; as a V3 pool it collects the input through the executor's callback and claims an
// output it never pays. It also tries to pull the vault's funds while it has control.
const ATTACKER_SOURCE = `
pragma solidity ^0.8.28;
interface IVault { function withdraw(address token, uint256 amount) external; function execute(address, address, uint256, uint256, uint256, bytes calldata) external; }
interface ICallback { function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external; }
contract AttackerPool {
  address public immutable vault; address public immutable loot; bool public stole;
  constructor(address vault_, address loot_) { vault = vault_; loot = loot_; }
  function getReserves() external pure returns (uint112, uint112, uint32) { return (1e30, 1e30, 0); }
  function swap(uint256, uint256, address, bytes calldata) external { _raid(); }
  function swap(address, bool zeroForOne, int256 amountSpecified, uint160, bytes calldata) external returns (int256 a0, int256 a1) {
    (a0, a1) = zeroForOne ? (amountSpecified, -amountSpecified * 1000) : (-amountSpecified * 1000, amountSpecified);
    ICallback(msg.sender).uniswapV3SwapCallback(a0, a1, "");
    _raid();
  }
  function _raid() private {
    (bool ok,) = vault.call(abi.encodeCall(IVault.withdraw, (loot, 1)));
    if (ok) stole = true;
  }
}`;

async function deployAttacker(): Promise<Address> {
  const require = createRequire(import.meta.url);
  const solc = require("solc") as { compile: (input: string) => string };
  const input = {
    language: "Solidity",
    sources: { "AttackerPool.sol": { content: ATTACKER_SOURCE } },
    settings: { evmVersion: "cancun", outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as { contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>> };
  const c = out.contracts["AttackerPool.sol"]!.AttackerPool!;
  const wallet = createWalletClient({ account: keeper, chain: chainDef(), transport: http(chain.url) });
  const hash = await wallet.sendTransaction({ account: keeper, chain: chainDef(), data: encodeDeployData({ abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, args: [vault, tok("USDC")] }), gas: 3_000_000n });
  const receipt = await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 });
  return receipt.contractAddress!;
}

// Strips what the compiler adds beyond the ABI's meaning (internalType, anonymous: false).
function normaliseAbi(abi: Abi): unknown[] {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).filter(([k, x]) => k !== "internalType" && !(k === "anonymous" && x === false)).map(([k, x]) => [k, strip(x)]))
        : v;
  const key = (x: { type: string; name?: string }) => `${x.type} ${x.name ?? ""}`;
  return [...(abi as readonly { type: string; name?: string }[])]
    .filter((x) => x.type !== "constructor")
    .sort((a, b) => key(a).localeCompare(key(b)))
    .map(strip);
}

describe.skipIf(!RUNS_HERE)("LodestarVaultFactory", () => {
  it("has the ABIs of lib/web3/abi/vault.ts and is deployed bound to the executor", async () => {
    expect(normaliseAbi(own.LodestarVault!.abi)).toEqual(normaliseAbi(lodestarVaultAbi as unknown as Abi));
    expect(normaliseAbi(own.LodestarVaultFactory!.abi)).toEqual(normaliseAbi(lodestarVaultFactoryAbi as unknown as Abi));
    expect(await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "executor" })).toBe(registry.executor);
    expect(await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "weth" })).toBe(registry.weth);
  });

  it("creates one vault per owner at the CREATE2 address it predicts", async () => {
    const predicted = await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "predictVault", args: [owner.address] });
    const receipt = await send(owner, factory, lodestarVaultFactoryAbi as unknown as Abi, "createVault");
    gas["factory.createVault"] = receipt.gasUsed;
    const [ev] = parseEventLogs({ abi: lodestarVaultFactoryAbi, logs: receipt.logs, eventName: "VaultCreated" });
    expect(ev?.args).toEqual({ owner: owner.address, vault: predicted });
    vault = predicted;
    expect(await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "vaultOf", args: [owner.address] })).toBe(vault);
    const read = (functionName: "owner" | "executor" | "weth" | "factory" | "keeper") => client.readContract({ address: vault, abi: lodestarVaultAbi, functionName });
    expect([await read("owner"), await read("executor"), await read("weth"), await read("factory"), await read("keeper")]).toEqual([
      owner.address,
      registry.executor,
      registry.weth,
      factory,
      "0x0000000000000000000000000000000000000000",
    ]);
    const again = await client.simulateContract({ account: owner, address: factory, abi: lodestarVaultFactoryAbi, functionName: "createVault" }).then(() => null, (e: unknown) => e);
    expect(revertName(again)).toBe("VaultExists");
  });

  it("the deploy adds only the factory to a chain deployed before it, then does nothing", async () => {
    const old = readRegistryFile(dataDir, CHAIN_ID)!;
    writeRegistryFile(dataDir, { ...old, vaultFactory: null });
    const r = await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir });
    expect(r).toMatchObject({ skipped: false, transactions: 1, added: ["vault factory"] });
    expect({ ...r.registry, vaultFactory: null, deployedAt: null }).toEqual({ ...old, vaultFactory: null, deployedAt: null });
    expect(r.registry.vaultFactory).not.toBe(old.vaultFactory);
    expect(await client.readContract({ address: r.registry.vaultFactory as Address, abi: lodestarVaultFactoryAbi, functionName: "executor" })).toBe(old.executor);
    expect((await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).skipped).toBe(true);
    // Back to the original file for the rest of the file (the first factory holds our vault).
    writeRegistryFile(dataDir, old);
  });
});

describe.skipIf(!RUNS_HERE)("LodestarVault", () => {
  const usdc = () => tok("USDC");
  const weth = () => tok("WETH");
  const MAX_EXEC = parseUnits("1000", 6);
  const MAX_DAY = parseUnits("2500", 6);
  let usdcWethBound = 0n;

  it("takes deposits from the owner only; ETH is wrapped into WETH", async () => {
    await send(owner, usdc(), erc20Abi, "approve", [vault, parseUnits("20000", 6)]);
    const r1 = await asOwner("deposit", [usdc(), parseUnits("20000", 6)]);
    gas["vault.deposit (ERC-20)"] = r1.gasUsed;
    const r2 = await asOwner("depositETH", [], parseEther("5"));
    gas["vault.depositETH"] = r2.gasUsed;
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r2.logs, eventName: "Deposited" })[0]?.args).toEqual({ token: registry.weth, amount: parseEther("5") });
    expect(await balance(usdc(), vault)).toBe(parseUnits("20000", 6));
    expect(await balance(weth(), vault)).toBe(parseEther("5"));
    expect(await client.getBalance({ address: vault })).toBe(0n);
    expect((await revertOf(owner, "deposit", [usdc(), 0n])).name).toBe("ZeroAmount");
    expect((await revertOf(owner, "deposit", [NATIVE_TOKEN, 1n])).name).toBe("BadToken");
    // Plain ETH transfers are refused (only WETH may send ETH, when unwrapping).
    await expect(client.call({ account: owner, to: vault, value: 1n })).rejects.toThrow();
  });

  it("refuses every owner-only function to a stranger and to the keeper", async () => {
    for (const who of [stranger, keeper]) {
      const calls: [string, readonly unknown[], bigint?][] = [
        ["deposit", [usdc(), 1n]],
        ["depositETH", [], 1n],
        ["withdraw", [usdc(), 1n]],
        ["withdrawETH", [1n]],
        ["setKeeper", [who.address]],
        ["revokeKeeper", []],
        ["setTokenLimits", [usdc(), true, MAX_EXEC, MAX_DAY]],
        ["setPriceBound", [usdc(), weth(), 1n]],
      ];
      for (const [fn, args, value] of calls) expect((await revertOf(who, fn, args, value ?? 0n)).name, `${who.address} ${fn}`).toBe("NotOwner");
    }
  });

  it("refuses execute before a keeper is set", async () => {
    const paths = [{ amountIn: MAX_EXEC, hops: [v2("USDC", "WETH")] }];
    expect((await revertOf(keeper, "execute", executeArgs(usdc(), weth(), MAX_EXEC, 0n, await deadline(), paths))).name).toBe("NotKeeper");
  });

  it("lets the owner set the keeper, token limits and price bounds (events)", async () => {
    const r1 = await asOwner("setKeeper", [keeper.address]);
    gas["vault.setKeeper"] = r1.gasUsed;
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r1.logs, eventName: "KeeperSet" })[0]?.args).toEqual({ keeper: keeper.address });
    const r2 = await asOwner("setTokenLimits", [usdc(), true, MAX_EXEC, MAX_DAY]);
    gas["vault.setTokenLimits"] = r2.gasUsed;
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r2.logs, eventName: "LimitsSet" })[0]?.args).toEqual({ token: usdc(), allowed: true, maxPerExecution: MAX_EXEC, maxPerDay: MAX_DAY });
    await asOwner("setTokenLimits", [weth(), true, parseEther("1"), parseEther("2")]);
    // 90 % of the market's rate for the trade size used below.
    usdcWethBound = boundFrom(await quote([{ amountIn: MAX_EXEC, hops: [v2("USDC", "WETH")] }]), MAX_EXEC, 90n);
    const r3 = await asOwner("setPriceBound", [usdc(), weth(), usdcWethBound]);
    gas["vault.setPriceBound"] = r3.gasUsed;
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r3.logs, eventName: "PriceBoundSet" })[0]?.args).toEqual({ tokenIn: usdc(), tokenOut: weth(), minOutPerInX18: usdcWethBound });
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "keeper" })).toBe(keeper.address);
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "tokenLimits", args: [usdc()] })).toEqual([true, MAX_EXEC, MAX_DAY, 0n]);
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "priceBound", args: [usdc(), weth()] })).toBe(usdcWethBound);
    expect((await revertOf(owner, "setTokenLimits", [NATIVE_TOKEN, true, 1n, 1n])).name).toBe("BadToken");
    expect((await revertOf(owner, "setPriceBound", [usdc(), usdc(), 1n])).name).toBe("BadToken");
    expect((await revertOf(owner, "setKeeper", ["0x0000000000000000000000000000000000000000"])).name).toBe("ZeroAddress");
  });

  it("executes a keeper swap whose output lands in the vault (balances to the wei, approval reset)", async () => {
    // Start the daily window at a known UTC time: 01:00 of the next day.
    const test = createTestClient({ mode: "anvil", transport: http(chain.url) });
    const now = (await client.getBlock()).timestamp;
    await test.setNextBlockTimestamp({ timestamp: (now / DAY + 1n) * DAY + 3600n });
    await test.mine({ blocks: 1 });

    const paths = [{ amountIn: MAX_EXEC, hops: [v2("USDC", "WETH")] }];
    const expected = await quote(paths);
    const before = await Promise.all([balance(usdc(), vault), balance(weth(), vault), balance(usdc(), keeper.address), balance(weth(), keeper.address)]);
    const receipt = await send(keeper, vault, lodestarVaultAbi as unknown as Abi, "execute", executeArgs(usdc(), weth(), MAX_EXEC, expected, await deadline(), paths));
    gas["vault.execute 1 hop V2"] = receipt.gasUsed;
    const after = await Promise.all([balance(usdc(), vault), balance(weth(), vault), balance(usdc(), keeper.address), balance(weth(), keeper.address)]);
    expect(before[0]! - after[0]!).toBe(MAX_EXEC);
    expect(after[1]! - before[1]!).toBe(expected);
    expect([after[2], after[3]]).toEqual([before[2], before[3]]);
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: receipt.logs, eventName: "Executed" })[0]?.args).toEqual({ tokenIn: usdc(), tokenOut: weth(), amountIn: MAX_EXEC, amountOut: expected });
    expect(await client.readContract({ address: usdc(), abi: erc20Abi, functionName: "allowance", args: [vault, registry.executor as Address] })).toBe(0n);
    expect(await balance(usdc(), registry.executor as Address)).toBe(0n);
    expect(await balance(weth(), registry.executor as Address)).toBe(0n);
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "tokenLimits", args: [usdc()] })).toEqual([true, MAX_EXEC, MAX_DAY, MAX_EXEC]);
  });

  it("executes through a V3 pool and a V2 | V3 split (gas figures)", async () => {
    const amount = parseUnits("500", 6);
    const single = [{ amountIn: amount, hops: [v3(500, "USDC", "WETH")] }];
    const out1 = await quote(single);
    const w0 = await balance(weth(), vault);
    gas["vault.execute 1 hop V3"] = (await send(keeper, vault, lodestarVaultAbi as unknown as Abi, "execute", executeArgs(usdc(), weth(), amount, out1, await deadline(), single))).gasUsed;
    expect((await balance(weth(), vault)) - w0).toBe(out1);
    const split = [
      { amountIn: parseUnits("300", 6), hops: [v2("USDC", "WETH")] },
      { amountIn: parseUnits("200", 6), hops: [v3(500, "USDC", "WETH")] },
    ];
    const out2 = await quote(split);
    gas["vault.execute split V2 | V3"] = (await send(keeper, vault, lodestarVaultAbi as unknown as Abi, "execute", executeArgs(usdc(), weth(), amount, out2, await deadline(), split))).gasUsed;
    expect((await balance(weth(), vault)) - w0).toBe(out1 + out2);
    // Spent today: 1,000 + 500 + 500 of the 2,500 cap.
    expect((await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "tokenLimits", args: [usdc()] }))[3]).toBe(parseUnits("2000", 6));
  });

  it("enforces the per-execution cap and the daily cap, which resets at the next UTC day", async () => {
    const args = async (amount: bigint) => executeArgs(usdc(), weth(), amount, 0n, await deadline(), [{ amountIn: amount, hops: [v2("USDC", "WETH")] }]);
    const over = await revertOf(keeper, "execute", await args(MAX_EXEC + 1n));
    expect(over).toEqual({ name: "ExceedsPerExecution", args: [MAX_EXEC + 1n, MAX_EXEC] });
    // 2,000 spent: 600 does not fit in the 500 left, 500 does, then nothing does.
    const daily = await revertOf(keeper, "execute", await args(parseUnits("600", 6)));
    expect(daily).toEqual({ name: "ExceedsDailyCap", args: [parseUnits("600", 6), parseUnits("500", 6)] });
    await send(keeper, vault, lodestarVaultAbi as unknown as Abi, "execute", await args(parseUnits("500", 6)));
    expect((await revertOf(keeper, "execute", await args(1n))).name).toBe("ExceedsDailyCap");
    // 00:00:01 UTC the next day: a fresh cap.
    const test = createTestClient({ mode: "anvil", transport: http(chain.url) });
    const now = (await client.getBlock()).timestamp;
    await test.setNextBlockTimestamp({ timestamp: (now / DAY + 1n) * DAY + 1n });
    await test.mine({ blocks: 1 });
    expect((await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "tokenLimits", args: [usdc()] }))[3]).toBe(0n);
    await send(keeper, vault, lodestarVaultAbi as unknown as Abi, "execute", await args(MAX_EXEC));
  });

  it("refuses less than the keeper's minimum and less than the owner's price bound", async () => {
    const paths = [{ amountIn: parseUnits("100", 6), hops: [v2("USDC", "WETH")] }];
    const expected = await quote(paths);
    const keeperMin = await revertOf(keeper, "execute", executeArgs(usdc(), weth(), parseUnits("100", 6), expected + 1n, await deadline(), paths));
    expect(keeperMin).toEqual({ name: "InsufficientOutput", args: [expected, expected + 1n] });
    // The owner tightens the bound above the market: even minOut 0 cannot trade.
    await asOwner("setPriceBound", [usdc(), weth(), boundFrom(expected, parseUnits("100", 6), 110n)]);
    const bound = await revertOf(keeper, "execute", executeArgs(usdc(), weth(), parseUnits("100", 6), 0n, await deadline(), paths));
    expect(bound.name).toBe("PriceBoundNotMet");
    expect(bound.args?.[0]).toBe(expected);
    expect((bound.args?.[1] as bigint) > expected).toBe(true);
    await asOwner("setPriceBound", [usdc(), weth(), usdcWethBound]);
  });

  it("refuses tokens the owner has not allowed and pairs without a price bound", async () => {
    const dai = tok("DAI");
    const p = (a: string, b: string) => [{ amountIn: 100n, hops: [v2(a, b)] }];
    expect(await revertOf(keeper, "execute", executeArgs(dai, weth(), 100n, 0n, await deadline(), p("DAI", "WETH")))).toEqual({ name: "TokenNotAllowed", args: [dai] });
    expect(await revertOf(keeper, "execute", executeArgs(usdc(), dai, 100n, 0n, await deadline(), p("USDC", "DAI")))).toEqual({ name: "TokenNotAllowed", args: [dai] });
    expect(await revertOf(keeper, "execute", executeArgs(weth(), usdc(), 100n, 0n, await deadline(), p("WETH", "USDC")))).toEqual({ name: "NoPriceBound", args: [weth(), usdc()] });
  });

  it("cannot pay out anywhere but the vault: no recipient or target to pass, hostile routes revert with nothing moved", async () => {
    const execute = lodestarVaultAbi.find((x) => x.type === "function" && x.name === "execute")!;
    expect(execute.inputs.map((i) => i.name)).toEqual(["tokenIn", "tokenOut", "amountIn", "minOut", "deadline", "paths"]);
    const attacker = await deployAttacker();
    const amount = parseUnits("100", 6);
    const holdings = async () => Promise.all([balance(usdc(), vault), balance(weth(), vault), balance(usdc(), attacker), balance(usdc(), keeper.address)]);
    const before = await holdings();
    const routes: [string, Hop][] = [
      ["attacker as V2 pair", { kind: HOP_KIND.v2, pool: attacker, tokenIn: usdc(), tokenOut: weth() }],
      ["attacker as V3 pool", { kind: HOP_KIND.v3, pool: attacker, tokenIn: usdc(), tokenOut: weth() }],
      ["keeper EOA as V2 pair", { kind: HOP_KIND.v2, pool: keeper.address, tokenIn: usdc(), tokenOut: weth() }],
      ["the vault as V2 pair", { kind: HOP_KIND.v2, pool: vault, tokenIn: usdc(), tokenOut: weth() }],
      ["a USDC/DAI pair for USDC→WETH", { kind: HOP_KIND.v2, pool: pool("uniswap-v2", "USDC", "DAI"), tokenIn: usdc(), tokenOut: weth() }],
    ];
    for (const [label, hop] of routes) {
      const args = executeArgs(usdc(), weth(), amount, 0n, await deadline(), [{ amountIn: amount, hops: [hop] }]);
      await revertOf(keeper, "execute", args);
      // Mined with a fixed gas limit too: it reverts on chain and nothing moves.
      const wallet = createWalletClient({ account: keeper, chain: chainDef(), transport: http(chain.url) });
      const hash = await wallet.writeContract({ chain: chainDef(), account: keeper, address: vault, abi: lodestarVaultAbi, functionName: "execute", args, gas: 1_000_000n });
      expect((await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 })).status, label).toBe("reverted");
      expect(await holdings(), label).toEqual(before);
    }
    expect(await client.readContract({ address: attacker, abi: [{ type: "function", name: "stole", stateMutability: "view", inputs: [], outputs: [{ type: "bool", name: "" }] }], functionName: "stole" })).toBe(false);
  });

  it("lets the owner withdraw at any time, with the keeper set and limits in place", async () => {
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "keeper" })).toBe(keeper.address);
    const [u0, w0, e0] = await Promise.all([balance(usdc(), owner.address), balance(weth(), vault), client.getBalance({ address: owner.address })]);
    const r1 = await asOwner("withdraw", [usdc(), parseUnits("1000", 6)]);
    gas["vault.withdraw (ERC-20)"] = r1.gasUsed;
    expect((await balance(usdc(), owner.address)) - u0).toBe(parseUnits("1000", 6));
    const r2 = await asOwner("withdrawETH", [parseEther("1")]);
    gas["vault.withdrawETH"] = r2.gasUsed;
    expect(w0 - (await balance(weth(), vault))).toBe(parseEther("1"));
    const ethGas = r1.gasUsed * r1.effectiveGasPrice + r2.gasUsed * r2.effectiveGasPrice;
    expect((await client.getBalance({ address: owner.address })) - e0 + ethGas).toBe(parseEther("1"));
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r2.logs, eventName: "Withdrawn" })[0]?.args).toEqual({ token: registry.weth, amount: parseEther("1") });
  });

  it("stops the keeper with one revoke transaction", async () => {
    const r = await asOwner("revokeKeeper");
    gas["vault.revokeKeeper"] = r.gasUsed;
    expect(parseEventLogs({ abi: lodestarVaultAbi, logs: r.logs, eventName: "KeeperRevoked" })[0]?.args).toEqual({ keeper: keeper.address });
    const paths = [{ amountIn: 100n, hops: [v2("USDC", "WETH")] }];
    expect((await revertOf(keeper, "execute", executeArgs(usdc(), weth(), 100n, 0n, await deadline(), paths))).name).toBe("NotKeeper");
    expect((await revertOf(stranger, "execute", executeArgs(usdc(), weth(), 100n, 0n, await deadline(), paths))).name).toBe("NotKeeper");
    // Everything left is still the owner's to take.
    const left = await balance(usdc(), vault);
    await asOwner("withdraw", [usdc(), left]);
    expect(await balance(usdc(), vault)).toBe(0n);
  });

  it("reports the executor's own gas for the same swap (vault overhead reference)", async () => {
    const amount = parseUnits("1000", 6);
    await send(owner, usdc(), erc20Abi, "approve", [registry.executor as Address, amount]);
    const paths = [{ amountIn: amount, hops: [v2("USDC", "WETH")] }];
    const r = await send(owner, registry.executor as Address, lodestarExecutorAbi as unknown as Abi, "swap", [usdc(), weth(), amount, 0n, owner.address, await deadline(), paths]);
    gas["ref: executor.swap 1 hop V2 (no vault)"] = r.gasUsed;
    expect(gas["vault.execute 1 hop V2"]! - r.gasUsed).toBeLessThan(80_000n);
  });
});
