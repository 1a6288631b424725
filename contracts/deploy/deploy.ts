// Deploys Lodestar's local protocol set on one chain (tokens, Uniswap V2 + SushiSwap, Uniswap
// V3 with concentrated positions, dev-account faucet) and writes its registry. Idempotent: a
// chain whose registry addresses all have code is left alone.
import {
  createTestClient,
  encodeAbiParameters,
  encodePacked,
  erc20Abi,
  getAddress,
  getCreate2Address,
  http,
  keccak256,
  maxUint256,
  parseEther,
  stringToHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { MULTICALL3_ADDRESS } from "@/lib/web3/chains";
import type { ChainRegistry, RegistryPool, RegistryToken, RegistryVenue, VenueId } from "@/lib/web3/registry/schema";
import { compileOwnContracts, initCodeHash, loadNpmArtifacts, REPO_ROOT, type Artifact, type NpmArtifacts } from "./artifacts";
import { latestClosesE8, SUSHI_DEPTH_PCT, TOKENS, V2_POOLS, V3_POOLS, V3_RANGES, VENUES, venuePriceE8 } from "./config";
import { amountForUsd, rangeAround, sqrtPriceX96FromPrices, TICK_SPACING, tickAtSqrtPrice } from "./math";
import { addressesWithoutCode, readRegistryFile, writeRegistryFile } from "./registry-file";
import { GAS, TxSender } from "./tx";

// anvil's dev accounts 0–9 for the standard mnemonic; each gets test tokens.
export const DEV_ACCOUNTS: readonly Address[] = [
  "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
  "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
  "0x976ea74026e726554db657fa54763abd0c3a0aa9",
  "0x14dc79964da2c08b23698b3d3cc7ca32193d9955",
  "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f",
  "0xa0ee7a142d267c1f36714e4a8f75612f20a79720",
].map((a) => getAddress(a));

export type DeployOptions = { rpcUrl: string; chainId: number; dataDir: string };
/** `added`: what an existing deployment was completed with (absent for a full deploy or a no-op). */
export type DeployResult = { registry: ChainRegistry; skipped: boolean; transactions: number; ms: number; added?: string[] };

const usdE8 = (usd: number) => BigInt(Math.round(usd)) * 10n ** 8n;
const sortPair = (a: Address, b: Address): [Address, Address] => (a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a]);

export async function deployChain(opts: DeployOptions): Promise<DeployResult> {
  const started = Date.now();
  const existing = readRegistryFile(opts.dataDir, opts.chainId);
  if (existing) {
    const missing = await addressesWithoutCode(opts.rpcUrl, existing);
    if (missing.length === 0 && existing.executor && existing.vaultFactory) return { registry: existing, skipped: true, transactions: 0, ms: Date.now() - started };
    // A chain deployed before the executor or the vault factory (or with Multicall3 gone)
    // keeps its tokens and pools: only the missing pieces are added.
    const addOns = [existing.executor, existing.vaultFactory, existing.multicall3];
    if (missing.every((a) => addOns.includes(a))) return completeChain(opts, existing, missing, started);
  }
  const [own, npm] = [await compileOwnContracts(opts.dataDir), loadNpmArtifacts()];
  const testToken = own.TestToken;
  if (!testToken) throw new Error("contracts/src: TestToken did not compile");
  await placeMulticall3(opts.rpcUrl, own);
  const closes = latestClosesE8(REPO_ROOT);
  const tx = await TxSender.create(opts.rpcUrl, opts.chainId);

  // 1. Tokens: WETH9 from its npm build, the rest our TestToken.
  const weth = await tx.deploy(npm.weth9.abi, npm.weth9.bytecode);
  const tokens: RegistryToken[] = [];
  for (const t of TOKENS) {
    const address = t.symbol === "WETH" ? weth : await tx.deploy(testToken.abi, testToken.bytecode, [t.name, t.symbol, t.decimals]);
    tokens.push({ symbol: t.symbol, name: t.name, address, decimals: t.decimals, logo: t.symbol.toLowerCase(), category: t.category, verified: true });
  }
  const tok = (symbol: string) => tokens.find((t) => t.symbol === symbol) ?? raise(`unknown token ${symbol}`);

  // 2. Venues.
  const venues = await deployVenues(tx, npm, weth);

  // 3. Plan every pool's amounts, then mint/wrap the totals once.
  const v2Plan = planV2(venues, tok, closes);
  const v3Plan = planV3(tok, closes);
  const needs = new Map<string, bigint>();
  const add = (symbol: string, amount: bigint) => needs.set(symbol, (needs.get(symbol) ?? 0n) + amount);
  for (const p of v2Plan) {
    add(p.token0.symbol, p.amount0);
    add(p.token1.symbol, p.amount1);
  }
  for (const p of v3Plan) {
    for (const pos of p.positions) {
      add(p.token0.symbol, pos.amount0);
      add(p.token1.symbol, pos.amount1);
    }
  }
  await fundDeployer(tx, npm, testToken.abi, tokens, needs);
  await runFaucet(tx, testToken.abi, tokens);

  // 4–5. Pools.
  const pools = [...(await seedV2(tx, npm, v2Plan)), ...(await seedV3(tx, npm, venues, tokens, v3Plan))];

  // 6. Our executor, then the vault factory bound to it, last, so every other address stays
  // what it was before they existed.
  const executor = await deployExecutor(tx, own, weth);
  const vaultFactory = await deployVaultFactory(tx, own, executor);

  const lastBlock = await tx.confirmAll();
  const registry: ChainRegistry = { chainId: opts.chainId, deployedAt: Number(lastBlock), weth, executor, vaultFactory, multicall3: MULTICALL3_ADDRESS, tokens, venues, pools };
  writeRegistryFile(opts.dataDir, registry);
  return { registry, skipped: false, transactions: tx.hashes.length, ms: Date.now() - started };
}

// Adds the executor, the vault factory and/or Multicall3 to an otherwise live deployment. The
// factory's executor is immutable, so a new executor also gets a new factory (vaults created
// by the old factory keep working against the old executor, which still has its code).
async function completeChain(opts: DeployOptions, existing: ChainRegistry, missing: string[], started: number): Promise<DeployResult> {
  const own = await compileOwnContracts(opts.dataDir);
  await placeMulticall3(opts.rpcUrl, own);
  const tx = await TxSender.create(opts.rpcUrl, opts.chainId);
  const live = (a: string | null): a is string => !!a && !missing.includes(a);
  const executor = live(existing.executor) ? existing.executor : await deployExecutor(tx, own, existing.weth as Address);
  const vaultFactory = live(existing.vaultFactory) && executor === existing.executor ? existing.vaultFactory : await deployVaultFactory(tx, own, executor as Address);
  const lastBlock = tx.hashes.length ? Number(await tx.confirmAll()) : existing.deployedAt;
  const registry: ChainRegistry = { ...existing, deployedAt: lastBlock, executor, vaultFactory, multicall3: MULTICALL3_ADDRESS };
  writeRegistryFile(opts.dataDir, registry);
  const added = [executor !== existing.executor && "executor", vaultFactory !== existing.vaultFactory && "vault factory", missing.includes(existing.multicall3) && "Multicall3"].filter((x): x is string => !!x);
  return { registry, skipped: false, transactions: tx.hashes.length, ms: Date.now() - started, added };
}

function deployExecutor(tx: TxSender, own: Record<string, Artifact>, weth: Address): Promise<Address> {
  const executor = own.LodestarExecutor ?? raise("contracts/src: LodestarExecutor did not compile");
  return tx.deploy(executor.abi, executor.bytecode, [weth]);
}

function deployVaultFactory(tx: TxSender, own: Record<string, Artifact>, executor: Address): Promise<Address> {
  const factory = own.LodestarVaultFactory ?? raise("contracts/src: LodestarVaultFactory did not compile");
  return tx.deploy(factory.abi, factory.bytecode, [executor]);
}

// Multicall3's runtime code at its canonical address (anvil_setCode: no transaction, no
// deployer nonce), so viem's `multicall` works on the local chains as on public ones.
async function placeMulticall3(rpcUrl: string, own: Record<string, Artifact>): Promise<void> {
  const code = own.Multicall3?.deployedBytecode ?? raise("contracts/src: Multicall3 did not compile");
  await createTestClient({ mode: "anvil", transport: http(rpcUrl) }).setCode({ address: MULTICALL3_ADDRESS, bytecode: code });
}

// V2 pairs: create, transfer both reserves in, mint the LP tokens to the deployer.
async function seedV2(tx: TxSender, npm: NpmArtifacts, plan: ReturnType<typeof planV2>): Promise<RegistryPool[]> {
  const pools: RegistryPool[] = [];
  for (const p of plan) {
    await tx.call(p.venue.factory as Address, npm.v2Factory.abi, "createPair", [p.token0.address, p.token1.address], { gas: GAS.createPool });
    await tx.call(p.token0.address as Address, erc20Abi, "transfer", [p.pair, p.amount0]);
    await tx.call(p.token1.address as Address, erc20Abi, "transfer", [p.pair, p.amount1]);
    await tx.call(p.pair, npm.v2Pair.abi, "mint", [tx.address]);
    pools.push({ venue: p.venue.id, address: p.pair, token0: p.token0.address, token1: p.token1.address });
  }
  return pools;
}

// V3 pools: create + initialise at the seed price, then mint the concentrated positions.
async function seedV3(tx: TxSender, npm: NpmArtifacts, venues: RegistryVenue[], tokens: RegistryToken[], plan: ReturnType<typeof planV3>): Promise<RegistryPool[]> {
  const pools: RegistryPool[] = [];
  const v3 = venues.find((v) => v.id === "uniswap-v3")!;
  const npmAddr = v3.positionManager as Address;
  for (const t of tokens) await tx.call(t.address as Address, erc20Abi, "approve", [npmAddr, maxUint256]);
  for (const p of plan) {
    const [t0, t1] = [p.token0.address as Address, p.token1.address as Address];
    await tx.call(npmAddr, npm.positionManager.abi, "createAndInitializePoolIfNecessary", [t0, t1, p.fee, p.sqrtPriceX96], { gas: GAS.createPool });
    for (const pos of p.positions) {
      const params = { token0: t0, token1: t1, fee: p.fee, tickLower: pos.tickLower, tickUpper: pos.tickUpper, amount0Desired: pos.amount0, amount1Desired: pos.amount1, amount0Min: 0n, amount1Min: 0n, recipient: tx.address, deadline: maxUint256 };
      await tx.call(npmAddr, npm.positionManager.abi, "mint", [params], { gas: GAS.mintPosition });
    }
    const salt = keccak256(encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "uint24" }], [t0, t1, p.fee]));
    const address = getCreate2Address({ from: v3.factory as Address, salt, bytecodeHash: v3.initCodeHash as Hex });
    pools.push({ venue: "uniswap-v3", address, token0: t0, token1: t1, fee: p.fee });
  }
  return pools;
}

function raise(message: string): never {
  throw new Error(message);
}

async function deployVenues(tx: TxSender, npm: NpmArtifacts, weth: Address): Promise<RegistryVenue[]> {
  const venues: RegistryVenue[] = [];
  for (const spec of VENUES.filter((v) => v.kind === "v2")) {
    const factory = await tx.deploy(npm.v2Factory.abi, npm.v2Factory.bytecode, [tx.address]);
    const router = await tx.deploy(npm.v2Router.abi, npm.v2Router.bytecode, [factory, weth]);
    venues.push({ id: spec.id, name: spec.name, kind: "v2", factory, router, initCodeHash: initCodeHash(npm.v2Pair), verified: true });
  }
  const spec = VENUES.find((v) => v.kind === "v3")!;
  const factory = await tx.deploy(npm.v3Factory.abi, npm.v3Factory.bytecode);
  const router = await tx.deploy(npm.swapRouter.abi, npm.swapRouter.bytecode, [factory, weth]);
  const quoter = await tx.deploy(npm.quoterV2.abi, npm.quoterV2.bytecode, [factory, weth]);
  const library = await tx.deploy(npm.nftDescriptorLib.abi, npm.nftDescriptorLib.bytecode);
  const descriptor = await tx.deploy(npm.positionDescriptor.abi, npm.positionDescriptor.link(library), [weth, stringToHex("ETH", { size: 32 })]);
  const positionManager = await tx.deploy(npm.positionManager.abi, npm.positionManager.bytecode, [factory, weth, descriptor]);
  venues.push({
    id: spec.id, name: spec.name, kind: "v3", factory, router, quoter, positionManager,
    initCodeHash: initCodeHash(npm.v3Pool), feeTiers: [500, 3000, 10000], verified: true,
  });
  return venues;
}

type Tok = (symbol: string) => RegistryToken;

function planV2(venues: RegistryVenue[], tok: Tok, closes: Record<string, bigint>) {
  return venues
    .filter((v) => v.kind === "v2")
    .flatMap((venue) =>
      V2_POOLS.map((p) => {
        const tvl = venue.id === "sushiswap" ? (p.tvlUsd * SUSHI_DEPTH_PCT) / 100 : p.tvlUsd;
        const [a, b] = [tok(p.a), tok(p.b)];
        const [token0, token1] = a.address.toLowerCase() < b.address.toLowerCase() ? [a, b] : [b, a];
        const side = usdE8(tvl / 2);
        const amount0 = amountForUsd(side, venuePriceE8(venue.id, token0.symbol, closes), token0.decimals);
        const amount1 = amountForUsd(side, venuePriceE8(venue.id, token1.symbol, closes), token1.decimals);
        const salt = keccak256(encodePacked(["address", "address"], [token0.address as Address, token1.address as Address]));
        const pair = getCreate2Address({ from: venue.factory as Address, salt, bytecodeHash: venue.initCodeHash as Hex });
        return { venue, token0, token1, amount0, amount1, pair };
      }),
    );
}

function planV3(tok: Tok, closes: Record<string, bigint>) {
  const venue: VenueId = "uniswap-v3";
  return V3_POOLS.map((p) => {
    const [token0, token1] = sortPair(tok(p.a).address as Address, tok(p.b).address as Address).map((a) => tokByAddress(tok, p, a));
    const [p0, p1] = [venuePriceE8(venue, token0!.symbol, closes), venuePriceE8(venue, token1!.symbol, closes)];
    const sqrtPriceX96 = sqrtPriceX96FromPrices(p0, token0!.decimals, p1, token1!.decimals);
    const tick = tickAtSqrtPrice(sqrtPriceX96);
    const positions = V3_RANGES.map((r) => {
      const half = usdE8((p.tvlUsd * r.sharePct) / 100 / 2);
      return { ...rangeAround(tick, r.widthBps, TICK_SPACING[p.fee]!), amount0: amountForUsd(half, p0, token0!.decimals), amount1: amountForUsd(half, p1, token1!.decimals) };
    });
    return { token0: token0!, token1: token1!, fee: p.fee, sqrtPriceX96, positions };
  });
}

function tokByAddress(tok: Tok, p: { a: string; b: string }, address: Address): RegistryToken {
  const a = tok(p.a);
  return a.address === address ? a : tok(p.b);
}

// Mints the deployer what the pools need of each token and wraps the WETH it needs. On anvil
// the deployer's ETH is topped up first when 10,000 ETH is not enough.
async function fundDeployer(tx: TxSender, npm: NpmArtifacts, tokenAbi: Abi, tokens: RegistryToken[], needs: Map<string, bigint>) {
  const wethNeed = needs.get("WETH") ?? 0n;
  const balance = await tx.client.getBalance({ address: tx.address });
  const wanted = wethNeed + parseEther("1000");
  if (balance < wanted) {
    const anvil = createTestClient({ mode: "anvil", transport: http(tx.rpcUrl) });
    await anvil.setBalance({ address: tx.address, value: wanted + parseEther("10000") });
  }
  for (const t of tokens) {
    const need = needs.get(t.symbol) ?? 0n;
    if (need === 0n) continue;
    if (t.symbol === "WETH") await tx.call(t.address as Address, npm.weth9.abi, "deposit", [], { value: need });
    else await tx.call(t.address as Address, tokenAbi, "mint", [tx.address, need]);
  }
}

// Gives each dev account (0–9) test tokens so the test wallet can trade at once.
async function runFaucet(tx: TxSender, tokenAbi: Abi, tokens: RegistryToken[]) {
  for (const spec of TOKENS) {
    if (spec.faucet === 0n) continue;
    const t = tokens.find((x) => x.symbol === spec.symbol)!;
    const amount = spec.faucet * 10n ** BigInt(spec.decimals);
    for (const account of DEV_ACCOUNTS) await tx.call(t.address as Address, tokenAbi, "mint", [account, amount]);
  }
}
